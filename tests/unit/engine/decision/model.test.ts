import { afterAll, describe, expect, it } from 'vitest';
import { FEATURE_SCHEMA, featureSchema, featureSchemaHash, type MatrixSchema } from '../../../../src-main/engine/features/schema.ts';
import { loadDecisionModel, type DecisionMatrices, type DecisionModel } from '../../../../src-main/engine/decision/model.ts';
import { tinyLogisticSpec } from '../../../../src-main/engine/decision/tiny-model.ts';
import { logisticModelBytes } from '../../../../src-main/engine/decision/onnx-writer.ts';
import { createRequire } from 'node:module';
import type { onnx as OnnxNs } from 'onnx-proto';
import { logisticJs, randomMatrices, randomWeights, tempDir, writeModel } from './helpers.ts';

const t = tempDir();
afterAll(() => t.done());

async function load(path: string, schema: readonly MatrixSchema[] = FEATURE_SCHEMA): Promise<DecisionModel> {
  const r = await loadDecisionModel(path, schema);
  if (!r.ok) throw new Error(`unexpected problem: ${JSON.stringify(r.problem)}`);
  return r.value;
}

async function problem(path: string) {
  const r = await loadDecisionModel(path);
  if (r.ok) {
    await r.value.release();
    throw new Error('expected a Problem');
  }
  return r.problem;
}

describe('DecisionModel.predict', () => {
  it('matches a plain-JS logistic to 1e-6 on random float32 matrices', async () => {
    const spec = { ...tinyLogisticSpec(), weights: randomWeights(7, 0.03), bias: 0.1 };
    const model = await load(writeModel(t, 'random.onnx', spec));
    expect(model.kind).toBe('logistic');
    for (let seed = 1; seed <= 20; seed++) {
      const m = randomMatrices(seed);
      const p = await model.predict(m);
      expect(Math.abs(p - logisticJs(spec, m))).toBeLessThan(1e-6);
    }
    await model.release();
  });

  it('runs synchronously on the calling thread, bit for bit what the public async API gives', async () => {
    const spec = { ...tinyLogisticSpec(), weights: randomWeights(5, 0.03), bias: -0.3 };
    const path = writeModel(t, 'sync.onnx', spec);
    const model = await load(path);
    expect(model.synchronous).toBe(true);
    const { InferenceSession, Tensor } = await import('onnxruntime-node');
    const pub = await InferenceSession.create(path);
    for (let seed = 30; seed < 40; seed++) {
      const m = randomMatrices(seed);
      const feeds = Object.fromEntries(FEATURE_SCHEMA.map((x) => [x.name, new Tensor('float32', m[x.name].slice(), [1, x.rows, x.features.length])]));
      const viaPublic = ((await pub.run(feeds)).p!.data as Float32Array)[0]!;
      // nothing queued on the event loop runs while a decision is made
      let loopRan = false;
      setImmediate(() => { loopRan = true; });
      const p = await model.predict(m);
      expect(loopRan).toBe(false);
      expect(p).toBe(viaPublic);
    }
    await pub.release();
    await model.release();
  });

  it('the tiny model reads only the newest row of three features', async () => {
    const spec = tinyLogisticSpec();
    const model = await load(writeModel(t, 'tiny.onnx', spec));
    const m = randomMatrices(3);
    const p = await model.predict(m);
    const newest = (name: keyof DecisionMatrices, col: number, f: number) => m[name][m[name].length - f + col]!;
    const z = -0.2 + 0.5 * newest('structure_30m', 0, 8) + 0.25 * newest('tactical_5m', 4, 7) - 0.1 * newest('regime_30m', 0, 26);
    expect(p).toBeCloseTo(1 / (1 + Math.exp(-z)), 6);
    expect(Math.abs(p - logisticJs(spec, m))).toBeLessThan(1e-6);
    await model.release();
  });

  it('copies its inputs: overwriting a matrix right after the call does not change p', async () => {
    const model = await load(writeModel(t, 'copy.onnx', { ...tinyLogisticSpec(), weights: randomWeights(9, 0.03) }));
    const m = randomMatrices(4);
    const expected = await model.predict(m);
    const pending = model.predict(m);
    m.structure_30m.fill(100); // run() happens on a later tick
    expect(await pending).toBe(expected);
    await model.release();
  });

  it('rejects a wrong-sized matrix and a non-finite output', async () => {
    const model = await load(writeModel(t, 'size.onnx', { ...tinyLogisticSpec(), weights: randomWeights(5, 0.03) }));
    const m = randomMatrices(1);
    await expect(model.predict({ ...m, tactical_5m: new Float32Array(10) })).rejects.toThrow(/tactical_5m: expected 420/);
    const nan = randomMatrices(1);
    nan.regime_30m[0] = Number.NaN;
    await expect(model.predict(nan)).rejects.toThrow(/model output p = NaN/);
    await model.release();
  });

  it('checks against the configured windows and their hash', async () => {
    const schema = featureSchema({ window_30m: 24 });
    const path = writeModel(t, 'w24.onnx', tinyLogisticSpec(schema));
    const model = await load(path, schema);
    expect(model.featureSchemaHash).toBe(featureSchemaHash(schema));
    expect(await model.predict(randomMatrices(2, -1, 1, schema))).toBeGreaterThan(0);
    await model.release();
    expect((await problem(path)).code).toBe('model_shape'); // default schema: 48 rows
  });
});

