// The decision model (SPEC §5.1): an ONNX file in models/ that maps the three matrices (SPEC §3)
// to p = P(the proposed trade reaches its target before its stop).
//
// Loading checks the file against the assemblers before any decision uses it: input names, dtypes
// and shapes against the feature schema, the output `p`, and the `feature_schema_hash` metadata
// written at training time. Every failure is one Problem (never a throw), which the health panel
// shows while decide() falls back to the rule path.
//
// The hash lives inside the .onnx (metadata_props), read by onnx-metadata.ts: ORT 1.30 has no API
// for custom metadata, and a sidecar file could be copied or lost apart from the model it vouches
// for. The MODEL_CARD in models/ documents a model; it is not what the loader trusts.
//
// Load once, when the engine worker starts (InferenceSession.create is async and takes tens of
// ms), never per decision.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { fail, ok, type Problem, type Result } from '../../../src-shared/result.ts';
import { FEATURE_SCHEMA, featureSchemaHash, type MatrixName, type MatrixSchema } from '../features/schema.ts';
import { readMetadataProps } from './onnx-metadata.ts';
import { openSyncSession, type SyncSession } from './ort-sync.ts';

export const OUTPUT_NAME = 'p';
export const HASH_KEY = 'feature_schema_hash';

/** The three matrices as assembled (N×F float32, oldest row first). */
export type DecisionMatrices = Readonly<Record<MatrixName, Float32Array>>;

export interface DecisionModel {
  readonly file: string;
  /** metadata `model_kind` ('logistic', …), '' when absent */
  readonly kind: string;
  readonly featureSchemaHash: string;
  /** SHA-256 of the file's bytes (hex): recorded with every decision the model makes */
  readonly sha256: string;
  readonly loadMs: number;
  /** true when predictions run synchronously on the calling thread (ort-sync.ts) */
  readonly synchronous: boolean;
  /** p in [0, 1]. Rejects on a wrong-sized matrix, an ORT error or a non-finite / out-of-range p. */
  predict(matrices: DecisionMatrices): Promise<number>;
  /** predict() on the calling thread, throwing instead of rejecting; absent when not synchronous */
  readonly predictSync?: (matrices: DecisionMatrices) => number;
  /** matrices of zeros in the model's input shapes (warm-up runs) */
  readonly zeros?: DecisionMatrices;
  release(): Promise<void>;
}

export async function loadDecisionModel(
  path: string,
  expected: readonly MatrixSchema[] = FEATURE_SCHEMA,
  expectedHash: string = featureSchemaHash(expected),
): Promise<Result<DecisionModel>> {
  const t0 = performance.now();
  const name = basename(path);
  const where = { file: path };

  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('model_missing', `decision model ${name} not found`, where);
    return fail('model_unreadable', `decision model ${name} cannot be read: ${message(e)}`, where);
  }

  // one decision at a time in the engine worker: ORT's thread pools would only add wake-ups
  const options = { intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 3 } as const;
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(bytes, options);
  } catch (e) {
    return fail('model_corrupt', `decision model ${name} is not a loadable ONNX model: ${firstLine(e)}`, where);
  }

  const problem = checkSession(session, bytes, name, expected, expectedHash);
  if (problem) {
    await session.release().catch(() => undefined);
    return { ok: false, problem: { ...problem, ...where } };
  }
  const meta = readMetadataProps(bytes)!; // checkSession proved it parses
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const model = makeModel(session, openSyncSession(bytes, options), { file: path, sha256, kind: meta.get('model_kind') ?? '', hash: expectedHash }, expected, 0);
  // One inference on zeros: ORT allocates and plans on the first run (~100 ms here), which would
  // otherwise land on the first real decision.
  try {
    await model.predict(model.zeros!);
  } catch (e) {
    await session.release().catch(() => undefined);
    return fail('model_corrupt', `decision model ${name} fails on a zero input: ${firstLine(e)}`, where);
  }
  return ok({ ...model, loadMs: performance.now() - t0 });
}

