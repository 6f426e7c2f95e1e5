// A model file checked against its card (<name>.card.json beside <name>.onnx, src-shared/model-card.ts).
// loadDecisionModel proves the file fits the assemblers (input names, shapes, the feature-schema hash
// inside the ONNX); it cannot tell a weight that was flipped on disk from a trained one. The card
// records the SHA-256 of the file `npm run train` wrote, so a changed or corrupt file is refused here
// before it decides anything.
//
// No card: the file loads on the loader's checks alone, and says so (card_problem). A card that is
// there but cannot be read, or whose `model` section (checksum, inputs, hash) does not parse, refuses
// the file: the checksum it should vouch for cannot be checked, and a damaged card must not pass as a
// checked one. A card whose `model` section is sound but whose other parts do not follow the format
// lets the file load (it was checked) without a card to show, with the zod path in card_problem.
//
// The training script's own self-check uses the bare loader: it writes a new file before its card.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ModelCard } from '../../../src-shared/model-card.ts';
import { fail, type Problem, type Result } from '../../../src-shared/result.ts';
import { FEATURE_SCHEMA, featureSchemaHash, type MatrixSchema } from '../features/schema.ts';
import { loadDecisionModel, type DecisionModel } from './model.ts';

export interface CheckedModel {
  model: DecisionModel;
  /** the card beside the file; null with `cardProblem` saying why */
  card: ModelCard | null;
  cardProblem: string | null;
}

/** models/decision.onnx → models/decision.card.json */
export function cardPathFor(modelPath: string): string {
  return join(dirname(modelPath), `${basename(modelPath).replace(/\.onnx$/i, '')}.card.json`);
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

type CardRead = { card: ModelCard | null; problem: string | null; model: ModelCard['model'] | null } | { refused: Problem };

/** Reads the card beside `modelPath`. `model` is its checked `model` section (null: no card). */
export async function readCard(modelPath: string): Promise<CardRead> {
  const path = cardPathFor(modelPath);
  const name = basename(path);
  const where = { file: path };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { card: null, problem: `no card beside the file (${name})`, model: null };
    return { refused: fail('model_card_unreadable', `model card ${name} cannot be read: ${(e as Error).message}`, where).problem };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { refused: fail('model_card_invalid', `model card ${name} is not valid JSON (damaged?): ${(e as Error).message}`, where).problem };
  }
  const section = ModelCard.shape.model.safeParse((json as { model?: unknown } | null)?.model);
  if (!section.success) {
    const issue = section.error.issues[0];
    const field = ['model', ...(issue?.path ?? [])].join('.');
    return { refused: fail('model_card_invalid', `model card ${name}: the model section cannot be read, so the file cannot be checked: ${issue?.message ?? 'invalid'}`, { ...where, field }).problem };
  }
  const whole = ModelCard.safeParse(json);
  if (!whole.success) {
    const issue = whole.error.issues[0];
    return {
      card: null, model: section.data,
      problem: `card ${name} does not follow the card format at ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'} (its checksum and inputs were checked)`,
    };
  }
  return { card: whole.data, problem: null, model: section.data };
}

/** The card's inputs and feature-schema hash against the ones the model was checked for. */
export function cardMismatch(card: ModelCard['model'], schema: readonly MatrixSchema[], hash: string, name: string): Problem | null {
  const want = schema.map((m) => `${m.name} float32 [1,${m.rows},${m.features.length}]`).sort().join('; ');
  const got = card.inputs.map((i) => `${i.name} ${i.dtype} [${i.shape.join(',')}]`).sort().join('; ');
  if (want !== got) {
    return fail('model_card_mismatch', `decision model ${name}: its card describes other inputs than the model has`, { field: 'model.inputs', expected: want, got }).problem;
  }
  if (card.feature_schema_hash !== hash) {
    return fail('model_card_mismatch', `decision model ${name}: its card names another feature schema`, { field: 'model.feature_schema_hash', expected: hash, got: card.feature_schema_hash }).problem;
  }
  return null;
}

const checksumProblem = (path: string, expected: string, got: string): Problem => fail('model_checksum',
  `decision model ${basename(path)} does not match its card (${basename(cardPathFor(path))}): the file was changed or is corrupt; not loaded`,
  { file: path, field: 'sha256', expected, got }).problem;

/**
 * loadDecisionModel plus the card: the checksum is compared before the file is opened by the runtime,
 * and again on the bytes the model was built from (the file could be replaced in between).
 */
export async function loadCheckedModel(
  path: string,
  schema: readonly MatrixSchema[] = FEATURE_SCHEMA,
  hash: string = featureSchemaHash(schema),
): Promise<Result<CheckedModel>> {
  const card = await readCard(path);
  if ('refused' in card) return { ok: false, problem: card.refused };
  if (card.model) {
    const bytes = await readFile(path).catch(() => null);
    // unreadable: the loader says why
    if (bytes && sha256Hex(bytes) !== card.model.sha256) return { ok: false, problem: checksumProblem(path, card.model.sha256, sha256Hex(bytes)) };
  }
  const loaded = await loadDecisionModel(path, schema, hash);
  if (!loaded.ok) return loaded;
  const model = loaded.value;
  if (card.model) {
    const problem = model.sha256 !== card.model.sha256
      ? checksumProblem(path, card.model.sha256, model.sha256)
      : cardMismatch(card.model, schema, hash, basename(path));
    if (problem) {
      await model.release().catch(() => undefined);
      return { ok: false, problem: { ...problem, file: path } };
    }
  }
  return { ok: true, value: { model, card: card.card, cardProblem: card.problem } };
}
