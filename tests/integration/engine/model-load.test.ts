// "Load model…" on a real engine (model.get / model.load / model.changed): a bit-flipped copy of the
// shipped model is refused by its card's checksum and the model in use stays (model.get before and
// after, the run goes on); a valid copy replaces it. A model change mid-replay ends the run and opens
// the next one at the replay's clock with the new model: every model-path synergy records the SHA-256
// of the model its run names.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Engine } from '../../../src-main/engine/engine.ts';
import { cardPathFor, sha256Hex } from '../../../src-main/engine/decision/model-card.ts';
import { logisticModelBytes } from '../../../src-main/engine/decision/onnx-writer.ts';
import { tinyLogisticSpec } from '../../../src-main/engine/decision/tiny-model.ts';
import type { ModelInfo } from '../../../src-shared/model-card.ts';
import { dataFile } from '../../helpers/data.ts';
import { until, value } from '../../helpers/wait.ts';
import { flipWeightBit } from '../../unit/engine/decision/helpers.ts';

const SHIPPED = resolve(import.meta.dirname, '../../../models/decision.onnx');

let dir: string;
let engine: Engine | null = null;
let changes: ModelInfo[] = [];
afterEach(() => {
  engine?.close();
  engine = null;
  rmSync(dir, { recursive: true, force: true });
});

async function setup(): Promise<Engine> {
  dir = mkdtempSync(join(tmpdir(), 'as-model-load-'));
  const samples = join(dir, 'samples');
  mkdirSync(samples);
  copyFileSync(dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), join(samples, 'NQ_1min_sample.csv'));
  changes = [];
  const e = new Engine({
    dbPath: join(dir, 'a.db'), sampleDir: samples, mode: 'browser', env: {},
    emit: (topic, payload) => { if (topic === 'model.changed') changes.push(payload as ModelInfo); },
  });
  e.importSamples();
  await e.trading.loadModel(SHIPPED); // start-up
  return e;
}

/** model.load, then the model.changed that ends it */
async function load(e: Engine, path: string): Promise<ModelInfo> {
  const n = changes.length;
  const asked = value(e.handle('model.load', { path }));
  expect(asked.loading).toBe(true);
  await until(() => changes.length > n, 30_000);
  expect(changes.length).toBe(n + 1);
  return changes.at(-1)!;
}

/** a copy of the shipped model and its card in the temp dir, under `name` */
function copyShipped(name: string, bytes: Uint8Array = readFileSync(SHIPPED)): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  copyFileSync(cardPathFor(SHIPPED), cardPathFor(path));
  return path;
}

