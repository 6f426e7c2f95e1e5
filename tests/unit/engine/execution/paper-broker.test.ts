// Paper broker (SPEC §5.2) on ES: tick 0.25, $50/point, slippage 1 tick = 0.25, commission $2.50 per
// contract per side. Expected money is worked out by hand in each test.
import { describe, it, expect } from 'vitest';
import { PaperBroker, type FillEvent, type PaperOrder } from '../../../../src-main/engine/execution/paper-broker.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { inst } from '../risk/helpers.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

const ES = inst('ES');
const M5 = 300_000;
const T0 = 1_700_000_000_000;
const bar = (i: number, o: number, h: number, l: number, c: number): Bar => ({ t: T0 + i * M5, o, h, l, c, v: 1 });
const broker = (mode: 'bar' | 'tick' = 'bar') =>
  new PaperBroker({ spec: ES, exec: DEFAULT_CONFIG.exec, maxBarsInTrade: DEFAULT_CONFIG.risk.max_bars_in_trade, mode, rate: 1 });
const long = (over: Partial<PaperOrder> = {}): PaperOrder =>
  ({ id: 'L1', direction: 1, size: 1, stop: 4490, target: 4520, submittedAt: T0, ...over });
const short = (over: Partial<PaperOrder> = {}): PaperOrder =>
  ({ id: 'S1', direction: -1, size: 1, stop: 4510, target: 4480, submittedAt: T0, ...over });
const QUIET = (i: number) => bar(i, 4500, 4504, 4496, 4500); // inside every bracket below

