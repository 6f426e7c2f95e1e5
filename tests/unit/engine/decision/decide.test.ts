import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { decide } from '../../../../src-main/engine/decision/decide.ts';
import { loadDecisionModel, type DecisionModel } from '../../../../src-main/engine/decision/model.ts';
import { tinyLogisticSpec } from '../../../../src-main/engine/decision/tiny-model.ts';
import { randomMatrices, tempDir, writeModel } from './helpers.ts';

const cfg = DEFAULT_CONFIG.decision;
const matrices = randomMatrices(11);

/** a stand-in with a fixed p, or one whose predict throws */
function fake(p: number | Error): DecisionModel {
  return {
    synchronous: true, file: 'fake.onnx', kind: 'fake', featureSchemaHash: '', loadMs: 0,
    predict: async () => {
      if (p instanceof Error) throw p;
      return p;
    },
    release: async () => undefined,
  };
}

describe('decide', () => {
  it('uses SPEC defaults: threshold 0.65, rule_threshold 0', () => {
    expect(cfg.threshold).toBe(0.65);
    expect(cfg.rule_threshold).toBe(0);
  });

  it('model path: accepted iff p ≥ decision.threshold', async () => {
    expect(await decide({ model: fake(0.65), matrices, patternQuality: 0.1, cfg }))
      .toMatchObject({ path: 'model', p: 0.65, threshold: 0.65, accepted: true });
    const below = await decide({ model: fake(0.649), matrices, patternQuality: 0.99, cfg });
    expect(below).toMatchObject({ path: 'model', p: 0.649, threshold: 0.65, accepted: false });
    expect(below.reason).toBe('model fake p=0.649 < 0.65');
  });

  it('rule path without a model: p = pattern_quality, threshold rule_threshold', async () => {
    const d = await decide({ model: null, matrices, patternQuality: 0.3, cfg, noModelReason: 'model_missing' });
    expect(d).toMatchObject({ path: 'rule', p: 0.3, threshold: 0, accepted: true });
    expect(d.reason).toBe('model_missing; rule: pattern_quality p=0.3 ≥ 0');
    const strict = await decide({ model: null, matrices, patternQuality: 0.3, cfg: { ...cfg, rule_threshold: 0.5 } });
    expect(strict).toMatchObject({ path: 'rule', threshold: 0.5, accepted: false });
    expect(strict.reason).toMatch(/^no model; /);
  });

  it('rule path when the matrices are not ready', async () => {
    const d = await decide({ model: fake(0.9), matrices: null, patternQuality: 0.2, cfg });
    expect(d).toMatchObject({ path: 'rule', p: 0.2, accepted: true });
    expect(d.reason).toMatch(/^matrices not ready/);
  });

  it('a predict failure falls back to the rule, with the reason', async () => {
    const d = await decide({ model: fake(new Error('ORT exploded')), matrices, patternQuality: 0.4, cfg });
    expect(d).toMatchObject({ path: 'rule', p: 0.4, threshold: 0, accepted: true });
    expect(d.reason).toMatch(/^model failed: ORT exploded; rule: pattern_quality/);
  });

  it('a NaN p is never accepted', async () => {
    expect((await decide({ model: null, matrices, patternQuality: Number.NaN, cfg })).accepted).toBe(false);
  });
});

describe('decide with a real ONNX model', () => {
  const t = tempDir();
  let model: DecisionModel;
  beforeAll(async () => {
    const r = await loadDecisionModel(writeModel(t, 'tiny.onnx', tinyLogisticSpec()));
    if (!r.ok) throw new Error(r.problem.message);
    model = r.value;
  });
  afterAll(async () => {
    await model.release();
    t.done();
  });

  it('takes the model path, and falls back when a matrix has the wrong size', async () => {
    const d = await decide({ model, matrices, patternQuality: 0.9, cfg });
    expect(d.path).toBe('model');
    expect(d.p).toBeGreaterThan(0);
    expect(d.p).toBeLessThan(1);
    expect(d.accepted).toBe(d.p >= 0.65);
    const bad = await decide({ model, matrices: { ...matrices, regime_30m: new Float32Array(1) }, patternQuality: 0.9, cfg });
    expect(bad).toMatchObject({ path: 'rule', p: 0.9, accepted: true });
    expect(bad.reason).toMatch(/^model failed: regime_30m: expected 2496/);
  });
});
