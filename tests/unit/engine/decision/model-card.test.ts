// A model file against its card (engine/decision/model-card.ts): the shipped model with a flipped
// weight is refused because of its card's checksum — and, without the card, the same flipped file
// loads and decides differently, which is why the checksum is there. Wrong inputs are refused with
// or without a card; a damaged card refuses; an incomplete one loads without a card to show.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cardPathFor, loadCheckedModel, sha256Hex } from '../../../../src-main/engine/decision/model-card.ts';
import { featureSchema, featureSchemaHash } from '../../../../src-main/engine/features/schema.ts';
import { logisticModelBytes } from '../../../../src-main/engine/decision/onnx-writer.ts';
import { tinyLogisticSpec } from '../../../../src-main/engine/decision/tiny-model.ts';
import { flipWeightBit, randomMatrices, tempDir } from './helpers.ts';

const SHIPPED = resolve(import.meta.dirname, '../../../../models/decision.onnx');
const t = tempDir();
afterAll(() => t.done());

/** the shipped card, with `model` fields replaced */
function cardText(model: Record<string, unknown> = {}, rest: Record<string, unknown> = {}): string {
  const card = JSON.parse(readFileSync(cardPathFor(SHIPPED), 'utf8')) as { model: Record<string, unknown> };
  return JSON.stringify({ ...card, ...rest, model: { ...card.model, ...model } });
}

async function refusal(path: string) {
  const r = await loadCheckedModel(path);
  if (r.ok) {
    await r.value.model.release();
    throw new Error('expected a refusal');
  }
  return r.problem;
}

describe('loadCheckedModel', () => {
  it('the shipped model loads with its card: checksum, inputs and feature schema match', async () => {
    const r = await loadCheckedModel(SHIPPED);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    expect(r.value.model.sha256).toBe(sha256Hex(readFileSync(SHIPPED)));
    expect(r.value.card?.model.sha256).toBe(r.value.model.sha256);
    expect(r.value.cardProblem).toBeNull();
    await r.value.model.release();
  });

  it('a bit-flipped copy with the card beside it is refused (model_checksum); without the card it loads and decides differently', async () => {
    const bytes = readFileSync(SHIPPED);
    const { flipped, offset } = flipWeightBit(bytes);
    expect(offset).toBeGreaterThan(bytes.length * 0.1);
    const withCard = t.write('flipped.onnx', flipped);
    copyFileSync(cardPathFor(SHIPPED), cardPathFor(withCard));
    const p = await refusal(withCard);
    expect(p).toMatchObject({ code: 'model_checksum', file: withCard, field: 'sha256', expected: sha256Hex(bytes), got: sha256Hex(flipped) });
    expect(p.message).toMatch(/does not match its card .*changed or is corrupt; not loaded/);

    // no card: names, shapes and the feature-schema hash all pass, so the damaged file loads
    const bare = t.write('flipped-bare.onnx', flipped);
    const r = await loadCheckedModel(bare);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    expect(r.value.card).toBeNull();
    expect(r.value.cardProblem).toBe('no card beside the file (flipped-bare.card.json)');
    const good = await loadCheckedModel(SHIPPED);
    if (!good.ok) throw new Error(JSON.stringify(good.problem));
    // the flip is in the weights: some input gets another p
    let differs = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const m = randomMatrices(seed, -3, 3);
      if ((await r.value.model.predict(m)) !== (await good.value.model.predict(m))) differs++;
    }
    expect(differs).toBeGreaterThan(0);
    await r.value.model.release();
    await good.value.model.release();
  });

  it('wrong input name or shape is refused, card or not', async () => {
    const spec = tinyLogisticSpec();
    const inputs = spec.inputs.map((m) => (m.name === 'tactical_5m' ? { ...m, name: 'tactical' } : m));
    const named = logisticModelBytes({ ...spec, inputs, weights: { ...spec.weights, tactical: spec.weights.tactical_5m! } });
    const shaped = logisticModelBytes({ ...tinyLogisticSpec(featureSchema({ window_regime: 100 })), featureSchemaHash: featureSchemaHash() });
    for (const [name, bytes, code] of [['names', named, 'model_inputs'], ['shape', shaped, 'model_shape']] as const) {
      expect((await refusal(t.write(`${name}.onnx`, bytes))).code).toBe(code);
      // a card that vouches for exactly these bytes does not make them fit the matrices
      const carded = t.write(`${name}-carded.onnx`, bytes);
      t.write(`${name}-carded.card.json`, cardText({ sha256: sha256Hex(bytes), bytes: bytes.length }));
      expect((await refusal(carded)).code).toBe(code);
    }
  });

  it('a card describing other inputs or another feature schema than the model has is refused', async () => {
    const bytes = logisticModelBytes(tinyLogisticSpec());
    const path = t.write('tiny.onnx', bytes);
    const base = { sha256: sha256Hex(bytes), bytes: bytes.length };
    t.write('tiny.card.json', cardText({ ...base, inputs: [{ name: 'structure_30m', shape: [1, 48, 8], dtype: 'float32' }] }));
    expect(await refusal(path)).toMatchObject({ code: 'model_card_mismatch', field: 'model.inputs' });
    t.write('tiny.card.json', cardText({ ...base, feature_schema_hash: 'ab'.repeat(32) }));
    expect(await refusal(path)).toMatchObject({ code: 'model_card_mismatch', field: 'model.feature_schema_hash', got: 'ab'.repeat(32) });
    t.write('tiny.card.json', cardText(base));
    const r = await loadCheckedModel(path);
    expect(r.ok && r.value.card !== null).toBe(true);
    if (r.ok) await r.value.model.release();
  });

  it('a damaged card refuses the file (its checksum cannot be checked); an incomplete one loads without a card to show', async () => {
    const bytes = logisticModelBytes(tinyLogisticSpec());
    const path = t.write('c.onnx', bytes);
    const good = cardText({ sha256: sha256Hex(bytes) });
    t.write('c.card.json', good.slice(0, good.length >> 1));
    expect(await refusal(path)).toMatchObject({ code: 'model_card_invalid', file: cardPathFor(path) });
    t.write('c.card.json', cardText({ sha256: 'not a sha' }));
    expect(await refusal(path)).toMatchObject({ code: 'model_card_invalid', field: 'model.sha256' });
    t.write('c.card.json', cardText({ sha256: sha256Hex(bytes) }, { caveats: 'none' }));
    const r = await loadCheckedModel(path);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    expect(r.value.card).toBeNull();
    expect(r.value.cardProblem).toMatch(/^card c\.card\.json does not follow the card format at caveats: .*\(its checksum and inputs were checked\)$/);
    await r.value.model.release();
  });
});
