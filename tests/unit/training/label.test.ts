// The label on hand-built ES bar sequences (tick 0.25, $50/point, 1 tick slippage, $2.50 per
// contract per side). Plan: long from 4500 with ATR 5 → stop 4490, target 4515 (40 and 60 ticks),
// 2 contracts, $1,000 at risk. The decision bar is index 0; the entry fills at bar 1's open + 0.25 =
// 4500.25, and the bracket moves with it (SPEC §5.2): stop 4500.25 − 10 = 4490.25, target 4515.25.
import { describe, expect, it } from 'vitest';
import { labelTrade, type LabelInput } from '../../../src-main/engine/training/label.ts';
import { proposeTrade } from '../../../src-main/engine/risk/sizing.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { inst } from '../engine/risk/helpers.ts';
import type { Bar } from '../../../src-shared/domain/bars.ts';

const ES = inst('ES');
const M5 = 300_000, T0 = 1_700_000_000_000;
const bar = (i: number, o: number, h: number, l: number, c: number): Bar => ({ t: T0 + i * M5, o, h, l, c, v: 1 });
const DECISION = bar(0, 4498, 4501, 4497, 4500);
const long = proposeTrade({ direction: 1, entry: 4500, atr: 5, spec: ES, cfg: DEFAULT_CONFIG.risk, equity: 100_000 });
const input = (steps: Bar[], over: Partial<LabelInput> = {}): LabelInput => ({
  steps: [DECISION, ...steps], from: 1, proposal: long, submittedAt: DECISION.t + M5, spec: ES,
  exec: DEFAULT_CONFIG.exec, maxBarsInTrade: DEFAULT_CONFIG.risk.max_bars_in_trade, stepMs: M5, ...over,
});
const outcome = (inp: LabelInput) => {
  const r = labelTrade(inp);
  if (!r.ok) throw new Error(`not labelled: ${r.reason}`);
  return r.outcome;
};

