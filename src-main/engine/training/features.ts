// The trained model's features: the newest row of each matrix (8 + 7 + 26 = 41 values). With tens
// to a few hundred samples, 3,300 inputs (every row) would only be memorised; the newest row is what
// the assemblers computed at the decision bar.
// The ONNX model still takes the full matrices (the loader checks their shapes): the weights of
// every older row are zero, and the newest row's weights sit at its place, row-major with the
// oldest row first (as tiny-model.ts places its weights).
import { FEATURE_SCHEMA, type MatrixSchema } from '../features/schema.ts';
import type { DecisionMatrices } from '../decision/model.ts';

export interface FeatureRef {
  matrix: MatrixSchema['name'];
  column: number;
  /** `matrix.feature`, e.g. structure_30m.mlmi_value */
  name: string;
}

export function newestRowFeatures(schema: readonly MatrixSchema[] = FEATURE_SCHEMA): FeatureRef[] {
  return schema.flatMap((m) => m.features.map((f, column) => ({ matrix: m.name, column, name: `${m.name}.${f}` })));
}

/** The newest row of each matrix, concatenated in schema order (float32 values widened exactly). */
export function newestRow(m: DecisionMatrices, schema: readonly MatrixSchema[] = FEATURE_SCHEMA): Float64Array {
  const out = new Float64Array(schema.reduce((n, s) => n + s.features.length, 0));
  let k = 0;
  for (const s of schema) {
    const f = s.features.length;
    const data = m[s.name];
    if (data.length !== s.rows * f) throw new Error(`${s.name}: expected ${s.rows * f} values, got ${data.length}`);
    const base = (s.rows - 1) * f;
    for (let j = 0; j < f; j++) out[k++] = data[base + j]!;
  }
  return out;
}

/** Full-size weight vectors per matrix with `w` (one weight per newest-row feature) on the newest row. */
export function placeNewestRow(w: ArrayLike<number>, schema: readonly MatrixSchema[] = FEATURE_SCHEMA): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  let k = 0;
  for (const s of schema) {
    const f = s.features.length;
    const full = new Float32Array(s.rows * f);
    for (let j = 0; j < f; j++) full[(s.rows - 1) * f + j] = w[k++]!;
    out[s.name] = full;
  }
  if (k !== w.length) throw new Error(`placeNewestRow: ${w.length} weights for ${k} features`);
  return out;
}

/**
 * The logit the ONNX graph computes (Σ over matrices of flat·W, plus bias), in float64 on the
 * float32 weights it holds: ORT's float32 sums then differ only by rounding (checked at training).
 */
export function fullLogit(m: DecisionMatrices, weights: Readonly<Record<string, Float32Array>>, bias: number,
  schema: readonly MatrixSchema[] = FEATURE_SCHEMA): number {
  let z = Math.fround(bias);
  for (const s of schema) {
    const x = m[s.name], w = weights[s.name]!;
    for (let i = 0; i < w.length; i++) if (w[i] !== 0) z += x[i]! * w[i]!;
  }
  return z;
}
