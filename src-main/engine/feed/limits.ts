// What the config's `limits:` say about reading market-data files, as OpenOptions.
import { mib, type Config } from '../../../src-shared/config.ts';
import type { OpenOptions } from './types.ts';

export function feedLimits(c: Config): Pick<OpenOptions, 'maxBytes' | 'maxLineBytes'> {
  return { maxBytes: mib(c.limits.max_file_mb), maxLineBytes: c.limits.max_line_kb * 1024 };
}
