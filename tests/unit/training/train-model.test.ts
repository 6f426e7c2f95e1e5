// The training function on a small synthetic dataset (seeded): determinism, the newest-row weight
// layout, and that the written ONNX model predicts what TypeScript predicts.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../../src-main/engine/indicators/prng.ts';
import { FEATURE_SCHEMA } from '../../../src-main/engine/features/schema.ts';
import type { DecisionMatrices } from '../../../src-main/engine/decision/model.ts';
import { loadDecisionModel } from '../../../src-main/engine/decision/model.ts';
import { logisticModelBytes } from '../../../src-main/engine/decision/onnx-writer.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel } from '../../../src-main/engine/training/train-model.ts';
import { fullLogit, newestRow, newestRowFeatures, placeNewestRow } from '../../../src-main/engine/training/features.ts';
import { predict, sigmoid } from '../../../src-main/engine/training/logistic.ts';

const H = 3_600_000;

/** n samples with random matrices; the label leans on mlmi_value and price_momentum_5 of the newest rows */
function dataset(n: number, seed: number) {
  const u = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const m: Record<string, Float32Array> = {};
    for (const s of FEATURE_SCHEMA) m[s.name] = Float32Array.from({ length: s.rows * s.features.length }, () => 2 * u() - 1);
    m.regime_30m![95 * 26 + 3] = 0.25; // a constant newest-row feature: zero variance
    const x = newestRow(m as DecisionMatrices);
    const label: 0 | 1 = u() < sigmoid(2 * x[0]! - 1.5 * x[12]!) ? 1 : 0;
    return { time: i * H, knownAt: i * H + H / 2, matrices: m as DecisionMatrices, outcome: { label } };
  });
}

const dir = mkdtempSync(join(tmpdir(), 'algospace-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('newest-row features', () => {
  it('41 features, the newest row of each matrix, placed back at the same positions', () => {
    const names = newestRowFeatures();
    expect(names.length).toBe(41);
    expect(names[0]!.name).toBe('structure_30m.mlmi_value');
    expect(names[8]!.name).toBe('tactical_5m.fvg_bullish_active');
    expect(names[40]!.name).toBe('regime_30m.price_acceleration_30');
    const m = dataset(1, 9)[0]!.matrices;
    const x = newestRow(m);
    expect(x[0]).toBe(m.structure_30m[47 * 8]);
    expect(x[14]).toBe(m.tactical_5m[59 * 7 + 6]);
    expect(x[15]).toBe(m.regime_30m[95 * 26]);
    const w = Float64Array.from({ length: 41 }, (_, j) => (j + 1) / 100);
    const full = placeNewestRow(w);
    expect(full.structure_30m![47 * 8]).toBe(Math.fround(0.01));
    expect(full.regime_30m![95 * 26 + 25]).toBe(Math.fround(0.41));
    expect(full.structure_30m!.slice(0, 47 * 8).every((v) => v === 0)).toBe(true);
    // the full-size logit equals the newest-row logit (on float32 weights)
    const w32 = Float64Array.from(w, Math.fround);
    expect(sigmoid(fullLogit(m, full, 0.3))).toBeCloseTo(predict(w32, Math.fround(0.3), x), 12);
  });
});

describe('trainModel', () => {
  const data = dataset(80, 11);

  it('is deterministic: two runs give identical weights and identical ONNX bytes', () => {
    const a = trainModel(data), b = trainModel(data);
    expect([...a.raw.w]).toEqual([...b.raw.w]);
    expect(a.raw.b).toBe(b.raw.b);
    expect(a.lambda).toBe(b.lambda);
    expect(Buffer.from(logisticModelBytes(a.spec)).equals(Buffer.from(logisticModelBytes(b.spec)))).toBe(true);
  });

  it('splits in time, gives the zero-variance feature weight 0 and learns the planted signs', () => {
    const m = trainModel(data, { ...DEFAULT_TRAIN_OPTIONS, lambdas: [1] });
    expect(m.split.test.length).toBe(24);
    expect(Math.max(...m.split.train.map((s) => s.time))).toBeLessThan(Math.min(...m.split.test.map((s) => s.time)));
    // regime_30m.mmd_high_volatility: regime features start at index 8 + 7 = 15, column 3
    expect(m.standardiser.sd[18]).toBe(0);
    expect(m.raw.w[18]).toBe(0);
    expect(m.raw.w[0]!).toBeGreaterThan(0); // mlmi_value
    expect(m.raw.w[12]!).toBeLessThan(0); // price_momentum_5
  });

  it('the ONNX file predicts what TypeScript predicts (≤ 1e-5)', async () => {
    const m = trainModel(data);
    const path = join(dir, 'm.onnx');
    writeFileSync(path, logisticModelBytes(m.spec));
    const r = await loadDecisionModel(path);
    if (!r.ok) throw new Error(r.problem.message);
    for (let i = 0; i < m.split.test.length; i++) {
      expect(Math.abs((await r.value.predict(m.split.test[i]!.matrices)) - m.testP[i]!)).toBeLessThanOrEqual(1e-5);
    }
    await r.value.release();
  });
});
