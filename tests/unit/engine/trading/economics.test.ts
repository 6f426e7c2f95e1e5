// TradingSession economics per instrument (issue 13): set-up refuses an index and a missing fx rate,
// money is booked in the account currency, fractional sizes, the fill's bracket in the records, and the
// trading day from the calendar. The calendar is a stub here (trading day = UTC date), so these tests
// hold whatever the real calendars say; session.test.ts runs the real one.
import { describe, it, expect, vi } from 'vitest';
import { openDb, type WriteDb } from '../../../../src-main/store/db.ts';
import { createRun, getRun, journal, listPositions, saveState } from '../../../../src-main/store/trading.ts';
import { TradingSession } from '../../../../src-main/engine/trading/session.ts';
import { runSummary } from '../../../../src-main/engine/trading/summary.ts';
import type { SynergyEvent } from '../../../../src-main/engine/synergy/event.ts';
import { DEFAULT_CONFIG, type Config } from '../../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../../src-shared/instruments/types.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';
import { inst } from '../risk/helpers.ts';

const DAY = 86_400_000;
vi.mock('../../../../src-shared/instruments/calendar.ts', () => ({
  calendarFor: (id: string) => ({
    id, isOpen: () => true, tradingDay: (t: number) => Math.floor(t / DAY), openMs: (a: number, b: number) => b - a, nextOpen: (t: number) => t,
  }),
}));

const M5 = 300_000;
const T0 = Date.UTC(2024, 0, 2, 14, 30);
const bar = (i: number, o: number, h: number, l: number, c: number): Bar => ({ t: T0 + i * M5, o, h, l, c, v: 100 });
const synergy = (i: number, direction: 1 | -1): SynergyEvent => ({
  synergy_type: 'TYPE_1', direction, confidence: 1, bar_index: i, bar_start: T0 + i * M5, time: T0 + (i + 1) * M5,
  signals: [], signal_strengths: { mlmi: 1, nwrqk: 1, fvg: 1 }, metadata: { bars_to_complete: 3, pattern_quality: 0.8 },
});
const withRisk = (risk: Partial<Config['risk']>): Config => ({ ...DEFAULT_CONFIG, risk: { ...DEFAULT_CONFIG.risk, ...risk } });

function setup(spec: InstrumentSpec, config: Config = DEFAULT_CONFIG) {
  const db = openDb(':memory:') as WriteDb;
  const run = createRun(db, {
    key: 'k', source: 'test', symbol: spec.symbol, timeframe: '5m', profile: 'spec', config_json: JSON.stringify(config), model: null,
    auto_approve: 1, created_at: 0,
  });
  const make = () => new TradingSession({
    db, run: getRun(db, run.id)!, spec, config, model: null, modelProblem: 'no model', autoApprove: true,
    brokerMode: 'bar', stepMs: M5, wallNow: () => 1_700_000_000_000,
  });
  return { db, runId: run.id, make };
}
const step = (s: TradingSession, b: Bar, ev: SynergyEvent | null, atr: number) => s.step({ bar: b, atr, synergy: ev, matrices: () => null });

describe('session set-up', () => {
  it('refuses an instrument in another currency without a stated rate', () => {
    expect(() => setup(inst('USDJPY')).make()).toThrow('USDJPY is quoted in JPY and the account is in USD: add risk.fx_rates.JPY (USD per 1 JPY)');
  });
  it('refuses an index', () => {
    expect(() => setup(inst('SPX')).make()).toThrow(/SPX is an index: it is not tradable/);
  });
});

