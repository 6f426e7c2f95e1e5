// Equity, drawdown and exposure of a small run written through the real store (hand-run.ts), against
// values worked out by hand: NQ ($20 a point), three trades, the last one still open at the end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb, type WriteDb } from '../../../../src-main/store/db.ts';
import { buildReport, listRuns } from '../../../../src-main/engine/report/build-report.ts';
import { RunReport } from '../../../../src-shared/report.ts';
import { upsertBars } from '../../../../src-main/store/bars.ts';
import { getInstrument } from '../../../../src-main/store/instruments.ts';
import { STEP, barsFrom, writeHandRun, type HandTrade } from './hand-run.ts';

const T0 = Date.UTC(2023, 10, 6, 15, 0); // Monday 2023-11-06 15:00 UTC, inside the CME session

// o, h, l, c
const BARS = barsFrom(T0, [
  [100, 100, 100, 100],
  [101, 102, 100.5, 102], // trade 1 enters long at the open, 101
  [102, 104, 102, 103.5], // ... and exits at its target, 103
  [103, 103, 99, 99],
  [99, 99, 98, 98], // trade 2 enters short 2 at 99
  [98, 103, 98, 103],
  [103, 104.5, 103, 104], // ... stopped at 104
  [105, 106, 105, 106], // trade 3 enters long at 105 and is still open at the end
]);

const TRADES: HandTrade[] = [
  {
    pattern: 'TYPE_1', direction: 1, path: 'model', p: 0.7, size: 1, riskMoney: 100, at: 0,
    entry: { idx: 1, price: 101, commission: 2 }, exit: { idx: 2, price: 103, kind: 'target', commission: 2, pnl: 2 * 20 - 4 },
  },
  {
    pattern: 'TYPE_2', direction: -1, path: 'rule', p: null, size: 2, riskMoney: 200, at: 3,
    entry: { idx: 4, price: 99, commission: 3 }, exit: { idx: 6, price: 104, kind: 'stop', commission: 3, pnl: -5 * 2 * 20 - 6 },
  },
  { pattern: 'TYPE_1', direction: 1, path: 'model', p: 0.55, size: 1, riskMoney: 100, at: 6, entry: { idx: 7, price: 105, commission: 2 } },
];

let dir: string;
let db: WriteDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-report-'));
  db = openDb(join(dir, 'r.db'));
});
afterEach(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('equity of a hand-built run', () => {
  it('marks to market at each close, draws down from the running peak, counts exposure', () => {
    // warm-up bars before the run's first step are stored too: they are not part of the run
    writeHandRun(db, { symbol: 'NQ', bars: BARS, trades: TRADES });
    upsertBars(db, getInstrument(db, 'NQ')!.id, 5, barsFrom(T0 - 3 * STEP, [[90, 90, 90, 90], [91, 91, 91, 91], [92, 92, 92, 92]]));
    const r = buildReport(db, 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rep = RunReport.parse(r.value);
    expect(rep.equity.t).toEqual(BARS.map((b) => b.t));
    expect(rep.equity.equity).toEqual([
      100_000,
      100_000 - 2 + 1 * 20, // open long: (102 − 101)·20, minus the entry commission paid
      100_036, // closed: +36
      100_036,
      100_036 - 3 + 40, // short 2 from 99, close 98: +1·2·20
      100_036 - 3 - 160, // close 103: −4·2·20
      100_036 - 206, // stopped: −206
      100_036 - 206 - 2 + 20, // long from 105, close 106, still open
    ]);
    expect(rep.equity.drawdown).toEqual([0, 0, 0, 0, 0, -200, -243, -225]);
    expect(rep.max_drawdown).toBe(243);
    expect(rep.max_drawdown_pct).toBeCloseTo((100 * 243) / 100_073, 12);
    expect(rep.exposure_pct).toBe(75); // bars 1–2, 4–6 and 7 of 8
    expect(rep.start_equity).toBe(100_000);
    expect(rep.end_equity).toBe(99_848);
    // two closed trades, in exit order; the open one is noted, not counted
    expect(rep.trades).toBe(2);
    expect(rep.trades_list.map((t) => [t.pnl, t.r, t.bars, t.exit_kind])).toEqual([[36, 0.36, 1, 'target'], [-206, -1.03, 2, 'stop']]);
    expect(rep.win_rate).toBe(0.5);
    expect(rep.profit_factor).toBeCloseTo(36 / 206, 12);
    expect(rep.stats.total_pnl).toBe(-170);
    expect(rep.notes.some((n) => /1 position still open/.test(n))).toBe(true);
    // one trading day: no Sharpe, and a note says why
    expect(rep.trading_days).toBe(1);
    expect(rep.sharpe).toBeNull();
    expect(rep.sortino).toBeNull();
    expect(rep.notes.some((n) => /at least 2 trading days/.test(n))).toBe(true);
    expect(rep.by_direction.map((b) => [b.key, b.trades, b.total_pnl])).toEqual([['long', 1, 36], ['short', 1, -206]]);
    expect(rep.by_path.map((b) => [b.key, b.trades])).toEqual([['model', 1], ['rule', 1]]);
    expect(rep.by_instrument.map((b) => [b.key, b.trades])).toEqual([['NQ', 2]]);
    expect(listRuns(db)).toEqual([expect.objectContaining({ id: 1, symbol: 'NQ', synergies: 3, fills: 5, steps: 8 })]);
  });

  it('a run recorded before first_t: its last `steps` bars up to the cursor, and a note', () => {
    writeHandRun(db, { symbol: 'NQ', bars: BARS, trades: TRADES });
    upsertBars(db, getInstrument(db, 'NQ')!.id, 5, barsFrom(T0 - 3 * STEP, [[90, 90, 90, 90], [91, 91, 91, 91], [92, 92, 92, 92]]));
    db.prepare('UPDATE trading_runs SET first_t = NULL').run();
    const r = buildReport(db, 1);
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.value.equity.t).toEqual(BARS.map((b) => b.t));
    expect(r.value.end_equity).toBe(99_848);
    expect(r.value.notes.some((n) => /predates first_t/.test(n))).toBe(true);
  });

  it('an unknown run is a Problem naming the runs there are', () => {
    writeHandRun(db, { symbol: 'NQ', bars: BARS, trades: TRADES });
    const r = buildReport(db, 7);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatchObject({ code: 'unknown-run', message: expect.stringMatching(/runs: 1\)/) });
  });
});