describe('PaperBroker, bar data', () => {
  it('long round trip to the target: 2 ES, entry 4500 + 0.25, target 4520 without slippage', () => {
    const b = broker();
    expect(b.submit(long({ size: 2 }))).toEqual({ ok: true });
    const e1 = b.onBar(bar(0, 4500, 4505, 4495, 4502));
    // an order without distances in ticks keeps its bracket prices (orders saved before issue 13)
    expect(e1).toEqual([{ kind: 'entry', orderId: 'L1', t: T0, price: 4500.25, size: 2, commission: 5, commissionNative: 5, booked: -5, stop: 4490, target: 4520 }]);
    expect(b.realizedPnl).toBe(-5); // entry commission 2 × 2.50
    expect(b.position()).toMatchObject({ direction: 1, size: 2, entryPrice: 4500.25, stop: 4490, target: 4520, barsHeld: 0 });
    const e2 = b.onBar(bar(1, 4510, 4521, 4505, 4515));
    // (4520 − 4500.25) · 2 · 50 = 1975; minus 2 × 5 commission = 1965
    expect(e2).toEqual([{ kind: 'target', orderId: 'L1', t: T0 + M5, price: 4520, size: 2, commission: 5, pnl: 1965, commissionNative: 5, pnlNative: 1965, booked: 1970 }]);
    expect(b.realizedPnl).toBe(1965);
    expect(b.position()).toBeNull();
  });

  it('short round trip to the stop: 3 ES, entry 4500 − 0.25, stop 4510 + 0.25', () => {
    const b = broker();
    b.submit(short({ size: 3 }));
    expect(b.onBar(bar(0, 4500, 4504, 4496, 4501))[0]!.price).toBe(4499.75);
    const [x] = b.onBar(bar(1, 4505, 4512, 4503, 4508));
    // −(4510.25 − 4499.75) · 3 · 50 = −1575; commissions 3 × 2.50 × 2 = 15 → −1590
    expect(x).toEqual({ kind: 'stop', orderId: 'S1', t: T0 + M5, price: 4510.25, size: 3, commission: 7.5, pnl: -1590, commissionNative: 7.5, pnlNative: -1590, booked: -1582.5 });
    expect(b.realizedPnl).toBe(-1590);
  });

  it('short round trip to the target: 1 ES, (4499.75 − 4480) · 50 − 5 = 982.50', () => {
    const b = broker();
    b.submit(short());
    b.onBar(bar(0, 4500, 4504, 4496, 4501));
    expect(b.onBar(bar(1, 4490, 4492, 4479, 4485))).toMatchObject([{ kind: 'target', price: 4480, pnl: 982.5 }]);
    expect(b.realizedPnl).toBe(982.5);
  });

  it('stop fills first when the bar touches both stop and target (conservative)', () => {
    const b = broker();
    b.submit(long());
    b.onBar(QUIET(0));
    const [x] = b.onBar(bar(1, 4505, 4525, 4485, 4522));
    // (4489.75 − 4500.25) · 50 = −525; − 5 = −530
    expect(x).toMatchObject({ kind: 'stop', price: 4489.75, pnl: -530 });
    const s = broker();
    s.submit(short());
    s.onBar(QUIET(0));
    expect(s.onBar(bar(1, 4495, 4515, 4475, 4478))).toMatchObject([{ kind: 'stop', price: 4510.25 }]);
  });

  it('the bracket is live on the entry bar itself', () => {
    const b = broker();
    b.submit(long());
    const ev = b.onBar(bar(0, 4500, 4503, 4489, 4495));
    expect(ev.map((e) => e.kind)).toEqual(['entry', 'stop']);
    expect(ev[1]!.price).toBe(4489.75);
  });

  it('a gap through the stop fills at the open, worse than the stop', () => {
    const b = broker();
    b.submit(long());
    b.onBar(QUIET(0));
    const [x] = b.onBar(bar(1, 4480, 4530, 4470, 4475)); // the range even reaches the target: the open decides
    // (4479.75 − 4500.25) · 50 = −1025; − 5 = −1030
    expect(x).toMatchObject({ kind: 'stop', price: 4479.75, pnl: -1030 });
  });

  it('a gap through the target fills at the open, the better price (limit order)', () => {
    const b = broker();
    b.submit(long());
    b.onBar(QUIET(0));
    const [x] = b.onBar(bar(1, 4530, 4535, 4485, 4490)); // the range also reaches the stop: the open came first
    // (4530 − 4500.25) · 50 = 1487.5; − 5 = 1482.5
    expect(x).toMatchObject({ kind: 'target', price: 4530, pnl: 1482.5 });
    const s = broker();
    s.submit(short());
    s.onBar(QUIET(0));
    expect(s.onBar(bar(1, 4470, 4472, 4465, 4468))).toMatchObject([{ kind: 'target', price: 4470 }]);
  });

  it('time stop at the close of bar entry + 100, with slippage', () => {
    const b = broker();
    b.submit(long({ size: 2 }));
    b.onBar(QUIET(0));
    for (let i = 1; i < 100; i++) expect(b.onBar(QUIET(i))).toEqual([]);
    expect(b.position()!.barsHeld).toBe(99);
    const [x] = b.onBar(bar(100, 4500, 4504, 4496, 4503));
    // exit 4503 − 0.25 = 4502.75; (4502.75 − 4500.25) · 2 · 50 = 250; − 2 × 5 = 240
    expect(x).toEqual({ kind: 'time', orderId: 'L1', t: T0 + 100 * M5, price: 4502.75, size: 2, commission: 5, pnl: 240, commissionNative: 5, pnlNative: 240, booked: 245 });
    expect(b.realizedPnl).toBe(240);
    expect(b.position()).toBeNull();
  });

  it('a bracket fill on bar entry + 100 wins over the time stop', () => {
    const b = broker();
    b.submit(long());
    for (let i = 0; i < 100; i++) b.onBar(QUIET(i));
    expect(b.onBar(bar(100, 4500, 4521, 4496, 4503))).toMatchObject([{ kind: 'target', price: 4520 }]);
  });

  it('unrealized P&L marks the open position; realized adds up over trades', () => {
    const b = broker();
    expect(b.unrealizedPnl(4510)).toBe(0);
    b.submit(long({ size: 2 }));
    b.onBar(QUIET(0)); // long 2 @ 4500.25
    expect(b.unrealizedPnl(4510)).toBe(975); // 9.75 · 2 · 50
    expect(b.unrealizedPnl(4495)).toBe(-525); // −5.25 · 2 · 50
    b.onBar(bar(1, 4500, 4520, 4496, 4510)); // target: 1975 − 10 = 1965
    b.submit(short({ id: 'S2', submittedAt: T0 + 2 * M5 }));
    b.onBar(bar(2, 4500, 4504, 4496, 4501)); // short 1 @ 4499.75, −2.5
    expect(b.unrealizedPnl(4490)).toBe(487.5); // 9.75 · 50
    expect(b.realizedPnl).toBe(1962.5);
  });

  it('queue rules: stale bars do not fill, cancel removes, one order or position at a time', () => {
    const b = broker();
    expect(b.submit(long({ submittedAt: T0 + M5 }))).toEqual({ ok: true });
    expect(b.submit(long({ id: 'L2' }))).toEqual({ ok: false, reason: 'order L1 is queued' });
    expect(b.onBar(QUIET(0))).toEqual([]); // starts before the decision
    expect(b.cancel('nope')).toBe(false);
    expect(b.cancel('L1')).toBe(true);
    expect(b.onBar(QUIET(1))).toEqual([]);
    expect(b.pending()).toBeNull();
    b.submit(long({ id: 'L3' }));
    b.onBar(QUIET(2));
    expect(b.cancel('L3')).toBe(false); // filled already
    expect(b.submit(long({ id: 'L4' }))).toEqual({ ok: false, reason: 'position L3 is open' });
  });

  it('malformed orders are refused with a reason', () => {
    const b = broker();
    expect(b.submit(long({ size: 0 })).ok).toBe(false);
    expect(b.submit(long({ size: 1.5 })).ok).toBe(false);
    expect(b.submit(long({ stop: 4530 }))).toEqual({ ok: false, reason: 'target 4520 is not beyond stop 4530 for direction 1' });
    expect(b.submit(short({ stop: 4470 })).ok).toBe(false);
    expect(b.submit(long({ stop: NaN })).ok).toBe(false);
    expect(b.pending()).toBeNull();
  });

  it('deterministic: the same inputs give the same events', () => {
    const run = (): FillEvent[] => {
      const b = broker();
      let seed = 7;
      let px = 4500;
      const out: FillEvent[] = [];
      for (let i = 0; i < 2_000; i++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        const step = ((seed % 17) - 8) * 0.25;
        const o = px;
        const c = px + step;
        const bb = bar(i, o, Math.max(o, c) + 1, Math.min(o, c) - 1, c);
        out.push(...b.onBar(bb));
        px = c;
        if (!b.position() && !b.pending()) {
          const d = i % 2 === 0 ? 1 : -1;
          b.submit({ id: `o${i}`, direction: d, size: 1 + (i % 3), stop: c - d * 6, target: c + d * 9, submittedAt: bb.t + M5 });
        }
      }
      return out;
    };
    const a = run();
    expect(a.length).toBeGreaterThan(20);
    expect(run()).toEqual(a);
  });

  it('onTick is refused in bar mode', () => {
    expect(() => broker().onTick(T0, 4500)).toThrow();
  });
});