describe('money in the account currency', () => {
  it('USDJPY: 298,000 units sized in USD, P&L in JPY booked at 0.0067; the journal shows the fill\'s bracket', () => {
    const { db, runId, make } = setup(inst('USDJPY'), withRisk({ fx_rates: { JPY: 0.0067 } }));
    const s = make();
    // D = 2 · 0.25 = 0.5 JPY = 0.00335 USD a unit → ⌊1,000 / 0.00335 / 1,000⌋ = 298 steps
    const d = step(s, bar(0, 150, 150.1, 149.9, 150), synergy(0, 1), 0.25).decision!;
    expect(d).toMatchObject({ entry: 150, stop: 149.5, target: 150.75, size: 298_000, unit: 'unit', risk_money: 998.3, status: 'approved' });
    // fill 150 + 0.001 → stop 149.501, target 150.751 (reached: high 150.8)
    step(s, bar(1, 150, 150.8, 149.9, 150.7), null, 0.25);
    const [p] = listPositions(db, runId, 'USDJPY');
    expect(p).toMatchObject({ entry_price: 150.001, stop: 149.501, target: 150.751, exit_kind: 'target', exit_price: 150.751 });
    // 0.75 · 298,000 = 223,500 JPY = 1,497.45 USD; commissions 0.2 bps: 298,000 · 150.001 · 0.00002 = 894.00596 JPY
    // = 5.989839932 USD and 298,000 · 150.751 · 0.00002 = 898.47596 JPY = 6.019788932 USD → 1,485.440371136
    expect(p!.pnl).toBeCloseTo(1485.440371136, 6);
    expect(s.account()).toMatchObject({ realized_pnl: 1485.44, equity: 101_485.44 });
    expect(journal(db, { runId })[0]!.entry).toEqual({ t: T0 + M5, price: 150.001, stop: 149.501, target: 150.751 });
    // and in yen, as the fill row and the journal keep it: 223,500 − 894.00596 − 898.47596 = 221,707.51808 JPY
    const x = journal(db, { runId })[0]!.exit!;
    expect(x.currency).toBe('JPY');
    expect(x.pnl_native).toBeCloseTo(221_707.51808, 6);
    expect(runSummary(db, getRun(db, runId)!, { file: 'f', bars: 2, model: null, modelProblem: null })).toMatchObject({ currency: 'USD', realized_pnl: 1485.44 });
  });

  it('BTCUSDT: a fractional 0.123 BTC position, its stop 810 below the fill', () => {
    const { db, runId, make } = setup(inst('BTCUSDT'), withRisk({ fx_rates: { USDT: 1 }, account_equity: 10_000 }));
    const s = make();
    // budget 100; D = 810 USDT a coin → 100 / 810 = 0.1234… → 0.123
    expect(step(s, bar(0, 60_000, 60_010, 59_990, 60_000), synergy(0, 1), 405).decision).toMatchObject({ size: 0.123, unit: 'coin', risk_money: 99.63 });
    step(s, bar(1, 60_000, 60_100, 59_900, 60_050), null, 405);
    expect(listPositions(db, runId, 'BTCUSDT')[0]).toMatchObject({ size: 0.123, entry_price: 60_000.1, stop: 59_190.1, target: 61_215.1, status: 'open' });
  });
});

describe('the trading day comes from the calendar', () => {
  // NQ, 2 contracts of $20/point, max 1 trade a day; stub calendar: the UTC date
  const cfg = withRisk({ max_trades_per_day: 1 });
  const tradeOnce = (s: TradingSession) => {
    step(s, bar(0, 16000, 16005, 15995, 16000), synergy(0, 1), 10);
    step(s, bar(1, 16000, 16100, 15999, 16050), null, 10); // entry 16000.25, target 16030.25: one trade today
  };

  it('a gap of more than 30 minutes inside one trading day no longer resets the counters; the next day does', () => {
    const { make } = setup(inst('NQ'), cfg);
    const s = make();
    tradeOnce(s);
    expect(s.account().trades_today).toBe(1);
    // 3 h later (bar 36, 17:30 UTC), same day: still one trade taken
    const later = step(s, bar(36, 16050, 16055, 16045, 16050), synergy(36, 1), 10).decision!;
    expect(later.risk_reasons).toContain('trades today: 1 taken, max 1');
    // bar 114 starts 2024-01-03 00:00 UTC: a new day
    const next = step(s, bar(114, 16050, 16055, 16045, 16050), synergy(114, 1), 10).decision!;
    expect(s.account().trades_today).toBe(0);
    expect(next.status).toBe('approved');
  });

  it('a snapshot saved before issue 13 (no trading day) resumes in the day of its last step', () => {
    const { db, runId, make } = setup(inst('NQ'), cfg);
    tradeOnce(make());
    const state = JSON.parse(getRun(db, runId)!.state_json!) as Record<string, unknown>;
    delete state.tradingDay;
    state.sessionStart = T0;
    saveState(db, runId, JSON.stringify(state));
    const s = make();
    step(s, bar(2, 16050, 16055, 16045, 16050), null, 10);
    expect(s.account().trades_today).toBe(1); // same day: not reset
  });
});
