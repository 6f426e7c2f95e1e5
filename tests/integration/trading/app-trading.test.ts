// The app's trading flow on a real engine (temp database, the NQ 1m sample as the bundled data):
// active profile → replay at max speed → a decision waits in the queue → approve it (with the hash of
// what was shown) → it fills at the next bar's open and becomes a position; another is rejected;
// a wrong hash is refused; the journal survives a new engine on the same database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../src-main/engine/engine.ts';
import { dataFile } from '../../helpers/data.ts';
import { until, value } from '../../helpers/wait.ts';
import type { EventTopic } from '../../../src-shared/ipc.ts';
import type { TradingState } from '../../../src-shared/trading.ts';

const dir = mkdtempSync(join(tmpdir(), 'as-trading-'));
const samples = join(dir, 'samples');
let engine: Engine;
const states: TradingState[] = [];

function newEngine(): Engine {
  return new Engine({
    dbPath: join(dir, 'a.db'), sampleDir: samples, mode: 'browser', env: {},
    emit: (topic: EventTopic, payload: unknown) => { if (topic === 'trading.changed') states.push(payload as TradingState); },
  });
}



beforeAll(() => {
  mkdirSync(samples);
  copyFileSync(dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), join(samples, 'NQ_1min_sample.csv'));
  engine = newEngine();
  engine.importSamples();
  value(engine.handle('trading.setProfile', { profile: 'active' }));
});
afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Play at max speed until a decision is pending, then pause. */
async function nextPending(): Promise<TradingState> {
  value(engine.handle('replay.play', {}));
  await until(() => engine.trading.state().pending.length > 0 || engine.replayer.state.status === 'ended');
  engine.handle('replay.pause', {});
  await engine.trading.idle();
  return engine.trading.state();
}

describe('app trading: queue, approve, fill, reject, journal', () => {
  it('at max speed the replay holds at a synergy, so its decision waits for the trader; acting resumes it', async () => {
    const inst = value(engine.handle('instruments.list', {}))[0]!;
    const first = Math.min(...inst.bars.map((b) => b.first ?? Infinity));
    value(engine.handle('replay.load', { symbol: inst.symbol, from: first }));
    value(engine.handle('replay.setSpeed', { speed: 'max' }));
    value(engine.handle('replay.play', {}));
    // nobody pauses: the engine holds the replay by itself
    await until(() => engine.replayer.held && engine.trading.state().pending.length > 0);
    await engine.trading.idle();
    expect(engine.replayer.state.status).toBe('paused');
    const d = engine.trading.state().pending[0]!;
    expect(d.status).toBe('pending');
    // it stays pending while held (no market time passes)
    await new Promise((r) => setTimeout(r, 300));
    expect(engine.trading.state().pending.map((x) => x.id)).toEqual([d.id]);
    value(engine.handle('trading.reject', { id: d.id, shownHash: d.shown_hash }));
    expect(engine.replayer.held).toBe(false);
    expect(['playing', 'ended', 'paused']).toContain(engine.replayer.state.status);
    await until(() => engine.replayer.state.status !== 'playing' || engine.trading.state().counts.synergies > 1);
    engine.handle('replay.pause', {});
    await engine.trading.idle();
    // every decision of this run so far was seen by the trader or is pending: none expired unseen
    expect(engine.trading.state().counts.expired).toBe(0);
  }, 120_000);


  it('runs the flow on the bundled-style data with the active profile', async () => {
    expect(engine.trading.state().profile).toBe('active');
    const inst = value(engine.handle('instruments.list', {}))[0]!;
    const first = Math.min(...inst.bars.map((b) => b.first ?? Infinity));
    value(engine.handle('replay.load', { symbol: inst.symbol, from: first }));
    value(engine.handle('replay.setSpeed', { speed: 'max' }));

    const s1 = await nextPending();
    expect(s1.pending.length).toBe(1);
    const d1 = s1.pending[0]!;
    expect(d1.status).toBe('pending');
    expect(d1.size).toBeGreaterThan(0);
    expect(d1.direction * (d1.target - d1.entry)).toBeGreaterThan(0);
    expect(d1.direction * (d1.entry - d1.stop)).toBeGreaterThan(0);

    // a hash of something else is refused and changes nothing
    const bad = engine.handle('trading.approve', { id: d1.id, shownHash: 'f'.repeat(64) });
    expect(bad.ok).toBe(false);
    expect(engine.trading.state().pending.map((d) => d.id)).toEqual([d1.id]);

    const ok1 = value(engine.handle('trading.approve', { id: d1.id, shownHash: d1.shown_hash }));
    expect(ok1.status).toBe('approved');
    expect(ok1.action).toBe('approve');
    // approving twice is refused
    expect(engine.handle('trading.approve', { id: d1.id, shownHash: d1.shown_hash }).ok).toBe(false);

    // play on: the order fills at the next bar's open → an open (or already closed) position
    value(engine.handle('replay.play', {}));
    await until(() => engine.trading.state().counts.fills > 0);
    engine.handle('replay.pause', {});
    await engine.trading.idle();
    const s2 = engine.trading.state();
    const pos = s2.positions.find((p) => p.decision_id === d1.id)!;
    expect(pos).toBeTruthy();
    // entry: the open of the first 5m bar after the approval, one tick of slippage against us
    expect(pos.entry_t).toBeGreaterThanOrEqual(d1.t);
    const bar = engine.db.prepare('SELECT o FROM bars b JOIN instruments i ON i.id = b.instrument_id WHERE i.symbol = ? AND tf = 5 AND t = ?').get(inst.symbol, pos.entry_t) as { o: number };
    expect(pos.entry_price).toBeCloseTo(bar.o + d1.direction * 0.25, 9);

    // the next decision is rejected with a reason
    const s3 = await nextPending();
    if (s3.pending.length > 0) {
      const d2 = s3.pending[0]!;
      const r2 = value(engine.handle('trading.reject', { id: d2.id, shownHash: d2.shown_hash, reason: 'against the trend' }));
      expect(r2.status).toBe('rejected');
      expect(r2.action_reason).toBe('against the trend');
    }
    const markers = value(engine.handle('trading.markers', { symbol: inst.symbol }));
    expect(markers.some((m) => m.kind === 'synergy')).toBe(true);
    expect(markers.some((m) => m.kind === 'fill' && m.label === 'entry')).toBe(true);
    expect(states.length).toBeGreaterThan(0);

    // restart: a new engine on the same database keeps the journal
    const before = value(engine.handle('trading.journal', {}));
    engine.close();
    engine = newEngine();
    const after = value(engine.handle('trading.journal', {}));
    expect(after.rows.map((r) => [r.decision.id, r.decision.status, r.decision.action])).toEqual(before.rows.map((r) => [r.decision.id, r.decision.status, r.decision.action]));
    expect(after.csv.split('\n')[0]).toMatch(/^decision_id,run_id,time,/);
    expect(after.rows.find((r) => r.decision.id === d1.id)?.entry).not.toBeNull();
  }, 120_000);
});
