import { describe, expect, it } from 'vitest';
import { accuracy, brier, distribution, expectancy } from '../../../src-main/engine/training/card.ts';

const s = [
  { label: 1 as const, p: 0.9, pnl: 150, r: 1.5 },
  { label: 0 as const, p: 0.6, pnl: -100, r: -1 },
  { label: 0 as const, p: 0.2, pnl: -100, r: -1 },
  { label: 1 as const, p: 0.4, pnl: 20, r: 0.2 },
];

describe('card metrics', () => {
  it('accuracy at 0.5: right on 0.9→1 and 0.2→0 → ½', () => expect(accuracy(s)).toBe(0.5));
  it('Brier: (0.01 + 0.36 + 0.04 + 0.36)/4 = 0.1925; constant 0.5 → 0.25', () => {
    expect(brier(s)).toBeCloseTo(0.1925, 15);
    expect(brier(s, 0.5)).toBe(0.25);
  });
  it('expectancy: money and R per trade', () => {
    expect(expectancy('all', s)).toEqual({ rule: 'all', trades: 4, win_rate: 0.5, mean_pnl: -7.5, total_pnl: -30, mean_r: -0.075, total_r: -0.3 });
    expect(expectancy('none', [])).toMatchObject({ trades: 0, win_rate: null, mean_r: null, total_r: 0 });
  });
  it('distribution: linear interpolation between order statistics', () => {
    expect(distribution([0.4, 0.1, 0.3, 0.2, 0.5])).toEqual({ min: 0.1, q25: 0.2, median: 0.3, q75: 0.4, max: 0.5 });
    expect(distribution([0.1, 0.2]).median).toBeCloseTo(0.15, 15);
  });
});
