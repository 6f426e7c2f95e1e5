// ATR_n Wilder on bars (SPEC §2.0, R3): exact reference case, agreement with technicalindicators
// on real NQ bars (both start at t = n: the first bar has no previous close, so no true range),
// causality (R14).
import { describe, it, expect } from 'vitest';
import { ATR } from 'technicalindicators';
import { AtrWilder } from '../../../../src-main/engine/indicators/atr.ts';
import { expectCausal, readOhlcCsv, NQ_30M_ETH, NQ_5M_FIRSTRATE } from '../../../helpers/causal.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

const bar = (o: number, h: number, l: number, c: number, i = 0): Bar => ({ t: i * 300_000, o, h, l, c, v: 1 });
const R3_BARS = [bar(10, 12, 9, 11), bar(11, 13, 10, 12), bar(12, 12.5, 11, 11.2), bar(11.2, 11.5, 10, 10.5), bar(10.5, 11, 9.5, 10.8)];

describe('AtrWilder', () => {
  it('R3: TR[1..4] = 3, 1.5, 1.5, 1.5; ATR_3 = 2.0 at t = 3 and 1.833333 at t = 4; not ready before', () => {
    const a = new AtrWilder({ period: 3 });
    expect(a.warmup).toBe(3);
    const outs = R3_BARS.map((b) => ({ ...a.update(b) }));
    expect(outs.map((o) => o.tr)).toEqual([0, 3, 1.5, 1.5, 1.5]);
    expect(outs.map((o) => o.ready)).toEqual([false, false, false, true, true]);
    expect(outs.slice(0, 3).every((o) => o.value === 0)).toBe(true);
    expect(outs[3]!.value).toBeCloseTo(2.0, 12);
    expect(outs[4]!.value).toBeCloseTo(1.833333, 6);
    expect(outs[4]!.value).toBeCloseTo(11 / 6, 12);
  });

  it('uses the previous close for gaps (TR is not just H − L)', () => {
    const a = new AtrWilder({ period: 1 });
    a.update(bar(10, 10, 10, 10));
    expect(a.update(bar(15, 16, 14, 15)).value).toBe(6); // |16 − 10|
  });

  it('defaults to atr.period = 14 and reset() restores the initial state', () => {
    const a = new AtrWilder();
    expect(a.period).toBe(14);
    R3_BARS.forEach((b) => a.update(b));
    a.reset();
    expect(a.out).toEqual({ ready: false, value: 0, tr: 0 });
  });

  for (const [file, rel] of [['NQ 30m ETH', NQ_30M_ETH], ['FirstRate NQ 5m', NQ_5M_FIRSTRATE]] as const) {
    it(`matches technicalindicators ATR on every ${file} bar to 1e-9 (same alignment: first value at t = n)`, () => {
      const bars = readOhlcCsv(rel);
      for (const n of [3, 14]) {
        const ref = ATR.calculate({ period: n, high: bars.map((b) => b.h), low: bars.map((b) => b.l), close: bars.map((b) => b.c) });
        expect(ref).toHaveLength(bars.length - n);
        const a = new AtrWilder({ period: n });
        let worst = 0, readyWrong = 0;
        bars.forEach((b, t) => {
          const o = a.update(b);
          if (o.ready !== t >= n) readyWrong++;
          if (t >= n) worst = Math.max(worst, Math.abs(o.value - ref[t - n]!) / Math.abs(ref[t - n]!));
        });
        expect(readyWrong).toBe(0);
        expect(worst).toBeLessThan(1e-9);
      }
    });
  }

  it('is causal (R14) on real bars', () => {
    expectCausal(() => new AtrWilder(), readOhlcCsv(NQ_5M_FIRSTRATE, 600), (o) => ({ ...o }));
  });
});
