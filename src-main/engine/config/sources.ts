// Where each effective value comes from: the environment beats the file, the file beats the default.
import type { ConfigSource } from '../../../src-shared/ipc.ts';
import type { z } from '../../../src-shared/zod.ts';
import { hasPath, leafPaths } from './schema-paths.ts';

export type Source = z.infer<typeof ConfigSource>;

/** dotted leaf path → source, for every key of the schema. */
export function configSources(fileValue: unknown, envPaths: ReadonlySet<string> | ReadonlyMap<string, unknown>): Record<string, Source> {
  const out: Record<string, Source> = {};
  for (const p of leafPaths()) out[p] = envPaths.has(p) ? 'env' : hasPath(fileValue, p) ? 'file' : 'default';
  return out;
}
