// The Report panel's pure helpers on hand-made reports: R histogram bins, uPlot columns (equity,
// drawdown, calibration) of one run and of two, and two runs' metrics and breakdowns side by side.
import { describe, expect, it } from 'vitest';
import { RunReport, type Breakdown, type TradeStats } from '../../../src-shared/report.ts';
import { rBins } from '../../../src-renderer/lib/report/histogram.ts';
import { calibrationSeries, equitySeries, rHistogram } from '../../../src-renderer/lib/report/series.ts';
import { alignBreakdowns, mergeNotes, metricRows } from '../../../src-renderer/lib/report/metrics.ts';

const STEP = 300_000;
const T0 = Date.UTC(2024, 0, 2, 14, 30);

function stats(over: Partial<TradeStats> = {}): TradeStats {
  return {
    trades: 3, wins: 2, losses: 1, win_rate: 2 / 3, avg_win: 150, avg_loss: -100, expectancy_r: 0.5, expectancy_r_ci95: [-0.4, 1.4],
    expectancy_money: 66.67, expectancy_money_ci95: [-60, 190], profit_factor: 3, total_pnl: 200, total_r: 1.5,
    longest_losing_streak: 1, avg_bars_in_trade: 6, ...over,
  };
}
const bd = (key: string, over: Partial<TradeStats> = {}): Breakdown => ({ key, ...stats(over) });

/** A small, contract-valid report: `n` step bars from `t0`, trades with R `rs`. */
function report(id: number, t0 = T0, n = 4, rs = [1.5, -1, 1], over: Partial<RunReport> = {}): RunReport {
  const t = Array.from({ length: n }, (_, i) => t0 + i * STEP);
  const equity = t.map((_, i) => 100_000 + [0, 150, 50, 200, 120, 300][i % 6]!);
  let peak = -Infinity;
  const drawdown = equity.map((e) => { peak = Math.max(peak, e); return peak - e; });
  const trades_list = rs.map((r, i) => ({
    decision_id: i + 1, pattern: i % 2 ? 'TYPE_2' : 'TYPE_1', direction: 1 as const, path: 'rule' as const, p: null, size: 1,
    entry_t: t0, entry_price: 4800, exit_t: t0 + STEP, exit_price: 4801, exit_kind: r < 0 ? 'stop' : 'target', pnl: r * 100, risk_money: 100, r, bars: 6,
  }));
  const s = stats({ trades: rs.length });
  const base = { rule: 'every synergy', stats: s };
  return RunReport.parse({
    run: { id, source: 'app', symbol: 'ES', timeframe: '5m', profile: 'active', model: null, auto_approve: true, created_at: t0,
      finished_at: null, steps: n, currency: 'USD', first_t: t[0] ?? null, last_t: t[n - 1] ?? null },
    trades: rs.length, win_rate: s.win_rate, expectancy_r: s.expectancy_r, expectancy_r_ci95: s.expectancy_r_ci95, profit_factor: 3,
    sharpe: null, sortino: null, max_drawdown: 100, max_drawdown_pct: 0.1, exposure_pct: 40,
    baseline_take_all_expectancy_r: 0.2, baseline_take_all_expectancy_r_ci95: [-0.5, 0.9], baseline_rule_only_expectancy_r: 0.3,
    selected_expectancy_r: 0.5, decision_value_added_r: 0.3, decision_value_added_r_ci95: [-0.1, 0.7],
    stats: s, start_equity: 100_000, end_equity: equity[n - 1] ?? 100_000, trading_days: 1,
    by_pattern: [bd('TYPE_1'), bd('TYPE_2')], by_direction: [bd('long')], by_instrument: [bd('ES')], by_path: [bd('rule')],
    baselines: { synergies: 5, retraded: 4, skipped: { 'data ended': 1 }, take_all: base, rule_only: base, selected: base },
    equity: { t, equity, drawdown }, trades_list,
    calibration: [{ p_lo: 0.5, p_hi: 0.6, n: 4, mean_p: 0.55, hit_rate: 0.5 }, { p_lo: 0.6, p_hi: 0.7, n: 0, mean_p: 0.65, hit_rate: 0 }],
    notes: ['Sharpe and Sortino need at least 2 trading days (the run has 1).'],
    ...over,
  });
}

describe('rBins (R histogram)', () => {
  it('puts 0 R on an edge and a −1 R stop-out in the bin that starts at −1', () => {
    const b = rBins([[-1, -1, -0.3, 0, 0.2, 2, 2.4]]);
    expect(b.width).toBe(0.25);
    expect(b.edges).toContain(0);
    expect(b.edges[0]).toBe(-1);
    const i = b.edges.indexOf(-1);
    expect(b.counts[0]![i]).toBe(2);
    expect(b.counts[0]!.reduce((s, c) => s + c, 0)).toBe(7);
    expect(b.centers).toHaveLength(b.edges.length - 1);
    // the largest value is inside the last bin, not on its upper edge
    expect(b.edges[b.edges.length - 1]!).toBeGreaterThan(2.4);
  });

  it('widens the bins to stay within maxBins, and bins two runs on the same edges', () => {
    const b = rBins([[-1, 9], [0.5]], 12);
    expect(b.edges.length - 1).toBeLessThanOrEqual(12);
    expect(b.width).toBe(1);
    expect(b.counts).toHaveLength(2);
    expect(b.counts[1]!.reduce((s, c) => s + c, 0)).toBe(1);
    expect(b.counts[0]![b.edges.indexOf(-1)]).toBe(1);
  });

  it('has no bins without values, and leaves out non-finite ones', () => {
    expect(rBins([[]])).toEqual({ edges: [], centers: [], width: 0, counts: [[]] });
    expect(rBins([[NaN, 1]]).counts[0]!.reduce((s, c) => s + c, 0)).toBe(1);
  });

  it('bins the trades of a report (and of two)', () => {
    expect(rHistogram(report(1), null).counts[0]!.reduce((s, c) => s + c, 0)).toBe(3);
    const two = rHistogram(report(1), report(2, T0, 4, [-1, -1]));
    expect(two.counts.map((c) => c.reduce((s, x) => s + x, 0))).toEqual([3, 2]);
  });
});