describe('model.load in the app', () => {
  it('a bit-flipped copy is refused (model_checksum) and the model in use stays; a valid copy replaces it', async () => {
    engine = await setup();
    const e = engine;
    const before = value(e.handle('model.get', {}));
    expect(before).toMatchObject({ file: SHIPPED, sha256: sha256Hex(readFileSync(SHIPPED)), loading: false, problem: null, card_problem: null });
    expect(before.card?.model.sha256).toBe(before.sha256);
    value(e.handle('replay.load', { symbol: 'NQ' }));
    const run = e.trading.runId;
    expect(run).not.toBeNull();

    const flipped = copyShipped('flipped.onnx', flipWeightBit(readFileSync(SHIPPED)).flipped);
    const refused = await load(e, flipped);
    expect(refused).toMatchObject({ file: SHIPPED, sha256: before.sha256, loading: false, card: before.card });
    expect(refused.problem).toMatch(/^refused .*flipped\.onnx \(model_checksum, sha256\): decision model flipped\.onnx does not match its card .*\(expected [0-9a-f]{64}, got [0-9a-f]{64}\)$/);
    const after = value(e.handle('model.get', {}));
    expect({ ...after, problem: null }).toEqual(before);
    // nothing restarted: the same run, the same model deciding
    expect(e.trading.runId).toBe(run);
    expect(e.trading.state().decision_path).toEqual({ model: SHIPPED, problem: null });
    const stage = e.tickHealth().stages.find((s) => s.name === 'decision')!;
    expect(stage.lastError).toMatch(/model load refused: model_checksum/);
    expect(stage.fallback).toBeNull();

    const copy = copyShipped('copy.onnx');
    const loaded = await load(e, copy);
    expect(loaded).toMatchObject({ file: copy, sha256: before.sha256, loading: false, problem: null, card_problem: null });
    expect(value(e.handle('model.get', {}))).toEqual(loaded);
    expect(e.trading.state().decision_path.model).toBe(copy);
    // a model change starts a new run at the replay's clock
    expect(e.trading.runId).not.toBe(run);
  }, 60_000);

  it('a file that cannot be a model is refused with the loader\'s reason; a second load while one runs is refused at once', async () => {
    engine = await setup();
    const e = engine;
    const junk = join(dir, 'junk.onnx');
    writeFileSync(junk, 'not an onnx model');
    const r = await load(e, junk);
    expect(r.file).toBe(SHIPPED);
    expect(r.problem).toMatch(/model_corrupt/);
    const first = value(e.handle('model.load', { path: SHIPPED }));
    expect(first.loading).toBe(true);
    const second = e.handle('model.load', { path: SHIPPED });
    expect(second.ok ? null : second.problem.code).toBe('model_busy');
    await until(() => !value(e.handle('model.get', {})).loading, 30_000);
  }, 60_000);

  it('mid-replay: the run ends ("decision model changed") and the next run decides with the new model; every model-path synergy records its run\'s model sha256', async () => {
    engine = await setup();
    const e = engine;
    value(e.handle('trading.setProfile', { profile: 'active' }));
    value(e.handle('trading.setPauseOnDecision', { on: false }));
    const inst = value(e.handle('instruments.list', {}))[0]!;
    value(e.handle('replay.load', { symbol: inst.symbol, from: Math.min(...inst.bars.map((b) => b.first ?? Infinity)) }));
    value(e.handle('replay.setSpeed', { speed: 'max' }));
    value(e.handle('replay.play', {}));
    const first = e.trading.runId!;
    const count = (sql: string, ...args: unknown[]) => (e.db.prepare(sql).get(...args) as { n: number }).n;
    await until(() => count("SELECT COUNT(*) AS n FROM synergies WHERE run_id = ? AND path = 'model'", first) > 0, 120_000);
    value(e.handle('replay.pause', {}));
    const pending = e.trading.pendingCount();

    const tiny = join(dir, 'tiny.onnx');
    writeFileSync(tiny, logisticModelBytes(tinyLogisticSpec()));
    const info = await load(e, tiny);
    expect(info).toMatchObject({ file: tiny, problem: null, card: null, card_problem: 'no card beside the file (tiny.card.json)' });
    const second = e.trading.runId!;
    expect(second).not.toBe(first);
    value(e.handle('replay.play', {}));
    await until(() => e.replayer.state.status === 'ended', 180_000);

    const runs = e.db.prepare('SELECT id, model, finished_at FROM trading_runs ORDER BY id').all() as { id: number; model: string; finished_at: number | null }[];
    const sha = { [first]: sha256Hex(readFileSync(SHIPPED)), [second]: sha256Hex(readFileSync(tiny)) };
    expect(runs.map((r) => r.id)).toEqual([first, second]);
    expect(runs[0]).toMatchObject({ model: `${basename(SHIPPED)}:${sha[first]!.slice(0, 16)}` });
    expect(runs[0]!.finished_at).not.toBeNull();
    expect(runs[1]).toMatchObject({ model: `tiny.onnx:${sha[second]!.slice(0, 16)}` });
    // what was waiting for the trader when the model changed expired, saying why
    expect(count("SELECT COUNT(*) AS n FROM approvals a JOIN decisions d ON d.id = a.decision_id WHERE d.run_id = ? AND a.reason = 'decision model changed'", first)).toBe(pending);

    const rows = e.db.prepare('SELECT run_id, path, model_sha256 FROM synergies').all() as { run_id: number; path: string; model_sha256: string | null }[];
    for (const run of [first, second]) expect(rows.filter((r) => r.run_id === run && r.path === 'model').length).toBeGreaterThan(0);
    for (const r of rows) expect(r.model_sha256).toBe(r.path === 'model' ? sha[r.run_id] : null);
  }, 300_000);
});
