// TradeStats against hand-computed values: win rate, expectancy in R and money, profit factor, losing
// streak, and nulls (never NaN) where a ratio has no denominator.
import { describe, expect, it } from 'vitest';
import { breakdown, longestLosingStreak, meanCis, tradeStats } from '../../../../src-main/engine/report/trade-stats.ts';
import { meanCi } from '../../../../src-main/engine/stats/bootstrap.ts';
import { TradeStats } from '../../../../src-shared/report.ts';

/** equal risk of 100 per trade: pnl = 100·R */
const fromR = (rs: number[]) => rs.map((r, i) => ({ r, pnl: 100 * r, bars: i + 1 }));

describe('tradeStats', () => {
  it('R = [1.5, −1, −1, 1.5, −1]: win rate 0.4, expectancy 0, profit factor 300/300, streak 2', () => {
    const s = tradeStats(fromR([1.5, -1, -1, 1.5, -1]));
    expect(TradeStats.parse(s)).toEqual(s);
    expect(s.trades).toBe(5);
    expect(s.wins).toBe(2);
    expect(s.losses).toBe(3);
    expect(s.win_rate).toBe(0.4);
    expect(s.expectancy_r).toBeCloseTo(0, 12);
    expect(s.expectancy_money).toBeCloseTo(0, 9);
    expect(s.profit_factor).toBe(1); // gross profit 150 + 150, gross loss 100 · 3
    expect(s.avg_win).toBe(150);
    expect(s.avg_loss).toBe(-100);
    expect(s.total_pnl).toBe(0);
    expect(s.total_r).toBeCloseTo(0, 12);
    expect(s.longest_losing_streak).toBe(2);
    expect(s.avg_bars_in_trade).toBe(3); // (1+2+3+4+5)/5
    // the bootstrap interval of a mean lies within the data's range and holds the mean here
    const [lo, hi] = s.expectancy_r_ci95!;
    expect(lo).toBeGreaterThanOrEqual(-1);
    expect(hi).toBeLessThanOrEqual(1.5);
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(0);
    // seeded: the same data gives the same interval
    expect(tradeStats(fromR([1.5, -1, -1, 1.5, -1])).expectancy_r_ci95).toEqual(s.expectancy_r_ci95);
  });

  it('profit factor in money: 2·150 over 50 + 200', () => {
    const s = tradeStats([{ pnl: 150, r: 1.5, bars: 1 }, { pnl: -50, r: -0.5, bars: 1 }, { pnl: 150, r: 1.5, bars: 1 }, { pnl: -200, r: -1, bars: 1 }]);
    expect(s.profit_factor).toBeCloseTo(300 / 250, 12);
    expect(s.longest_losing_streak).toBe(1);
  });

  it('no trades, one trade, no loss: nulls instead of NaN or Infinity', () => {
    const none = tradeStats([]);
    expect(TradeStats.parse(none)).toEqual(none);
    expect(none).toMatchObject({ trades: 0, win_rate: null, expectancy_r: null, expectancy_r_ci95: null, profit_factor: null, avg_win: null, avg_loss: null, avg_bars_in_trade: null, total_pnl: 0 });
    const one = tradeStats([{ pnl: 80, r: 0.8, bars: 3 }]);
    expect(TradeStats.parse(one)).toEqual(one);
    expect(one).toMatchObject({ win_rate: 1, expectancy_r: 0.8, expectancy_r_ci95: null, profit_factor: null, avg_loss: null, longest_losing_streak: 0 });
  });

  it('a zero P&L is not a win and extends a losing streak', () => {
    expect(longestLosingStreak([10, 0, -5, -1, 3, -2])).toBe(3);
    expect(tradeStats([{ pnl: 0, r: 0, bars: 0 }]).wins).toBe(0);
  });
});

describe('breakdown', () => {
  it('groups by key, sorted, each with its own stats', () => {
    const trades = [
      { pnl: 100, r: 1, bars: 1, k: 'b' }, { pnl: -50, r: -0.5, bars: 2, k: 'a' }, { pnl: 30, r: 0.3, bars: 3, k: 'b' },
    ];
    const rows = breakdown(trades, (t) => t.k);
    expect(rows.map((r) => [r.key, r.trades, r.total_pnl])).toEqual([['a', 1, -50], ['b', 2, 130]]);
    expect(rows[1]!.expectancy_r).toBeCloseTo(0.65, 12);
  });
});

describe('meanCis', () => {
  it('is exactly meanCi of each array (one set of resamples serves both)', () => {
    const rs = [1.5, -1, -0.2, 2.1, -1, 0.4, -1, 1.5], pnls = rs.map((r, i) => 137 * r + i);
    expect(meanCis(rs, pnls)).toEqual({ r: meanCi(rs), money: meanCi(pnls) });
    expect(meanCis([1], [2])).toEqual({ r: null, money: null });
  });
});
