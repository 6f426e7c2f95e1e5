// A tiny deterministic logistic model for tests and for a placeholder models/ file until a trained
// one exists. All weights are zero except one per matrix, on the newest row, so p is easy to
// reason about: logit = −0.2 + 0.5·mlmi_value + 0.25·price_momentum_5 − 0.1·mmd_normal_market.
import { FEATURE_SCHEMA, featureSchemaHash, type MatrixSchema } from '../features/schema.ts';
import type { LogisticSpec } from './onnx-writer.ts';

const NONZERO: Readonly<Record<string, { feature: string; w: number }>> = {
  structure_30m: { feature: 'mlmi_value', w: 0.5 },
  tactical_5m: { feature: 'price_momentum_5', w: 0.25 },
  regime_30m: { feature: 'mmd_normal_market', w: -0.1 },
};

export function tinyLogisticSpec(schema: readonly MatrixSchema[] = FEATURE_SCHEMA): LogisticSpec {
  const weights: Record<string, Float32Array> = {};
  for (const m of schema) {
    const f = m.features.length;
    const w = new Float32Array(m.rows * f);
    const nz = NONZERO[m.name];
    const col = nz ? m.features.indexOf(nz.feature) : -1;
    if (nz && col >= 0) w[(m.rows - 1) * f + col] = nz.w; // newest row is the last one
    weights[m.name] = w;
  }
  return { weights, bias: -0.2, featureSchemaHash: featureSchemaHash(schema), inputs: schema };
}