function checkSession(
  session: InferenceSession,
  bytes: Uint8Array,
  name: string,
  expected: readonly MatrixSchema[],
  expectedHash: string,
): Problem | null {
  const bad = (code: string, msg: string, extra: Partial<Problem> = {}): Problem => fail(code, msg, extra).problem;
  const wantNames = expected.map((m) => m.name).sort().join(', ');
  const gotNames = [...session.inputNames].sort().join(', ');
  if (wantNames !== gotNames) {
    return bad('model_inputs', `decision model ${name}: input names do not match the matrices`, {
      expected: wantNames, got: gotNames,
    });
  }
  for (const m of expected) {
    const meta = session.inputMetadata.find((v) => v.name === m.name)!;
    const want = `float32 [1,${m.rows},${m.features.length}]`;
    const got = meta.isTensor ? `${meta.type} [${meta.shape.join(',')}]` : 'non-tensor';
    if (!meta.isTensor || meta.type !== 'float32' || !shapeFits(meta.shape, [1, m.rows, m.features.length])) {
      return bad('model_shape', `decision model ${name}: input ${m.name} has the wrong type or shape`, {
        field: m.name, expected: want, got,
      });
    }
  }
  const out = session.outputMetadata.find((v) => v.name === OUTPUT_NAME);
  if (!out || !out.isTensor || out.type !== 'float32' || !shapeFits(out.shape, [1, 1])) {
    const got = session.outputMetadata
      .map((v) => (v.isTensor ? `${v.name}: ${v.type} [${v.shape.join(',')}]` : `${v.name}: non-tensor`)).join('; ');
    return bad('model_output', `decision model ${name}: needs one float32 output '${OUTPUT_NAME}' [1,1]`, {
      expected: `${OUTPUT_NAME}: float32 [1,1]`, got,
    });
  }
  const meta = readMetadataProps(bytes);
  if (meta === null) return bad('model_corrupt', `decision model ${name}: metadata cannot be parsed`);
  const hash = meta.get(HASH_KEY);
  if (hash === undefined || hash === '') {
    return bad('model_hash_missing', `decision model ${name} has no ${HASH_KEY} metadata`, { expected: expectedHash });
  }
  if (hash !== expectedHash) {
    return bad('model_hash_mismatch', `decision model ${name} was built for another feature schema`, {
      field: HASH_KEY, expected: expectedHash, got: hash,
    });
  }
  return null;
}

/** A symbolic dimension (e.g. a dynamic batch) fits any size; a fixed one must be equal. */
function shapeFits(shape: ReadonlyArray<number | string>, want: readonly number[]): boolean {
  return shape.length === want.length && shape.every((d, i) => typeof d === 'string' || d === want[i]);
}

function makeModel(
  session: InferenceSession,
  sync: SyncSession | null,
  id: { file: string; sha256: string; kind: string; hash: string },
  schema: readonly MatrixSchema[],
  loadMs: number,
): DecisionModel {
  const dims = schema.map((m) => ({ name: m.name, size: m.rows * m.features.length, dims: [1, m.rows, m.features.length] }));
  /** one input's values, checked against its size */
  const inputOf = (matrices: DecisionMatrices, d: (typeof dims)[number]): Float32Array => {
    const data = matrices[d.name];
    if (!(data instanceof Float32Array) || data.length !== d.size) {
      throw new Error(`${d.name}: expected ${d.size} float32 values, got ${data?.length ?? 'none'}`);
    }
    return data;
  };
  const feedsOf = (matrices: DecisionMatrices): Record<string, Tensor> => {
    const feeds: Record<string, Tensor> = {};
    for (const d of dims) {
      const data = inputOf(matrices, d);
      // the async run executes on a later tick, and matrix() buffers are reused by the next update
      feeds[d.name] = new Tensor('float32', data.slice(), d.dims);
    }
    return feeds;
  };
  // The sync path hands the binding plain tensor records ({ location, type, dims, data }: what it reads
  // off a Tensor), reused from call to call: no Tensor validation or allocation per decision.
  const syncFeeds: Record<string, { location: 'cpu'; type: 'float32'; dims: number[]; data: Float32Array }> = {};
  for (const d of dims) syncFeeds[d.name] = { location: 'cpu', type: 'float32', dims: d.dims, data: new Float32Array(d.size) };
  const fetches = { [OUTPUT_NAME]: null };
  const syncFeedsOf = (matrices: DecisionMatrices) => {
    for (const d of dims) syncFeeds[d.name]!.data = inputOf(matrices, d);
    return syncFeeds;
  };
  const check = (p: number | undefined): number => {
    if (p === undefined || !Number.isFinite(p) || p < 0 || p > 1) throw new Error(`model output p = ${p}`);
    return p;
  };
  const predictSync = sync ? (matrices: DecisionMatrices): number => check(sync.run(syncFeedsOf(matrices), fetches)[OUTPUT_NAME]?.data[0]) : undefined;
  const zeros = Object.fromEntries(dims.map((d) => [d.name, new Float32Array(d.size)])) as DecisionMatrices;
  return {
    file: id.file, sha256: id.sha256, kind: id.kind, featureSchemaHash: id.hash, loadMs, synchronous: sync !== null, predictSync, zeros,
    // async so a thrown error is a rejection; with the sync session nothing yields to the event loop
    async predict(matrices) {
      if (predictSync) return predictSync(matrices);
      const out = await session.run(feedsOf(matrices));
      return check((out[OUTPUT_NAME]?.data as Float32Array | undefined)?.[0]);
    },
    release: async () => { sync?.dispose?.(); await session.release(); },
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** ORT messages can carry long native traces; the first line says what went wrong. */
function firstLine(e: unknown): string {
  return message(e).split('\n')[0]!.slice(0, 300);
}
