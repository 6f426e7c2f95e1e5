// The paper broker per asset class (issue 13): the bracket re-anchored on the fill (SPEC §5.2),
// commission by the instrument's model, money in the account currency, fractional sizes.
// Every expected figure is worked out by hand in the comments.
import { describe, it, expect } from 'vitest';
import { PaperBroker, type PaperOrder } from '../../../../src-main/engine/execution/paper-broker.ts';
import { planTicks } from '../../../../src-main/engine/risk/sizing.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';
import { inst, propose } from '../risk/helpers.ts';

const M5 = 300_000;
const T0 = 1_700_000_000_000;
const bar = (i: number, o: number, h: number, l: number, c: number): Bar => ({ t: T0 + i * M5, o, h, l, c, v: 1 });
const broker = (symbol: string, o: { slip?: number; rate?: number } = {}) => new PaperBroker({
  spec: inst(symbol), exec: { ...DEFAULT_CONFIG.exec, slippage_ticks: o.slip ?? 1 }, maxBarsInTrade: 100, mode: 'bar', rate: o.rate ?? 1,
});
/** the order the session places for a shown plan: its prices and its distances in ticks */
const orderOf = (p: ReturnType<typeof propose>, tick: number): PaperOrder => ({
  id: 'o1', direction: p.direction, size: p.size, stop: p.stop, target: p.target, submittedAt: T0, ...planTicks(p, tick),
});

describe('bracket anchored on the fill (SPEC §5.2)', () => {
  // ES long decided at close 5000 with ATR 2.5: stop 4995 (20 ticks), target 5007.5 (30 ticks), 4 contracts, $1,000 at risk
  const plan = propose('ES', 1, 5000, 2.5);

  it('a long decided at close 5000, next open 5001 (gap up): stop and target move +1 with it', () => {
    expect([plan.stop, plan.target, plan.stopTicks, plan.targetTicks, plan.size]).toEqual([4995, 5007.5, 20, 30, 4]);
    const b = broker('ES', { slip: 0 });
    b.submit(orderOf(plan, 0.25));
    const [e] = b.onBar(bar(0, 5001, 5002, 5000, 5001));
    expect(e).toMatchObject({ kind: 'entry', price: 5001, stop: 4996, target: 5008.5 });
    expect(b.position()).toMatchObject({ stop: 4996, target: 5008.5 });
  });

  it('gap down and with slippage: the stop is exactly D below the fill, the target 1.5·D above', () => {
    const b = broker('ES'); // 1 tick slippage: fill 4998 + 0.25
    b.submit(orderOf(plan, 0.25));
    expect(b.onBar(bar(0, 4998, 4999, 4997, 4998))[0]).toMatchObject({ price: 4998.25, stop: 4993.25, target: 5005.75 });
  });

  it('a short decided at 5000, open 4999: stop 4999 + 5 = 5004, target 4999 − 7.5 = 4991.5', () => {
    const short = propose('ES', -1, 5000, 2.5);
    const b = broker('ES', { slip: 0 });
    b.submit(orderOf(short, 0.25));
    expect(b.onBar(bar(0, 4999, 5000, 4998, 4999))[0]).toMatchObject({ price: 4999, stop: 5004, target: 4991.5 });
  });

  it('money at risk after the fill is the planned budget: the stop loses 4 · 5 · 50 = 1,000 before costs', () => {
    const b = broker('ES', { slip: 0 });
    b.submit(orderOf(plan, 0.25));
    b.onBar(bar(0, 5001, 5002, 5000, 5001));
    const [x] = b.onBar(bar(1, 5000, 5000, 4990, 4991)); // through 4996
    // (4996 − 5001) · 4 · 50 = −1,000 = −riskMoney; commissions 4 · 2.50 per side → −1,020
    expect(x).toMatchObject({ kind: 'stop', price: 4996, pnl: -1020 });
    expect(-(x!.pnl! + 20)).toBeLessThanOrEqual(plan.riskBudget);
    // anchored on the close (the bug) the stop was 4995: (4995 − 5001) · 200 = −1,200, 20 % over budget
  });

  it('orders without distances (saved before the fix) keep their prices; an old position without its entry commission still closes', () => {
    const b = broker('ES', { slip: 0 });
    b.restore({
      queued: null, realized: -10,
      position: { orderId: 'old', direction: 1, size: 4, entryPrice: 5001, entryT: T0, stop: 4995, target: 5007.5, barsHeld: 3 },
    });
    const [x] = b.onBar(bar(4, 5000, 5000, 4990, 4991));
    // (4995 − 5001) · 200 = −1,200; both sides 10 → −1,220
    expect(x).toMatchObject({ kind: 'stop', price: 4995, pnl: -1220 });
  });

  it('refuses distances that make no bracket', () => {
    const b = broker('ES');
    expect(b.submit({ ...orderOf(plan, 0.25), stopTicks: 0 }).ok).toBe(false);
    expect(b.submit({ ...orderOf(plan, 0.25), stopTicks: 2.5 }).ok).toBe(false);
    expect(b.submit({ ...orderOf(plan, 0.25), stopTicks: 20, targetTicks: -20 })).toEqual({ ok: false, reason: 'target -20 ticks is not beyond the stop 20 ticks' });
  });
});