describe('labelTrade', () => {
  it('the plan the tests use', () => {
    expect(long).toMatchObject({ stop: 4490, target: 4515, size: 2, riskMoney: 1000 });
  });

  it('target first → 1: (4515.25 − 4500.25)·2·50 − 4·2.50 = 1490, R = 1.49', () => {
    const o = outcome(input([bar(1, 4500, 4505, 4495, 4504), bar(2, 4504, 4516, 4501, 4512)]));
    expect(o).toMatchObject({ label: 1, exit: 'target', entryPrice: 4500.25, stop: 4490.25, target: 4515.25, exitPrice: 4515.25, barsHeld: 1 });
    expect(o.pnl).toBeCloseTo(1490, 9);
    expect(o.r).toBeCloseTo(1.49, 12);
    expect(o.exitT).toBe(T0 + 2 * M5);
  });

  it('stop first → 0: fill 4490.25 − 0.25; (4490 − 4500.25)·100 − 10 = −1035 (the planned 1,000 + a tick of slippage + costs)', () => {
    const o = outcome(input([bar(1, 4500, 4505, 4495, 4496), bar(2, 4496, 4497, 4489, 4492), bar(3, 4492, 4520, 4491, 4518)]));
    expect(o).toMatchObject({ label: 0, exit: 'stop', exitPrice: 4490 });
    expect(o.pnl).toBeCloseTo(-1035, 9);
  });

  it('stop and target inside one bar → the stop fills (conservative) → 0', () => {
    const o = outcome(input([bar(1, 4500, 4505, 4495, 4500), bar(2, 4500, 4516, 4489, 4510)]));
    expect(o).toMatchObject({ label: 0, exit: 'stop' });
  });

  it('time stop with a tiny gain on raw prices is a loss after costs → 0', () => {
    // open 4500 → close 4500.50 (+2 ticks), but entry 4500.25 and exit 4500.50 − 0.25 = 4500.25: gross 0, net −10
    const quiet = (i: number) => bar(i, 4500, 4502, 4498, 4500.5);
    const o = outcome(input([quiet(1), quiet(2), quiet(3), quiet(4)], { maxBarsInTrade: 3 }));
    expect(o).toMatchObject({ label: 0, exit: 'time', exitPrice: 4500.25, barsHeld: 3, exitT: T0 + 4 * M5 });
    expect(o.pnl).toBeCloseTo(-10, 9);
  });

  it('a time stop that clears the costs → 1', () => {
    const up = (i: number) => bar(i, 4500, 4502, 4498, 4501);
    const o = outcome(input([up(1), up(2)], { maxBarsInTrade: 1 }));
    // exit 4501 − 0.25 = 4500.75: (0.5)·100 − 10 = 40
    expect(o).toMatchObject({ label: 1, exit: 'time' });
    expect(o.pnl).toBeCloseTo(40, 9);
  });

  it('short: target first → 1', () => {
    const short = proposeTrade({ direction: -1, entry: 4500, atr: 5, spec: ES, cfg: DEFAULT_CONFIG.risk, equity: 100_000 });
    expect(short).toMatchObject({ stop: 4510, target: 4485 });
    const o = outcome(input([bar(1, 4500, 4503, 4495, 4496), bar(2, 4496, 4497, 4484, 4486)], { proposal: short }));
    // entry 4499.75, target re-anchored at 4499.75 − 15 = 4484.75; (4499.75 − 4484.75)·100 − 10 = 1490
    expect(o).toMatchObject({ label: 1, exit: 'target', stop: 4509.75, target: 4484.75 });
    expect(o.pnl).toBeCloseTo(1490, 9);
  });

  it('BTCUSDT: a fractional size and 5 bps a side, as the session books them', () => {
    const BTC = inst('BTCUSDT');
    const cfg = { ...DEFAULT_CONFIG.risk, fx_rates: { USDT: 1 } };
    // budget 1 % of 10,000 = 100; D = 2 · 405 = 810 → 0.123 BTC, 99.63 at risk
    const plan = proposeTrade({ direction: 1, entry: 60_000, atr: 405, spec: BTC, cfg, equity: 10_000 });
    expect(plan).toMatchObject({ size: 0.123, riskMoney: 99.63 });
    const steps = [bar(0, 59_990, 60_010, 59_980, 60_000), bar(1, 60_000, 60_100, 59_900, 60_050), bar(2, 59_500, 59_600, 59_000, 59_100)];
    const o = outcome(input([], { steps, proposal: plan, spec: BTC }));
    // fill 60,000.1, stop 59,190.1 → 59,190 after a tick of slippage; (59,190 − 60,000.1) · 0.123 = −99.6423;
    // commissions 0.0005 · 0.123 · 60,000.1 = 3.69000615 and 0.0005 · 0.123 · 59,190 = 3.640185 → −106.97249115
    expect(o).toMatchObject({ label: 0, exit: 'stop', entryPrice: 60_000.1, stop: 59_190.1, exitPrice: 59_190 });
    expect(o.pnl).toBeCloseTo(-106.97249115, 8);
    expect(o.r).toBeCloseTo(-106.97249115 / 99.63, 10);
  });

  it('data ends before the exit → not labelled', () => {
    expect(labelTrade(input([bar(1, 4500, 4505, 4495, 4500), bar(2, 4500, 4505, 4495, 4500)]))).toEqual({ ok: false, reason: 'data ended before exit' });
  });

  it('a hole of more than 4 days while the trade is open → not labelled', () => {
    const later = { ...bar(2, 4500, 4520, 4499, 4510), t: T0 + 2 * M5 + 5 * 86_400_000 };
    expect(labelTrade(input([bar(1, 4500, 4505, 4495, 4500), later]))).toEqual({ ok: false, reason: 'data gap before exit' });
  });

  it('never reads a bar after the exit bar', () => {
    const steps = [bar(1, 4500, 4505, 4495, 4504), bar(2, 4504, 4516, 4501, 4512)];
    const poisoned = new Proxy([DECISION, ...steps, bar(3, 1, 1, 1, 1)], {
      get(target, key, recv) {
        if (key === '3') throw new Error('read past the exit');
        return Reflect.get(target, key, recv);
      },
    });
    expect(labelTrade(input([], { steps: poisoned })).ok).toBe(true);
  });
});
