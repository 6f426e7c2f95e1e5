// Replay pacing through the real Replayer on a real database (ES 1-minute bars and SPY trade ticks from
// LEAN's data, imported by the app's importer), with a fake wall clock and scheduler under test control.
// Expectations come from the speed and from the data files alone: speed × 60 s of market time per wall
// minute; pause, seek and speed changes exact to the millisecond; a night skipped in one step onto the
// reopening of the exchange calendar (issue 13), the open time before the first row paced. (Issue 12,
// point 3: on 1-minute bars this fails until the replayer paces with MarketClock.)
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb, type WriteDb } from '../../../src-main/store/db.ts';
import { importFile } from '../../../src-main/engine/ingest/import-file.ts';
import { openFeed } from '../../../src-main/engine/feed/index.ts';
import { Replayer } from '../../../src-main/engine/replay/replayer.ts';
import type { ReplaySpeed } from '../../../src-shared/ipc.ts';
import { dataFile } from '../../helpers/data.ts';

const STEP = 16; // the replayer's tick at a paced speed
const ES_DAYS = ['lean/future/cme/minute/es/20131007_trade.zip', 'lean/future/cme/minute/es/20131008_trade.zip'];
const SPY_DAYS = ['lean/equity/usa/tick/spy/20131007_trade.zip', 'lean/equity/usa/tick/spy/20131008_trade.zip'];
const at = (iso: string): number => Date.parse(iso);

