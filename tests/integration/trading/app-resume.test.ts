// The app's run survives a restart: close the engine mid-replay (as closing the app or a crash
// would), start a new engine on the same database, load the symbol without a start time, and the
// interrupted run goes on. With paper auto-approve, the resumed run ends with exactly the decision
// stream, positions and account of a run that was never interrupted; in the approval queue, the
// decision that was waiting at the restart is still waiting, the replay holds for it, and approving
// it plays on (and does not hold when the trader settled it before playing); a display-only setting
// does not stop a resume, a changed trading config or a run already at the end of the data does: a
// new run starts and the interrupted one ends, its waiting decision expired. Real engine, real SQLite files, the NQ 1m sample.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../src-main/engine/engine.ts';
import { decisionStreamSha256 } from '../../../src-main/engine/trading/summary.ts';
import { getRun, listPositions } from '../../../src-main/store/trading.ts';
import { dataFile } from '../../helpers/data.ts';
import { until, value } from '../../helpers/wait.ts';

const dir = mkdtempSync(join(tmpdir(), 'as-resume-'));
const samples = join(dir, 'samples');
const open: Engine[] = [];

// The sample's first three synergies come before the matrices are ready, so the rule path decides them;
// their pattern quality is 0.37–0.39, under the default rule_threshold 0.4. These tests are about
// resuming, not the threshold: 0.35 lets those three trade, so a run has trades to interrupt.
const ENV = { ALGOSPACE_DECISION_RULE_THRESHOLD: '0.35' };

function newEngine(db: string): Engine {
  const e = new Engine({ dbPath: join(dir, db), sampleDir: samples, mode: 'browser', env: ENV, emit: () => undefined });
  open.push(e);
  return e;
}

function close(e: Engine): void {
  e.close();
  open.splice(open.indexOf(e), 1);
}



const MODEL = join(process.cwd(), 'models/decision.onnx');

/** A fresh database with the sample imported and the active profile (auto-approve on or off). */
function setup(db: string, auto: boolean): { engine: Engine; symbol: string; first: number } {
  const engine = newEngine(db);
  engine.importSamples();
  value(engine.handle('trading.setProfile', { profile: 'active' }));
  value(engine.handle('trading.setAutoApprove', { on: auto }));
  const inst = value(engine.handle('instruments.list', {}))[0]!;
  return { engine, symbol: inst.symbol, first: Math.min(...inst.bars.map((b) => b.first ?? Infinity)) };
}

/**
 * Replays `db` from the start in the approval queue until the engine holds for a decision, then
 * closes the engine as closing the app would: the run stays unfinished with that decision waiting.
 */
async function interruptedWhileWaiting(db: string, model: string | null = null) {
  const { engine, symbol, first } = setup(db, false);
  if (model) await engine.trading.loadModel(model);
  value(engine.handle('replay.load', { symbol, from: first }));
  value(engine.handle('replay.setSpeed', { speed: 'max' }));
  value(engine.handle('replay.play', {}));
  await until(() => engine.replayer.held && engine.trading.state().pending.length > 0);
  await engine.trading.idle();
  const { run_id, pending: [waiting] } = engine.trading.state();
  const runId = run_id!;
  const cursor = getRun(engine.db, runId)!.cursor_t!;
  close(engine);
  return { symbol, runId, waiting: waiting!, cursor };
}

async function playToEnd(e: Engine): Promise<void> {
  value(e.handle('replay.setSpeed', { speed: 'max' }));
  value(e.handle('replay.play', {}));
  await until(() => e.replayer.state.status === 'ended');
  await e.trading.idle();
}

function outcome(e: Engine, runId: number) {
  const run = getRun(e.db, runId)!;
  return {
    stream: decisionStreamSha256(e.db, runId), steps: run.steps, cursor: run.cursor_t,
    positions: listPositions(e.db, runId, run.symbol).map(({ id: _, ...p }) => p), account: e.trading.state().account,
  };
}

