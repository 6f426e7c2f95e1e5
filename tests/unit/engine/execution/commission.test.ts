// Commission per side by the instrument's model (issue 13), worked out by hand.
import { describe, it, expect } from 'vitest';
import { commissionFor } from '../../../../src-main/engine/execution/commission.ts';
import type { CommissionModel } from '../../../../src-shared/instruments/types.ts';

const PER_SHARE: CommissionModel = { kind: 'per_share', perShare: 0.005, minPerOrder: 1, maxPctOfValue: 0.01 };

describe('commissionFor', () => {
  it('per_contract: perSide null takes exec.commission_per_contract; a stated perSide wins', () => {
    expect(commissionFor({ kind: 'per_contract', perSide: null }, 4, 5000, 50, 2.5)).toBe(10); // 4 · 2.50
    expect(commissionFor({ kind: 'per_contract', perSide: 0.85 }, 4, 5000, 50, 2.5)).toBe(3.4); // 4 · 0.85 (no float tail)
  });
  it('per_share (IBKR fixed): 500 SPY at 450 → 500 · 0.005 = 2.50, not 500 · 2.50 = 1,250', () => {
    // cap 1 % of 500 · 450 = 2,250 does not bind; minimum 1 does not bind
    expect(commissionFor(PER_SHARE, 500, 450, 1, 2.5)).toBe(2.5);
  });
  it('per_share: 100 shares → 0.50 raised to the $1 minimum', () => {
    expect(commissionFor(PER_SHARE, 100, 450, 1, 2.5)).toBe(1);
  });
  it('per_share: the 1 % cap wins over the minimum on a tiny order (1 share at 5 → 0.05)', () => {
    expect(commissionFor(PER_SHARE, 1, 5, 1, 2.5)).toBe(0.05);
  });
  it('bps of notional: 0.123 BTC at 60,000, 5 bps → 7,380 · 0.0005 = 3.69', () => {
    expect(commissionFor({ kind: 'bps', bps: 5, minPerOrder: 0 }, 0.123, 60_000, 1, 2.5)).toBe(3.69);
  });
  it('bps: 298,000 USDJPY at 150, 0.2 bps → 44,700,000 · 0.00002 = 894 JPY; the point value scales the notional', () => {
    expect(commissionFor({ kind: 'bps', bps: 0.2, minPerOrder: 0 }, 298_000, 150, 1, 2.5)).toBe(894);
    expect(commissionFor({ kind: 'bps', bps: 1, minPerOrder: 0 }, 2, 100, 50, 2.5)).toBe(1); // 2 · 100 · 50 = 10,000 · 0.0001
  });
  it('bps: at least minPerOrder (1,000 units at 1.1, 1 bp = 0.11 → 2)', () => {
    expect(commissionFor({ kind: 'bps', bps: 1, minPerOrder: 2 }, 1000, 1.1, 1, 2.5)).toBe(2);
  });
});
