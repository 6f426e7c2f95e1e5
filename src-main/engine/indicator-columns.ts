// The column order of the `indicators` CLI and of the stored values: 30m-stage columns, then 5m-stage.
import { COLUMNS_30M } from './indicators/stage-30m.ts';
import { COLUMNS_5M } from './indicators/stage-5m.ts';
import { createHash } from 'node:crypto';
import type { Config } from '../../src-shared/config.ts';

export const INDICATOR_COLUMNS: readonly string[] = [...COLUMNS_30M, ...COLUMNS_5M];
export { COLUMNS_30M, COLUMNS_5M };

/** Identifies the indicator parameters stored values were computed with. */
export function indicatorConfigHash(config: Config): string {
  return createHash('sha256').update(JSON.stringify({ indicators: config.indicators, matrices: config.matrices })).digest('hex').slice(0, 16);
}