beforeAll(() => {
  mkdirSync(samples);
  copyFileSync(dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), join(samples, 'NQ_1min_sample.csv'));
});
afterAll(() => {
  for (const e of open) e.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('app run resumed after a restart', () => {
  it('auto-approve with the model: interrupted mid-run and resumed, it ends exactly as a run never interrupted', async () => {
    // the model reads every matrix (MMD included), so the re-warmed pipeline must match to the bit
    const a = setup('whole.db', true);
    await a.engine.trading.loadModel(MODEL);
    value(a.engine.handle('replay.load', { symbol: a.symbol, from: a.first }));
    await playToEnd(a.engine);
    const whole = outcome(a.engine, a.engine.trading.state().run_id!);
    expect(whole.positions.length).toBeGreaterThan(1);

    const b = setup('cut.db', true);
    await b.engine.trading.loadModel(MODEL);
    value(b.engine.handle('replay.load', { symbol: b.symbol, from: b.first }));
    value(b.engine.handle('replay.setSpeed', { speed: 'max' }));
    value(b.engine.handle('replay.play', {}));
    // stop once a trade has happened, mid-run
    await until(() => b.engine.trading.state().counts.fills >= 2);
    b.engine.handle('replay.pause', {});
    await b.engine.trading.idle();
    const runId = b.engine.trading.state().run_id!;
    const cut = getRun(b.engine.db, runId)!;
    expect(cut.cursor_t).not.toBeNull();
    expect(cut.steps).toBeLessThan(whole.steps);
    close(b.engine);

    const b2 = newEngine('cut.db');
    await b2.trading.loadModel(MODEL);
    const loaded = value(b2.handle('replay.load', { symbol: b.symbol }));
    // the replay starts at the 30-minute boundary at or before the step after the last committed one
    expect(loaded.clock!).toBeLessThanOrEqual(cut.cursor_t! + 300_000);
    expect(cut.cursor_t! + 300_000 - loaded.clock!).toBeLessThan(1_800_000);
    expect(b2.trading.state().run_id).toBe(runId);
    await playToEnd(b2);
    expect(b2.trading.state().run_id).toBe(runId);
    expect(outcome(b2, runId)).toEqual(whole);
    // the model decided after the restart too (the rule path only stands in before the matrices are ready)
    const byModel = b2.db.prepare("SELECT COUNT(*) AS n FROM synergies WHERE run_id = ? AND path = 'model' AND t > ?").get(runId, cut.cursor_t) as { n: number };
    expect(byModel.n).toBeGreaterThan(0);
  }, 240_000);

  it('approval queue: the decision waiting at the restart still waits, the replay holds for it, approving plays on', async () => {
    const { symbol, runId, waiting, cursor } = await interruptedWhileWaiting('queue.db');
    const c2 = newEngine('queue.db');
    const loaded = value(c2.handle('replay.load', { symbol }));
    expect(c2.trading.state().run_id).toBe(runId);
    expect(c2.trading.state().pending.map((d) => [d.id, d.status, d.shown_hash])).toEqual([[waiting.id, 'pending', waiting.shown_hash]]);
    // Play at a paced speed: the replay holds at once, its clock does not move while the decision waits
    value(c2.handle('replay.setSpeed', { speed: 100 }));
    const played = value(c2.handle('replay.play', {}));
    expect(played.status).toBe('paused');
    await new Promise((r) => setTimeout(r, 400));
    expect(c2.replayer.held).toBe(true);
    expect(c2.replayer.state.clock).toBe(loaded.clock);
    value(c2.handle('replay.setSpeed', { speed: 'max' }));
    value(c2.handle('replay.play', {}));
    await until(() => c2.replayer.held);
    await c2.trading.idle();
    // held before the run moved past its cursor: the decision has not aged
    expect(getRun(c2.db, runId)!.cursor_t).toBe(cursor);
    expect(c2.trading.state().pending.map((d) => d.id)).toEqual([waiting.id]);
    const ok = value(c2.handle('trading.approve', { id: waiting.id, shownHash: waiting.shown_hash }));
    expect(ok.status).toBe('approved');
    expect(c2.replayer.held).toBe(false);
    await until(() => c2.trading.state().positions.some((p) => p.decision_id === waiting.id) || c2.replayer.state.status === 'ended');
    c2.handle('replay.pause', {});
    await c2.trading.idle();
    const pos = c2.trading.state().positions.find((p) => p.decision_id === waiting.id)!;
    // filled at the open of the first bar after the decision, in the same run
    expect(pos.entry_t).toBe(cursor + 300_000);
    expect(c2.trading.state().run_id).toBe(runId);
  }, 240_000);

  it('settled before play: no hold for it; a display-only setting changed after the restart still resumes', async () => {
    const { symbol, runId, waiting } = await interruptedWhileWaiting('settled.db');
    const e2 = newEngine('settled.db');
    value(e2.handle('trading.setPauseOnDecision', { on: false })); // a replay setting, not a trading one
    value(e2.handle('replay.load', { symbol }));
    expect(e2.trading.state().run_id).toBe(runId);
    value(e2.handle('trading.reject', { id: waiting.id, shownHash: waiting.shown_hash }));
    const steps = getRun(e2.db, runId)!.steps;
    value(e2.handle('replay.setSpeed', { speed: 'max' }));
    value(e2.handle('replay.play', {}));
    value(e2.handle('trading.setPauseOnDecision', { on: true })); // back on: a hold now could only be for a new decision
    // it plays on: the run trades past its cursor, and any hold is for a new decision
    await until(() => getRun(e2.db, runId)!.steps > steps + 10 || e2.replayer.state.status === 'ended' || e2.replayer.held);
    await e2.trading.idle();
    if (e2.replayer.held) expect(e2.trading.state().pending.length).toBeGreaterThan(0);
    expect(getRun(e2.db, runId)!.steps).toBeGreaterThan(steps);
    e2.handle('replay.pause', {});
  }, 240_000);

  it('a replay loaded while the model is still loading neither resumes nor ends the interrupted run; once loaded, it resumes', async () => {
    const { symbol, runId, waiting } = await interruptedWhileWaiting('loading.db', MODEL);
    const g = newEngine('loading.db');
    const loading = g.trading.loadModel(MODEL);
    expect(g.trading.resumePoint(symbol)).toBeNull(); // not known yet
    value(g.handle('replay.load', { symbol }));
    expect(g.trading.state().run_id).not.toBe(runId);
    expect(getRun(g.db, runId)!.finished_at).toBeNull();
    await loading;
    value(g.handle('replay.load', { symbol }));
    expect(g.trading.state().run_id).toBe(runId);
    expect(g.trading.state().pending.map((d) => d.id)).toEqual([waiting.id]);
  }, 240_000);

  it('a run that traded to the end of the data is not resumed: play starts a new run and the old one ends', async () => {
    const f = setup('ended.db', true);
    value(f.engine.handle('replay.load', { symbol: f.symbol, from: f.first }));
    await playToEnd(f.engine);
    const runId = f.engine.trading.state().run_id!;
    close(f.engine);
    const f2 = newEngine('ended.db');
    expect(f2.trading.resumePoint(f.symbol)).toBeNull();
    expect(f2.trading.state().resumable).toBeNull();
    value(f2.handle('replay.load', { symbol: f.symbol }));
    expect(f2.trading.state().run_id).not.toBe(runId);
    expect(getRun(f2.db, runId)!.finished_at).not.toBeNull();
  }, 240_000);

  it('a changed config after the restart starts a new run; the interrupted one ends and its waiting decision expires', async () => {
    const { symbol, runId, waiting } = await interruptedWhileWaiting('changed.db');
    const d2 = newEngine('changed.db');
    value(d2.handle('trading.setProfile', { profile: 'spec' }));
    expect(d2.trading.resumePoint(symbol)).toBeNull();
    value(d2.handle('replay.load', { symbol }));
    expect(d2.trading.state().run_id).not.toBe(runId);
    expect(d2.trading.state().resumed_after).toBeNull();
    expect(getRun(d2.db, runId)!.finished_at).not.toBeNull();
    const expired = d2.db.prepare("SELECT d.status, a.reason FROM decisions d JOIN approvals a ON a.decision_id = d.id AND a.action = 'expire' WHERE d.id = ?")
      .get(waiting.id) as { status: string; reason: string };
    expect(expired).toEqual({ status: 'expired', reason: 'replay moved (the interrupted run was not resumed)' });
  }, 240_000);
});