describe('equitySeries (uPlot columns)', () => {
  it('one run: x counts its step bars, t holds their times; drawdown plotted downward', () => {
    const a = report(1);
    const s = equitySeries(a, null);
    expect(s.mode).toBe('time');
    expect(s.x).toEqual([0, 1, 2, 3]);
    expect(s.t).toEqual(a.equity.t);
    expect(s.equity).toEqual([a.equity.equity]);
    expect(s.drawdown[0]).toEqual([0, 0, -100, 0]);
  });

  it('two overlapping runs share the union of their step bars, null where a run has none', () => {
    const s = equitySeries(report(1, T0, 4), report(2, T0 + 2 * STEP, 4));
    expect(s.mode).toBe('time');
    expect(s.x).toHaveLength(6);
    expect(s.t).toEqual(Array.from({ length: 6 }, (_, i) => T0 + i * STEP));
    expect(s.equity[0]!.slice(4)).toEqual([null, null]);
    expect(s.equity[1]!.slice(0, 2)).toEqual([null, null]);
    expect(s.equity[1]![2]).toBe(100_000);
  });

  it('two runs over different dates are laid over each other by step bar number', () => {
    const s = equitySeries(report(1, T0, 3), report(2, T0 + 86_400_000 * 30, 5));
    expect(s.mode).toBe('step');
    expect(s.x).toEqual([0, 1, 2, 3, 4]);
    expect(s.t).toEqual([]);
    expect(s.equity[0]).toEqual([100_000, 100_150, 100_050, null, null]);
    expect(s.drawdown[1]).toHaveLength(5);
  });

  it('a run with no step bars yet gives empty columns', () => {
    const s = equitySeries(report(1, T0, 0, []), null);
    expect(s.x).toEqual([]);
    expect(s.equity).toEqual([[]]);
  });
});

describe('calibrationSeries', () => {
  it('leaves out empty bins and aligns two runs on the union of their mean p', () => {
    const a = report(1);
    const b = report(2, T0, 4, [1], { calibration: [{ p_lo: 0.6, p_hi: 0.7, n: 2, mean_p: 0.62, hit_rate: 1 }] });
    expect(calibrationSeries(a, null)).toEqual({ x: [0.55], hit: [[0.5]], n: [[4]] });
    expect(calibrationSeries(a, b)).toEqual({ x: [0.55, 0.62], hit: [[0.5, null], [null, 1]], n: [[4, null], [null, 2]] });
  });
});

describe('metricRows (A | B)', () => {
  it('formats one run\'s headline metrics with intervals, money in its currency', () => {
    const rows = metricRows(report(1), null);
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by.trades!.a.text).toBe('3');
    expect(by.expectancy_r!.a.text).toBe('+0.50R');
    expect(by.expectancy_r!.a.ci).toBe('95 % [−0.40R, +1.40R]');
    expect(by.expectancy_money!.a.text).toBe('+66.67 USD');
    expect(by.max_drawdown!.a.text).toBe('−100.00 USD');
    expect(by.avg_bars_in_trade!.a.text).toBe('6.0 bars · 30 min');
    expect(rows.every((r) => r.b === null && r.better === null)).toBe(true);
  });

  it('a null metric is — and its hover says why, from the notes', () => {
    const sharpe = metricRows(report(1), null).find((r) => r.key === 'sharpe')!;
    expect(sharpe.a.text).toBe('—');
    expect(sharpe.a.title).toContain('at least 2 trading days');
  });

  it('two runs: same rows, B beside A, the better one marked by the metric\'s direction', () => {
    const a = report(1);
    const b = report(2, T0, 4, [1, -1], { expectancy_r: 0.9, max_drawdown: 50, trades: 2 });
    const rows = metricRows(a, b);
    expect(rows.map((r) => r.key)).toEqual(metricRows(a, null).map((r) => r.key));
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by.expectancy_r!.b!.text).toBe('+0.90R');
    expect(by.expectancy_r!.better).toBe('b');
    expect(by.max_drawdown!.better).toBe('b'); // the smaller fall
    expect(by.trades!.better).toBeNull(); // more trades is neither better nor worse
    expect(by.sharpe!.better).toBeNull(); // both undefined
  });
});

describe('alignBreakdowns', () => {
  it('one row per key of either run, A\'s order first', () => {
    const rows = alignBreakdowns([bd('TYPE_1'), bd('TYPE_3')], [bd('TYPE_2'), bd('TYPE_1')]);
    expect(rows.map((r) => [r.key, r.a !== null, r.b !== null])).toEqual([['TYPE_1', true, true], ['TYPE_3', true, false], ['TYPE_2', false, true]]);
    expect(alignBreakdowns([bd('x')], null)).toEqual([{ key: 'x', a: bd('x'), b: null }]);
  });
});

describe('mergeNotes', () => {
  it('one run: its notes; two: shared notes once, the others marked with their run', () => {
    expect(mergeNotes(['x'], null)).toEqual([{ text: 'x', runs: '' }]);
    expect(mergeNotes(['shared', 'only a'], ['only b', 'shared'])).toEqual([
      { text: 'shared', runs: 'A, B' }, { text: 'only a', runs: 'A' }, { text: 'only b', runs: 'B' },
    ]);
  });
});
