// How the Report panel words numbers: R, rates, money in the run's currency, intervals, '—' and its reason.
import { describe, expect, it } from 'vitest';
import { ciExcludesZero, fmtBarsHeld, fmtCash, fmtCi, fmtFrac, fmtPct, fmtR, fmtRatio, nullReason, runLabel } from '../../../src-renderer/lib/report/format.ts';

describe('report formatting', () => {
  it('R multiples are signed with a true minus; null and non-finite are —', () => {
    expect(fmtR(0.234)).toBe('+0.23R');
    expect(fmtR(-1)).toBe('−1.00R');
    expect(fmtR(0)).toBe('0.00R');
    expect(fmtR(null)).toBe('—');
    expect(fmtR(Number.NaN)).toBe('—');
    expect(fmtR(0.5, false)).toBe('0.50R');
  });

  it('fractions and percentages', () => {
    expect(fmtFrac(0.4567)).toBe('45.7 %');
    expect(fmtPct(12.345)).toBe('12.3 %');
    expect(fmtPct(-3)).toBe('−3.0 %');
    expect(fmtFrac(null)).toBe('—');
    expect(fmtRatio(1.234)).toBe('1.23');
    expect(fmtRatio(null)).toBe('—');
  });

  it('money in the run\'s currency', () => {
    expect(fmtCash(-1234.5, 'USD')).toBe('−1,234.50 USD');
    expect(fmtCash(12, 'EUR', true)).toBe('+12.00 EUR');
    expect(fmtCash(null, 'USD')).toBe('—');
  });

  it('intervals with the value\'s own formatter; none is empty', () => {
    expect(fmtCi([-0.12, 0.4], (n) => fmtR(n))).toBe('[−0.12R, +0.40R]');
    expect(fmtCi(null, (n) => fmtR(n))).toBe('');
    expect(ciExcludesZero([0.1, 0.3])).toBe(true);
    expect(ciExcludesZero([-0.3, -0.1])).toBe(true);
    expect(ciExcludesZero([-0.1, 0.3])).toBe(false);
    expect(ciExcludesZero(null)).toBe(false);
  });

  it('time in trade as step bars and market time', () => {
    expect(fmtBarsHeld(6.2, '5m')).toBe('6.2 bars · 31 min');
    expect(fmtBarsHeld(5, '30m')).toBe('5.0 bars · 2.5 h');
    expect(fmtBarsHeld(null, '5m')).toBe('—');
  });

  it('a null\'s reason is the notes that mention the metric, else a generic one', () => {
    const notes = ['Profit factor is undefined: the run has no losing trade.', 'Sharpe needs 2 trading days.'];
    expect(nullReason(notes, 'profit_factor')).toBe(notes[0]);
    expect(nullReason(notes, 'sharpe')).toBe(notes[1]);
    expect(nullReason([], 'sharpe')).toMatch(/undefined/);
    // the engine's wording: a note saying why wins over one that only names the method
    const engine = ['Sortino undefined: no day lost money', 'money in USD; Sharpe and Sortino from daily returns, annualised with √252'];
    expect(nullReason(engine, 'sortino')).toBe(engine[0]);
    expect(nullReason(engine, 'sharpe')).toBe(engine[1]);
  });

  it('a run in the picker', () => {
    const r = { id: 12, symbol: 'ES', timeframe: '5m', profile: 'active', created_at: Date.UTC(2026, 11, 7, 5, 31), synergies: 1, fills: 4 };
    expect(runLabel(r, 12)).toBe('#12 · ES · 5m · active · 2026-12-07 05:31 · 1 synergy · 4 fills (current)');
    expect(runLabel(r, null)).not.toContain('current');
  });
});
