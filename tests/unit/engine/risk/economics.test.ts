// Sizing per asset class (issue 13): quantity steps, lot caps, the unit's name, money in the account
// currency at a stated rate, and the set-up errors. Every figure is worked out by hand.
import { describe, it, expect } from 'vitest';
import { planProposal } from '../../../../src-main/engine/risk/sizing.ts';
import { accountRate, assertTradable } from '../../../../src-main/engine/risk/currency.ts';
import { checkSize } from '../../../../src-main/engine/risk/checks.ts';
import { CFG, flatAccount, inst, propose } from './helpers.ts';

const USD_JPY = { fx_rates: { JPY: 0.0067 } }; // 1 JPY = 0.0067 USD
const USD_USDT = { fx_rates: { USDT: 1 } };

describe('sizing per asset class', () => {
  it('ES future: 4 contracts of $50/point, money in USD at rate 1', () => {
    // D = 2 · 2.5 = 5 points → 5 · 50 = 250 per contract; ⌊1,000 / 250⌋ = 4; cap 5 · 1
    expect(propose('ES', 1, 5000, 2.5)).toMatchObject({ unit: 'contract', size: 4, maxSize: 5, rate: 1, currency: 'USD', riskPerUnit: 250, riskMoney: 1000 });
  });

  it('SPY equity: shares, capped at max_contracts lots of 100 (500)', () => {
    // D = 2 · 0.5 = 1.00 → $1 a share; ⌊1,000 / 1⌋ = 1,000 > 5 · 100 → 500 shares, $500 at risk
    expect(propose('SPY', 1, 450, 0.5)).toMatchObject({ unit: 'share', size: 500, maxSize: 500, riskPerUnit: 1, riskMoney: 500 });
  });

  it('USDJPY fx: the risk per unit is converted into USD at the stated rate; size in 1,000-unit steps', () => {
    // D = 2 · 0.25 = 0.5 JPY (500 ticks of 0.001) → 0.5 · 1 · 0.0067 = 0.00335 USD a unit
    // 1,000 / 0.00335 = 298,507.46 units = 298.5 steps of 1,000 → 298 steps = 298,000 units (cap 5 · 100,000)
    const p = propose('USDJPY', 1, 150, 0.25, { cfg: USD_JPY });
    expect(p).toMatchObject({
      unit: 'unit', stop: 149.5, target: 150.75, stopTicks: 500, targetTicks: 750, rate: 0.0067, currency: 'USD',
      riskPerUnit: 0.00335, size: 298_000, maxSize: 500_000,
    });
    expect(p.riskMoney).toBe(998.3); // 298,000 · 0.00335 ≤ 1,000
  });

  it('USDJPY in a JPY account: rate 1, the budget is in JPY', () => {
    // budget 1 % of 10,000,000 JPY = 100,000; D 0.5 JPY a unit → 200,000 units
    expect(propose('USDJPY', 1, 150, 0.25, { cfg: { account_currency: 'JPY' }, equity: 10_000_000 }))
      .toMatchObject({ rate: 1, currency: 'JPY', riskPerUnit: 0.5, size: 200_000, riskMoney: 100_000 });
  });

  it('BTCUSDT perpetual: fractional coins in 0.001 steps (0.123 BTC)', () => {
    // equity 10,000 → budget 100; D = 2 · 405 = 810 USDT a coin at rate 1; 100 / 810 = 0.12345… → 123 steps = 0.123
    const p = propose('BTCUSDT', 1, 60_000, 405, { cfg: USD_USDT, equity: 10_000 });
    expect(p).toMatchObject({ unit: 'coin', stop: 59_190, target: 61_215, size: 0.123, maxSize: 5, riskPerUnit: 810, riskMoney: 99.63 });
  });

  it('quantity-step rounding is exact: 0.3 / 0.1 = 2.9999999999999996 in floats, yet 3 steps = 0.3', () => {
    // equity 3,000 → budget 30; D = 2 · 50 = 100 a coin; 30 / 100 = 0.3 coins = 3 steps of 0.1
    const p = propose('BTCUSDT', 1, 60_000, 50, { cfg: USD_USDT, equity: 3000, spec: { quantityStep: 0.1 } });
    expect(p.size).toBe(0.3);
    expect(p.riskMoney).toBe(30);
    // and a size below one step is 0 (rejected by risk), never a fraction of a step: budget 5 → 0.05 coins < 0.1
    expect(propose('BTCUSDT', 1, 60_000, 50, { cfg: USD_USDT, equity: 500, spec: { quantityStep: 0.1 } }).size).toBe(0);
  });

  it('the cap is max_contracts lots in whole steps: 2 lots of 100,000 USDJPY = 200,000', () => {
    expect(propose('USDJPY', 1, 150, 0.01, { cfg: { ...USD_JPY, max_contracts: 2 } })).toMatchObject({ size: 200_000, maxSize: 200_000 });
  });

  it('planProposal prices a shown fx plan the same way (second look at approval)', () => {
    const cfg = { ...CFG, ...USD_JPY };
    const p = propose('USDJPY', -1, 150.123, 0.25, { cfg: USD_JPY });
    expect(planProposal(p, inst('USDJPY'), cfg, p.equity)).toEqual({ ...p, rawDistance: p.distance });
  });
});

describe('risk reasons for small units', () => {
  it('size 0 on USDJPY shows the risk per unit in full, not rounded to cents', () => {
    // equity 300 → budget 3 USD; D = 0.5 JPY = 0.00335 USD a unit; 3 / 0.00335 = 895.5 units < one 1,000-unit step → size 0
    const p = propose('USDJPY', 1, 150, 0.25, { cfg: USD_JPY, equity: 300 });
    expect(p.size).toBe(0);
    expect(checkSize(p, flatAccount(), CFG)).toBe('size 0: risk per unit 0.00335 exceeds 1 % of equity 300 (3)');
  });
});

describe('account currency and tradability', () => {
  it('a missing rate is an error that says which key to add, never a silent 1', () => {
    expect(() => propose('USDJPY', 1, 150, 0.25)).toThrow('USDJPY is quoted in JPY and the account is in USD: add risk.fx_rates.JPY (USD per 1 JPY)');
    expect(() => accountRate(inst('BTCUSDT'), CFG)).toThrow('BTCUSDT is quoted in USDT and the account is in USD: add risk.fx_rates.USDT (USD per 1 USDT)');
    expect(accountRate(inst('ES'), CFG)).toBe(1);
    expect(accountRate(inst('USDJPY'), { ...CFG, fx_rates: { JPY: 0.0067 } })).toBe(0.0067);
  });
  it('an index is not tradable', () => {
    expect(() => assertTradable(inst('SPX'))).toThrow('SPX is an index: it is not tradable (trade a future or ETF on it instead)');
    expect(() => assertTradable(inst('ES'))).not.toThrow();
  });
});
