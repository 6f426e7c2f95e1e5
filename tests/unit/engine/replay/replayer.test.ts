import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb, type WriteDb } from '../../../../src-main/store/db.ts';
import { importFile } from '../../../../src-main/engine/ingest/import-file.ts';
import { Replayer, type ReplayHooks } from '../../../../src-main/engine/replay/replayer.ts';
import { getBars } from '../../../../src-main/store/bars.ts';
import { getInstrument } from '../../../../src-main/store/instruments.ts';
import { getIndicatorValues } from '../../../../src-main/store/indicator-values.ts';
import { zone, localMs } from '../../../../src-shared/time.ts';
import type { EventPayload, ReplaySpeed } from '../../../../src-shared/ipc.ts';
import { dataFile } from '../../../helpers/data.ts';

let dir: string;
let db: WriteDb;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-replay-'));
  db = openDb(join(dir, 'r.db'));
  const r = importFile(db, dataFile('lean/equity/usa/tick/spy/20131007_trade.zip'));
  if (!r.ok) throw new Error(r.problem.message);
  // every ES day LEAN ships (13 sessions): enough 30m bars for MMD's 102-bar warm-up
  const esDays = readdirSync(dataFile('lean/future/cme/minute/es')).filter((f) => f.endsWith('_trade.zip')).sort();
  for (const [i, f] of esDays.entries()) {
    const es = importFile(db, dataFile(`lean/future/cme/minute/es/${f}`), { indicators: i === esDays.length - 1 });
    if (!es.ok) throw new Error(es.problem.message);
  }
});
afterAll(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

/** Drive a replayer with a fake wall clock that advances `stepMs` per scheduled step. */
function run(speed: ReplaySpeed, from?: number, stepMs = 16, symbol = 'SPY') {
  let now = 0;
  let queued: (() => void) | null = null;
  const events: EventPayload<'bars.appended'>[] = [];
  const ind: EventPayload<'indicators.appended'>[] = [];
  const hooks: ReplayHooks = {
    bars: (p) => events.push(structuredClone(p)),
    indicators: (p) => ind.push(structuredClone(p)),
    state: () => {},
    now: () => now,
    schedule: (fn) => { queued = fn; return 1; },
    cancel: () => { queued = null; },
  };
  const rp = new Replayer(db, hooks);
  const loaded = rp.load(symbol, from);
  if (typeof loaded === 'string') throw new Error(loaded);
  rp.setSpeed(speed);
  rp.play();
  let steps = 0;
  while (queued && steps < 1_000_000) {
    const fn: () => void = queued;
    queued = null;
    now += stepMs;
    fn();
    steps++;
  }
  const closed: Record<string, number[][]> = { '1m': [], '5m': [], '30m': [] };
  for (const e of events) for (const f of e.frames) f.closed.t.forEach((t, i) => closed[f.timeframe]!.push([t, f.closed.o[i]!, f.closed.h[i]!, f.closed.l[i]!, f.closed.c[i]!, f.closed.v[i]!]));
  return { rp, events, closed, steps, wallMs: now, ind };
}

describe('Replayer', () => {
  it('at max speed releases exactly the bars the importer stored', () => {
    const { closed, rp } = run('max');
    expect(rp.state.status).toBe('ended');
    expect(rp.state.ticks).toBe(250_601);
    const spy = getInstrument(db, 'SPY')!;
    for (const [tf, m] of [['1m', 1], ['5m', 5], ['30m', 30]] as const) {
      const s = getBars(db, spy.id, m);
      expect(closed[tf]).toEqual(s.t.map((t, i) => [t, s.o[i], s.h[i], s.l[i], s.c[i], s.v[i]]));
    }
  });

  it('gives the same bars at 100× as at max speed (market time, not wall time), and coalesces events to ≤ 30 per second', () => {
    const ny = zone('America/New_York');
    const from = ny.toUtc(localMs(2013, 10, 7, 15, 30));
    const fast = run('max', from);
    const paced = run(100, from);
    expect(paced.closed).toEqual(fast.closed);
    expect(paced.closed['30m']!.length).toBeGreaterThan(5);
    expect(paced.events.length).toBeLessThanOrEqual(Math.ceil(paced.wallMs / 33) + 2);
    // 4.5 hours of market time at 100× take ~162 s of (fake) wall time, less the idle gaps
    // (no trade for > 200 s of market time, after the close) that the replayer skips.
    expect(paced.wallMs).toBeGreaterThan(120_000);
    expect(paced.wallMs).toBeLessThan(165_000);
  });

  it('seeking starts on a 30-minute boundary, flags the reset and the first bar starts there', () => {
    const ny = zone('America/New_York');
    const from = ny.toUtc(localMs(2013, 10, 7, 12, 47));
    const { events, closed } = run('max', from);
    const aligned = ny.toUtc(localMs(2013, 10, 7, 12, 30));
    expect(events[0]!.reset).toBe(true);
    expect(events[0]!.from).toBe(aligned);
    expect(events.slice(1).every((e) => !e.reset)).toBe(true);
    expect(closed['30m']![0]![0]).toBe(aligned);
  });

  it('without a start time, replays the last day of the data (1-minute bars as the source)', () => {
    const ct = zone('America/Chicago');
    const { events, closed, rp } = run('max', undefined, 16, 'ES');
    expect(rp.state.source).toBe('bars');
    expect(events[0]!.from).toBe(ct.toUtc(localMs(2013, 12, 20, 0, 0)));
    const es = getInstrument(db, 'ES')!;
    const stored = getBars(db, es.id, 5, { from: events[0]!.from! });
    expect(closed['5m']!.map((b) => b[0])).toEqual(stored.t);
    expect(closed['5m']!.map((b) => b[5])).toEqual(stored.v);
  });

  it('streams the same indicator values and FVG zones the importer stored (warm-up from history)', () => {
    const { ind, events } = run('max', undefined, 16, 'ES');
    const from = events[0]!.from!;
    const es = getInstrument(db, 'ES')!;
    const dataEnd = getBars(db, es.id, 1, { limit: 1 }).t[0]! + 60_000;
    expect(ind[0]!.reset).toBe(true);
    for (const [tf, m] of [['5m', 5], ['30m', 30]] as const) {
      const t: number[] = [];
      const rows: Record<string, number | null>[] = [];
      for (const e of ind) for (const f of e.frames) if (f.timeframe === tf) {
        f.t.forEach((ti, i) => { t.push(ti); rows.push(Object.fromEntries(Object.entries(f.series).map(([k, v]) => [k, v[i]!]))); });
      }
      // every stored value whose bar has ended by the end of the data: the 30m bar still being built
      // when the data ends is stored by the import but ends after the replay's last clock (no future)
      const stored = getIndicatorValues(db, es.id, m, from).filter((r) => r.t + m * 60_000 <= dataEnd);
      expect(t).toEqual(stored.map((r) => r.t));
      expect(rows).toEqual(stored.map((r) => r.data));
      expect(rows.length).toBeGreaterThan(tf === '5m' ? 150 : 30);
    }
    // the last day of ES has real values for the 30m indicators, MMD included
    const last = getIndicatorValues(db, es.id, 30).at(-1)!.data;
    for (const k of ['mlmi', 'nwrqk', 'lvn_price', 'mmd_22']) expect(last[k]).not.toBeNull();
  });

  it('reports a forming bar while playing', () => {
    const { events } = run(10, undefined, 16);
    const withForming = events.filter((e) => e.frames.some((f) => f.forming !== null));
    expect(withForming.length).toBeGreaterThan(0);
  });
});
