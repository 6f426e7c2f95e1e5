// One source's samples on disk (.cache/train/<key>.json), so re-running the evaluation does not
// replay years of 30m bars through MMD again. The key is the SHA-256 of everything the samples
// depend on: the data files' bytes, the source definition, the profile's config and the code
// (code-hash.ts). A sample keeps the model's 41 features (the newest row of each matrix), not the
// 3,300 matrix values: the model reads nothing else (features.ts).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../../src-shared/config.ts';
import { FEATURE_SCHEMA, type MatrixSchema } from '../features/schema.ts';
import type { DecisionMatrices } from '../decision/model.ts';
import { newestRow } from './features.ts';
import type { Sample, SourceReport } from './dataset.ts';
import type { Source } from './sources.ts';

/** bump when the file layout below changes */
export const CACHE_FORMAT = 1;

/** A sample as the evaluation uses it: the features instead of the matrices. */
export type FeatureSample = Omit<Sample, 'matrices'> & { x: Float64Array };

export interface CachedSource {
  key: string;
  report: SourceReport;
  samples: FeatureSample[];
}

export const toFeatureSample = ({ matrices, ...rest }: Sample): FeatureSample => ({ ...rest, x: newestRow(matrices) });

/** Matrices that hold the features on the newest rows and zeros elsewhere: what a newest-row model reads of the real ones. */
export function sparseMatrices(x: ArrayLike<number>, schema: readonly MatrixSchema[] = FEATURE_SCHEMA): DecisionMatrices {
  const out: Record<string, Float32Array> = {};
  let k = 0;
  for (const s of schema) {
    const f = s.features.length, m = new Float32Array(s.rows * f);
    for (let j = 0; j < f; j++) m[(s.rows - 1) * f + j] = x[k++]!;
    out[s.name] = m;
  }
  return out as unknown as DecisionMatrices;
}

export function cacheKey(src: Source, config: Config, dataDir: string, code: string): string {
  const files = [...src.files, ...(src.warm30 ? [src.warm30] : [])];
  const h = createHash('sha256');
  h.update(JSON.stringify({ format: CACHE_FORMAT, src, config, code }));
  for (const f of files) h.update(`\0${f}\0`).update(readFileSync(join(dataDir, f)));
  return h.digest('hex');
}

export const cachePath = (dir: string, key: string): string => join(dir, `${key}.json`);

export function readCache(dir: string, key: string): CachedSource | null {
  const p = cachePath(dir, key);
  if (!existsSync(p)) return null;
  const j = JSON.parse(readFileSync(p, 'utf8')) as { key: string; report: SourceReport; samples: (Omit<FeatureSample, 'x'> & { x: number[] })[] };
  if (j.key !== key) return null;
  return { key, report: j.report, samples: j.samples.map((s) => ({ ...s, x: Float64Array.from(s.x) })) };
}

/** Written to a temporary name first, then renamed: a killed run never leaves a half file under the key. */
export function writeCache(dir: string, c: CachedSource): void {
  mkdirSync(dir, { recursive: true });
  const p = cachePath(dir, c.key), tmp = `${p}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ key: c.key, report: c.report, samples: c.samples.map((s) => ({ ...s, x: Array.from(s.x) })) }));
  renameSync(tmp, p);
}