describe('money per asset class', () => {
  it('SPY equity, per share: 500 shares pay 2.50 a side, 100 shares the $1 minimum', () => {
    const order = (size: number): PaperOrder => ({ id: 's', direction: 1, size, stop: 449, target: 451.5, submittedAt: T0, stopTicks: 100, targetTicks: 150 });
    const b = broker('SPY', { slip: 0 });
    b.submit(order(500));
    expect(b.onBar(bar(0, 450, 450.5, 449.5, 450))[0]).toMatchObject({ price: 450, commission: 2.5, stop: 449, target: 451.5 });
    // target 451.5: (451.5 − 450) · 500 = 750; − 2.50 − 2.50 = 745 (with 2.50 per share it was 750 − 2,500)
    expect(b.onBar(bar(1, 451, 452, 450.5, 451.8))[0]).toMatchObject({ kind: 'target', price: 451.5, commission: 2.5, pnl: 745 });
    const c = broker('SPY', { slip: 0 });
    c.submit(order(100));
    c.onBar(bar(0, 450, 450.5, 449.5, 450));
    // 1.5 · 100 = 150; − 1 − 1 = 148
    expect(c.onBar(bar(1, 451, 452, 450.5, 451.8))[0]).toMatchObject({ commission: 1, pnl: 148 });
  });

  it('USDJPY fx: P&L and commission in JPY, booked in USD at the stated 0.0067', () => {
    const b = broker('USDJPY', { slip: 0, rate: 0.0067 });
    b.submit({ id: 'fx', direction: 1, size: 298_000, stop: 149.5, target: 150.75, submittedAt: T0, stopTicks: 500, targetTicks: 750 });
    // entry 150.000: 0.2 bps of 298,000 · 150 = 894 JPY → 894 · 0.0067 = 5.9898 USD
    const [e] = b.onBar(bar(0, 150, 150.1, 149.9, 150));
    expect(e).toMatchObject({ price: 150, stop: 149.5, target: 150.75 });
    expect(e!.commission).toBeCloseTo(5.9898, 9);
    expect(e!.commissionNative).toBeCloseTo(894, 9); // the same in yen, as the fill row keeps it
    expect(b.unrealizedPnl(150.1)).toBeCloseTo(0.1 * 298_000 * 0.0067, 6); // 29,800 JPY = 199.66 USD
    // target 150.75: 0.75 · 298,000 = 223,500 JPY = 1,497.45 USD; exit commission 0.2 bps of 298,000 · 150.75
    // = 898.47 JPY = 6.019749 USD; net 1,497.45 − 5.9898 − 6.019749 = 1,485.440451
    const [x] = b.onBar(bar(1, 150.5, 150.8, 150.4, 150.7));
    expect(x!.commission).toBeCloseTo(6.019749, 9);
    expect(x!.pnl).toBeCloseTo(1485.440451, 6);
    // in yen: 223,500 − 894 − 898.47 = 221,707.53 JPY (· 0.0067 = the 1,485.440451 USD above)
    expect(x!.commissionNative).toBeCloseTo(898.47, 6);
    expect(x!.pnlNative).toBeCloseTo(221_707.53, 6);
    expect(b.realizedPnl).toBeCloseTo(1485.440451, 6);
  });

  it('BTCUSDT perpetual: a fractional 0.123 BTC, 5 bps a side, stop D below the fill', () => {
    const b = broker('BTCUSDT'); // 1 tick slippage = 0.1
    expect(b.submit({ id: 'b', direction: 1, size: 0.1235, stop: 59190, target: 61215, submittedAt: T0 }).ok).toBe(false); // not a step multiple
    expect(b.submit({ id: 'b', direction: 1, size: 0.123, stop: 59190, target: 61215, submittedAt: T0, stopTicks: 8100, targetTicks: 12150 })).toEqual({ ok: true });
    // fill 60,000 + 0.1; stop 60,000.1 − 810 = 59,190.1; target 60,000.1 + 1,215 = 61,215.1
    // entry commission 0.0005 · 0.123 · 60,000.1 = 3.69000615
    const [e] = b.onBar(bar(0, 60_000, 60_100, 59_900, 60_050));
    expect(e).toMatchObject({ price: 60_000.1, size: 0.123, stop: 59_190.1, target: 61_215.1 });
    expect(e!.commission).toBeCloseTo(3.69000615, 9);
    // stop: 59,190.1 − 0.1 = 59,190; (59,190 − 60,000.1) · 0.123 = −99.6423; exit commission 0.0005 · 0.123 · 59,190
    // = 3.640185; net −99.6423 − 3.69000615 − 3.640185 = −106.97249115
    const [x] = b.onBar(bar(1, 59_500, 59_600, 59_000, 59_100));
    expect(x).toMatchObject({ kind: 'stop', price: 59_190, size: 0.123 });
    expect(x!.pnl).toBeCloseTo(-106.97249115, 8);
  });

  it('any positive multiple of the step is a valid size (0.3 on a 0.1 step, where 0.3/0.1 is 2.9999999999999996)', () => {
    const b = new PaperBroker({ spec: { ...inst('BTCUSDT'), quantityStep: 0.1 }, exec: DEFAULT_CONFIG.exec, maxBarsInTrade: 100, rate: 1 });
    expect(b.submit({ id: 'x', direction: 1, size: 0.3, stop: 59_000, target: 61_000, submittedAt: T0 })).toEqual({ ok: true });
    expect(broker('ES').submit({ id: 'y', direction: 1, size: 1.5, stop: 4990, target: 5010, submittedAt: T0 }))
      .toEqual({ ok: false, reason: 'size must be a positive multiple of 1, got 1.5' });
  });

  it('refuses a missing or broken rate at construction', () => {
    expect(() => broker('USDJPY', { rate: 0 })).toThrow(/bad account currency rate 0 for USDJPY/);
    expect(() => broker('USDJPY', { rate: Number.NaN })).toThrow(/bad account currency rate/);
  });
});
