// The label on hand-built ES bar sequences (tick 0.25, $50/point, 1 tick slippage, $2.50 per
// contract per side). Plan: long from 4500 with ATR 5 → stop 4490, target 4515, 2 contracts,
// $1,000 at risk. The decision bar is index 0; the entry fills at bar 1's open + 0.25 = 4500.25.
import { describe, expect, it } from 'vitest';
import { labelTrade, type LabelInput } from '../../../src-main/engine/training/label.ts';
import { proposeTrade } from '../../../src-main/engine/risk/sizing.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { findInstrument } from '../../../src-shared/instruments.ts';
import type { Bar } from '../../../src-shared/domain/bars.ts';

const ES = findInstrument('ES')!;
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

  it('target first → 1: (4515 − 4500.25)·2·50 − 4·2.50 = 1465, R = 1.465', () => {
    const o = outcome(input([bar(1, 4500, 4505, 4495, 4504), bar(2, 4504, 4516, 4501, 4512)]));
    expect(o).toMatchObject({ label: 1, exit: 'target', entryPrice: 4500.25, exitPrice: 4515, barsHeld: 1 });
    expect(o.pnl).toBeCloseTo(1465, 9);
    expect(o.r).toBeCloseTo(1.465, 12);
    expect(o.exitT).toBe(T0 + 2 * M5);
  });

  it('stop first → 0: fill 4490 − 0.25; (4489.75 − 4500.25)·100 − 10 = −1060', () => {
    const o = outcome(input([bar(1, 4500, 4505, 4495, 4496), bar(2, 4496, 4497, 4489, 4492), bar(3, 4492, 4520, 4491, 4518)]));
    expect(o).toMatchObject({ label: 0, exit: 'stop', exitPrice: 4489.75 });
    expect(o.pnl).toBeCloseTo(-1060, 9);
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
    // entry 4499.75; (4499.75 − 4485)·100 − 10 = 1465
    expect(o).toMatchObject({ label: 1, exit: 'target' });
    expect(o.pnl).toBeCloseTo(1465, 9);
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