let dir: string;
let db: WriteDb;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-pacing-'));
  db = openDb(join(dir, 'p.db'));
  for (const f of [...ES_DAYS, ...SPY_DAYS]) {
    const r = importFile(db, dataFile(f), { indicators: false });
    if (!r.ok) throw new Error(r.problem.message);
  }
});
afterAll(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

/** Times at which the rows of a file become known (a trade at its time, a bar at its end), read from the file. */
function knownAt(rel: string): number[] {
  const r = openFeed(dataFile(rel));
  if (!r.ok) throw new Error(r.problem.message);
  const barMs = r.value.info.kind === 'bars' ? r.value.info.barMinutes! * 60_000 : 0;
  const out: number[] = [];
  for (const c of r.value.chunks()) for (let i = 0; i < c.n; i++) out.push(c.t[i]! + barMs);
  return out;
}

/** A Replayer on a fake wall clock: each scheduled step fires when the wall reaches its time. */
class Sim {
  now = 0;
  #queued: { fn: () => void; at: number } | null = null;
  /** [wall, clock] after every step */
  steps: [number, number][] = [];
  rp: Replayer;

  constructor(symbol: string, from: number, speed: ReplaySpeed) {
    this.rp = new Replayer(db, {
      bars: () => {},
      state: () => {},
      now: () => this.now,
      schedule: (fn, ms) => { this.#queued = { fn, at: this.now + ms }; return this.#queued; },
      cancel: (h) => { if (h === this.#queued) this.#queued = null; },
    });
    const loaded = this.rp.load(symbol, from);
    if (typeof loaded === 'string') throw new Error(loaded);
    expect(loaded.clock).toBe(from); // `from` is on a 30-minute boundary: the replay starts exactly there
    this.rp.setSpeed(speed);
  }

  get clock(): number { return this.rp.state.clock!; }

  /** Let the wall clock run to `t`, firing every step due by then. */
  runTo(t: number): void {
    while (this.#queued && this.#queued.at <= t) {
      const q = this.#queued;
      this.#queued = null;
      this.now = q.at;
      q.fn();
      this.steps.push([this.now, this.clock]);
    }
    this.now = t;
  }

  /** Run until `cond` holds after a step (or the wall reaches `limit`). */
  runUntil(cond: () => boolean, limit: number): void {
    while (!cond() && this.#queued && this.#queued.at <= limit) this.runTo(this.#queued.at);
  }
}

const rateCases = [
  ['ES 1-minute bars', 'ES', at('2013-10-08T14:00:00Z')], // 09:00 Chicago
  ['SPY ticks', 'SPY', at('2013-10-07T14:00:00Z')], // 10:00 New York
] as const;

describe('Replayer pacing', () => {
  for (const [name, symbol, from] of rateCases) {
    for (const speed of [1, 10, 100] as const) {
      it(`${name} at ${speed}×: one wall minute advances ${speed} × 60 s of market time (±5 %)`, () => {
        const sim = new Sim(symbol, from, speed);
        sim.rp.play();
        sim.runTo(60_000);
        const advanced = sim.clock - from;
        expect(Math.abs(advanced / (speed * 60_000) - 1)).toBeLessThanOrEqual(0.05);
        expect(sim.rp.state.status).toBe('playing');
      });
    }
  }

  it('pause freezes market time at the wall instant of the pause; resume continues from exactly there', () => {
    const from = at('2013-10-07T14:00:00Z');
    const sim = new Sim('SPY', from, 10);
    sim.rp.play();
    sim.runTo(10_008); // between two steps
    sim.rp.pause();
    expect(sim.clock).toBe(from + 10_008 * 10);
    sim.runTo(40_008); // 30 s paused: nothing moves
    expect(sim.clock).toBe(from + 10_008 * 10);
    sim.rp.play();
    sim.runTo(40_008 + 5_008);
    expect(sim.clock).toBe(from + (10_008 + 5_008) * 10);
  });

  it('a speed change keeps the clock continuous: the time reached so far is kept to the millisecond', () => {
    const from = at('2013-10-07T14:00:00Z');
    const sim = new Sim('SPY', from, 10);
    sim.rp.play();
    sim.runTo(20_008);
    sim.rp.setSpeed(100);
    sim.runTo(30_000); // a step is due at 30 000
    expect(sim.clock).toBe(from + 20_008 * 10 + (30_000 - 20_008) * 100);
  });

  it('seek sets the clock exactly and the replay runs on from there at its speed', () => {
    const from = at('2013-10-07T14:00:00Z');
    const to = at('2013-10-07T17:30:00Z');
    const sim = new Sim('SPY', from, 10);
    sim.rp.play();
    sim.runTo(10_008);
    sim.rp.seek(to);
    expect(sim.clock).toBe(to);
    sim.runTo(10_008 + 1_608); // the next step after the seek is at 10 016
    expect(sim.clock).toBe(to + 1_608 * 10);
  });

  // Issue 13: the closed hours of the instrument's calendar cost no wall time, open time runs at the speed.
  const nights = [
    // ES (2013 hours): closes 16:15 Chicago (21:15Z, when its last bar is known), reopens 17:00 (22:00Z; first bar known 22:01Z)
    ['ES 1-minute bars at 10×', 'ES', at('2013-10-08T20:30:00Z'), 10, at('2013-10-08T21:15:00Z'), at('2013-10-08T22:00:00Z'), ES_DAYS[1]!],
    // SPY (extended hours count as open): closes 20:00 New York (00:00Z), reopens 04:00 (08:00Z); first trade 08:00:17Z
    ['SPY ticks at 100×', 'SPY', at('2013-10-07T23:30:00Z'), 100, at('2013-10-08T00:00:00Z'), at('2013-10-08T08:00:00Z'), SPY_DAYS[0]!, SPY_DAYS[1]!],
  ] as const;
  for (const [name, symbol, from, speed, close, reopen, ...files] of nights) {
    it(`${name}: paces to the close, skips the night in one tick onto the reopening, then paces to the first row`, () => {
      const known = files.flatMap(knownAt);
      const k = known.findIndex((t, i) => i > 0 && t - known[i - 1]! > 30 * 60_000 && known[i - 1]! > from);
      const [last, next] = [known[k - 1]!, known[k]!];
      const sim = new Sim(symbol, from, speed);
      sim.rp.play();
      sim.runUntil(() => sim.clock >= next, 3_600_000);
      const reopened = sim.steps.findIndex(([, c]) => c >= reopen);
      expect(sim.steps[reopened]![1]).toBe(reopen);
      // it leaves once the day's last row is out (it lands exactly on it), never after the close
      const [wallBefore, clockBefore] = sim.steps[reopened - 1]!;
      expect(clockBefore).toBe(last);
      expect(clockBefore).toBeLessThanOrEqual(close);
      // the day's end was reached at the speed, neither raced nor waited out
      expect(Math.abs((wallBefore * speed) / (last - from) - 1)).toBeLessThanOrEqual(0.05);
      // the skip took one step; the open time before the first row takes its time at the speed (± a step)
      expect(sim.steps[reopened]![0] - wallBefore).toBe(STEP);
      const landed = sim.steps.findIndex(([, c]) => c >= next);
      const waited = sim.steps[landed]![0] - sim.steps[reopened]![0];
      expect(Math.abs(waited - (next - reopen) / speed)).toBeLessThanOrEqual(STEP);
      // and the next session paces on at the speed (30 s of wall)
      const clockLanded = sim.steps[landed]![1], wallLanded = sim.steps[landed]![0];
      sim.runTo(wallLanded + 30_000);
      expect(Math.abs((sim.clock - clockLanded) / (speed * 30_000) - 1)).toBeLessThanOrEqual(0.05);
    });
  }
});
