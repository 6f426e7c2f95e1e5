import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { decide, type Decision, type DecideInput } from '../../../../src-main/engine/decision/decide.ts';
import { loadDecisionModel, type DecisionModel } from '../../../../src-main/engine/decision/model.ts';
import { tinyLogisticSpec } from '../../../../src-main/engine/decision/tiny-model.ts';
import { randomMatrices, tempDir, writeModel } from './helpers.ts';

const cfg = DEFAULT_CONFIG.decision;
const matrices = randomMatrices(11);

/** a stand-in with a fixed p, or one whose predict throws; `sync` adds predictSync like ort-sync's */
function fake(p: number | Error, sync = false): DecisionModel {
  const run = (): number => {
    if (p instanceof Error) throw p;
    return p;
  };
  return {
    synchronous: sync, file: '/models/fake.onnx', sha256: '0'.repeat(64), kind: 'fake', featureSchemaHash: '', loadMs: 0,
    predict: async () => run(),
    ...(sync ? { predictSync: run } : {}),
    release: async () => undefined,
  };
}

const run = (o: Partial<DecideInput>): Promise<Decision> => Promise.resolve(decide({ model: null, matrices, patternQuality: 0, cfg, ...o }));

describe('decide', () => {
  it('defaults: model threshold 0.65 (SPEC), rule threshold 0.4 (issue 12 overrides SPEC\'s 0)', () => {
    expect(cfg.threshold).toBe(0.65);
    expect(cfg.rule_threshold).toBe(0.4);
  });

  it('model path: accepted iff p ≥ decision.threshold, pattern quality ignored', async () => {
    const at = await run({ model: fake(0.65), patternQuality: 0.1 });
    expect(at).toMatchObject({ path: 'model', p: 0.65, threshold: 0.65, accepted: true });
    expect(at.reason).toBe('model fake.onnx (fake): p 0.65 ≥ threshold 0.65 — accepted');
    const below = await run({ model: fake(0.649), patternQuality: 0.99 });
    expect(below).toMatchObject({ path: 'model', p: 0.649, threshold: 0.65, accepted: false });
    expect(below.reason).toBe('model fake.onnx (fake): p 0.649 < threshold 0.65 — rejected');
  });

  it('a synchronous model gives the verdict without a promise', () => {
    const d = decide({ model: fake(0.71, true), matrices, patternQuality: 0, cfg });
    expect(d).not.toBeInstanceOf(Promise);
    expect((d as Decision).reason).toBe('model fake.onnx (fake): p 0.71 ≥ threshold 0.65 — accepted');
  });

  it('rule path without a model: p = pattern_quality against rule_threshold 0.4, boundary included', async () => {
    const low = await run({ patternQuality: 0.3, noModelReason: 'model_missing: decision.onnx not found' });
    expect(low).toMatchObject({ path: 'rule', p: 0.3, threshold: 0.4, accepted: false });
    expect(low.reason).toBe('rule path (no model: model_missing: decision.onnx not found): pattern quality 0.3 < threshold 0.4 — rejected');
    const at = await run({ patternQuality: 0.4 });
    expect(at).toMatchObject({ path: 'rule', p: 0.4, threshold: 0.4, accepted: true });
    expect(at.reason).toBe('rule path (no model): pattern quality 0.4 ≥ threshold 0.4 — accepted');
    // just under the bar, as float arithmetic can land
    expect((await run({ patternQuality: 0.39999 })).accepted).toBe(false);
    // a caller's reason that already says 'no model' is not repeated
    const none = await run({ patternQuality: 0.5, noModelReason: 'no model (--model none)' });
    expect(none.reason).toBe('rule path (no model (--model none)): pattern quality 0.5 ≥ threshold 0.4 — accepted');
    // the configured threshold is the one used
    const strict = await run({ patternQuality: 0.45, cfg: { ...cfg, rule_threshold: 0.5 } });
    expect(strict).toMatchObject({ path: 'rule', threshold: 0.5, accepted: false });
  });

  it('a loaded model with matrices not ready: the rule decides, with its real threshold, and says why', async () => {
    // the model would say 0.9 (accept); it is not asked, and quality 0.2 is below 0.4
    const d = await run({ model: fake(0.9), matrices: null, patternQuality: 0.2, matricesNotReady: 'regime matrix has 12 of 96 rows' });
    expect(d).toMatchObject({ path: 'rule', p: 0.2, threshold: 0.4, accepted: false });
    expect(d.reason).toBe('rule path (matrices not ready for model fake.onnx (fake): regime matrix has 12 of 96 rows): pattern quality 0.2 < threshold 0.4 — rejected');
    expect(d.modelError).toBeUndefined(); // not a model failure: health must not count it
    const good = await run({ model: fake(0.1), matrices: null, patternQuality: 0.45 });
    expect(good).toMatchObject({ path: 'rule', p: 0.45, threshold: 0.4, accepted: true });
    expect(good.reason).toBe('rule path (matrices not ready for model fake.onnx (fake)): pattern quality 0.45 ≥ threshold 0.4 — accepted');
  });

  it('a predict failure (async or sync) falls back to the rule, with the reason and modelError', async () => {
    const d = await run({ model: fake(new Error('ORT exploded')), patternQuality: 0.35 });
    expect(d).toMatchObject({ path: 'rule', p: 0.35, threshold: 0.4, accepted: false, modelError: 'ORT exploded' });
    expect(d.reason).toBe('rule path (model failed: ORT exploded): pattern quality 0.35 < threshold 0.4 — rejected');
    const s = decide({ model: fake(new Error('bad shape'), true), matrices, patternQuality: 0.42, cfg }) as Decision;
    expect(s).toMatchObject({ path: 'rule', p: 0.42, accepted: true, modelError: 'bad shape' });
  });

  it('a NaN or infinite p is never accepted, on either path', async () => {
    const nan = await run({ patternQuality: Number.NaN });
    expect(nan).toMatchObject({ path: 'rule', accepted: false });
    expect(nan.reason).toBe('rule path (no model): pattern quality NaN is not finite, threshold 0.4 — rejected');
    expect(await run({ model: fake(Number.NaN) })).toMatchObject({ path: 'model', accepted: false });
    expect(await run({ model: fake(Number.POSITIVE_INFINITY) })).toMatchObject({ path: 'model', accepted: false });
    expect(await run({ patternQuality: Number.POSITIVE_INFINITY })).toMatchObject({ path: 'rule', accepted: false });
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

  it('takes the model path, and falls back to the rule when a matrix has the wrong size', async () => {
    const d = await decide({ model, matrices, patternQuality: 0.9, cfg });
    expect(d.path).toBe('model');
    expect(d.p).toBeGreaterThan(0);
    expect(d.p).toBeLessThan(1);
    expect(d.accepted).toBe(d.p >= 0.65);
    expect(d.reason).toMatch(/^model tiny\.onnx( \(\w+\))?: p /);
    const bad = await decide({ model, matrices: { ...matrices, regime_30m: new Float32Array(1) }, patternQuality: 0.9, cfg });
    expect(bad).toMatchObject({ path: 'rule', p: 0.9, threshold: 0.4, accepted: true });
    expect(bad.modelError).toMatch(/^regime_30m: expected 2496/);
    expect(bad.reason).toMatch(/^rule path \(model failed: regime_30m: expected 2496.*\): pattern quality 0\.9 ≥ threshold 0\.4 — accepted$/);
  });
});