describe('PaperBroker, tick data', () => {
  it('enters at the next tick, exits at tick prices: stop with slippage, target at the print', () => {
    const b = broker('tick');
    b.submit(long({ submittedAt: T0 + 1_000 }));
    expect(b.onTick(T0 + 999, 4500)).toEqual([]); // before the decision
    expect(b.onTick(T0 + 1_000, 4501)).toEqual([{ kind: 'entry', orderId: 'L1', t: T0 + 1_000, price: 4501.25, size: 1, commission: 2.5, commissionNative: 2.5, booked: -2.5, stop: 4490, target: 4520 }]);
    expect(b.onTick(T0 + 2_000, 4490.25)).toEqual([]);
    const [x] = b.onTick(T0 + 3_000, 4489.5); // through the stop: the print − 0.25
    // (4489.25 − 4501.25) · 50 = −600; − 5 = −605
    expect(x).toMatchObject({ kind: 'stop', t: T0 + 3_000, price: 4489.25, pnl: -605 });

    const s = broker('tick');
    s.submit(short());
    s.onTick(T0, 4500); // short @ 4499.75
    expect(s.onTick(T0 + 1, 4479.5)).toMatchObject([{ kind: 'target', price: 4479.5 }]);
    expect(s.realizedPnl).toBe(1007.5); // (4499.75 − 4479.5) · 50 = 1012.5; − 5
  });

  it('bars never fill in tick mode, but count toward the time stop', () => {
    const b = broker('tick');
    b.submit(long());
    b.onTick(T0 + 10, 4500); // inside bar 0: the entry bar, 4500.25
    expect(b.onBar(bar(0, 4480, 4530, 4470, 4500))).toEqual([]); // its range predates the entry in part
    for (let i = 1; i < 100; i++) expect(b.onBar(QUIET(i))).toEqual([]);
    expect(b.onBar(bar(100, 4500, 4504, 4496, 4501))).toMatchObject([{ kind: 'time', price: 4500.75, pnl: 20 }]);
  });
});