describe('loadDecisionModel problems', () => {
  it('missing file', async () => {
    const p = await problem(`${t.dir}/nope.onnx`);
    expect(p).toMatchObject({ code: 'model_missing', file: `${t.dir}/nope.onnx` });
    expect(p.message).toContain('nope.onnx');
  });

  it('unreadable path (a directory)', async () => {
    expect((await problem(t.dir)).code).toBe('model_unreadable');
  });

  it('corrupt bytes and a truncated model', async () => {
    const junk = await problem(t.write('junk.onnx', 'this is not an onnx model'));
    expect(junk.code).toBe('model_corrupt');
    expect(junk.message).toContain('junk.onnx');
    const whole = logisticModelBytes(tinyLogisticSpec());
    expect((await problem(t.write('cut.onnx', whole.subarray(0, whole.length >> 1)))).code).toBe('model_corrupt');
    expect((await problem(t.write('empty.onnx', new Uint8Array(0)))).code).toBe('model_corrupt');
  });

  it('wrong input name', async () => {
    const spec = tinyLogisticSpec();
    const inputs = spec.inputs.map((m) => (m.name === 'tactical_5m' ? { ...m, name: 'tactical' } : m));
    const weights = { ...spec.weights, tactical: spec.weights.tactical_5m! };
    const p = await problem(writeModel(t, 'names.onnx', { ...spec, inputs, weights }));
    expect(p).toMatchObject({
      code: 'model_inputs',
      expected: 'regime_30m, structure_30m, tactical_5m',
      got: 'regime_30m, structure_30m, tactical',
    });
    expect(p.message).toContain('names.onnx');
  });

  it('wrong shape', async () => {
    const schema = featureSchema({ window_regime: 100 });
    const p = await problem(writeModel(t, 'shape.onnx', { ...tinyLogisticSpec(schema), featureSchemaHash: featureSchemaHash() }));
    expect(p).toMatchObject({ code: 'model_shape', field: 'regime_30m', expected: 'float32 [1,96,26]', got: 'float32 [1,100,26]' });
  });

  it('wrong and missing feature_schema_hash', async () => {
    const wrong = await problem(writeModel(t, 'hash.onnx', { ...tinyLogisticSpec(), featureSchemaHash: 'deadbeef' }));
    expect(wrong).toMatchObject({ code: 'model_hash_mismatch', expected: featureSchemaHash(), got: 'deadbeef' });
    const missing = await problem(writeModel(t, 'nohash.onnx', { ...tinyLogisticSpec(), featureSchemaHash: '' }));
    expect(missing.code).toBe('model_hash_missing');
  });

  it('wrong output (renamed with onnx-proto)', async () => {
    const { onnx } = createRequire(import.meta.url)('onnx-proto') as { onnx: typeof OnnxNs };
    const model = onnx.ModelProto.decode(logisticModelBytes(tinyLogisticSpec()));
    model.graph!.node!.at(-1)!.output = ['prob'];
    model.graph!.output![0]!.name = 'prob';
    const p = await problem(t.write('out.onnx', onnx.ModelProto.encode(model).finish()));
    expect(p).toMatchObject({ code: 'model_output', expected: 'p: float32 [1,1]', got: 'prob: float32 [1,1]' });
  });

  it('never throws, whatever the bytes', async () => {
    const whole = logisticModelBytes(tinyLogisticSpec());
    for (const cut of [1, 7, 100, 1000, whole.length - 1]) {
      const r = await loadDecisionModel(t.write(`cut${cut}.onnx`, whole.subarray(0, cut)));
      expect(r.ok).toBe(false);
    }
  });
});
