// RSI_n Wilder (SPEC §2.0, R3): exact reference case, agreement with technicalindicators on real
// NQ closes, causality (R14). technicalindicators rounds its RSI to 2 decimals (toFixed(2)), so the
// 1e-9 comparison is made on its Wilder average gain/loss (exported as AverageGain/AverageLoss, the
// very series its RSI is computed from) and the rounded RSI is checked to ±0.005.
import { describe, it, expect } from 'vitest';
import { RSI, AverageGain, AverageLoss } from 'technicalindicators';
import { RsiWilder } from '../../../../src-main/engine/indicators/rsi.ts';
import { expectCausal, readOhlcCsv, NQ_30M_ETH, NQ_5M_FIRSTRATE } from '../../../helpers/causal.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

describe('RsiWilder', () => {
  it('R3: RSI_3 of [10, 11, 10.5, 11.5, 12, 11] is 80, 84.615385, 50 at t = 3, 4, 5; not ready before', () => {
    const r = new RsiWilder(3);
    const got = [10, 11, 10.5, 11.5, 12, 11].map((x) => ({ v: r.update(x), ready: r.ready }));
    expect(got.slice(0, 3)).toEqual([{ v: 0, ready: false }, { v: 0, ready: false }, { v: 0, ready: false }]);
    expect(got.slice(3).every((g) => g.ready)).toBe(true);
    expect(got[3]!.v).toBeCloseTo(80.0, 9);
    expect(got[4]!.v).toBeCloseTo(84.615385, 6);
    expect(got[5]!.v).toBeCloseTo(50.0, 9);
  });

  it('is 100 when the average loss is 0 (rising or flat series) and 0 when the average gain is 0', () => {
    const up = new RsiWilder(3);
    [1, 2, 3, 4, 5].forEach((x) => up.update(x));
    expect(up.value).toBe(100);
    const flat = new RsiWilder(3);
    [7, 7, 7, 7].forEach((x) => flat.update(x));
    expect(flat.ready).toBe(true);
    expect(flat.value).toBe(100);
    const down = new RsiWilder(2);
    [5, 4, 3].forEach((x) => down.update(x));
    expect(down.value).toBe(0);
  });

  for (const [file, rel] of [['NQ 30m ETH', NQ_30M_ETH], ['FirstRate NQ 5m', NQ_5M_FIRSTRATE]] as const) {
    it(`matches technicalindicators on every ${file} close (first value at t = n in both)`, () => {
      const closes = readOhlcCsv(rel).map((b) => b.c);
      for (const n of [5, 14, 20]) {
        const ag = AverageGain.calculate({ period: n, values: closes });
        const al = AverageLoss.calculate({ period: n, values: closes });
        const rsi = RSI.calculate({ period: n, values: closes });
        expect(ag).toHaveLength(closes.length - n);
        expect(rsi).toHaveLength(closes.length - n);
        const r = new RsiWilder(n);
        let worstAvg = 0, worstRsi = 0, worstRounded = 0, readyWrong = 0;
        closes.forEach((c, t) => {
          const v = r.update(c);
          if (r.ready !== t >= n) readyWrong++;
          if (t < n) return;
          const i = t - n;
          worstAvg = Math.max(worstAvg, relErr(r.avgGain, ag[i]!), relErr(r.avgLoss, al[i]!));
          // RSI rebuilt from the reference averages with SPEC's formula, to 1e-9
          const refRsi = al[i] === 0 ? 100 : 100 - 100 / (1 + ag[i]! / al[i]!);
          worstRsi = Math.max(worstRsi, Math.abs(v - refRsi) / 100);
          worstRounded = Math.max(worstRounded, Math.abs(v - rsi[i]!));
        });
        expect(readyWrong).toBe(0);
        expect(worstAvg).toBeLessThan(1e-9);
        expect(worstRsi).toBeLessThan(1e-9);
        expect(worstRounded).toBeLessThanOrEqual(0.005 + 1e-9);
      }
    });
  }

  it('is causal (R14) on real bars', () => {
    const bars = readOhlcCsv(NQ_30M_ETH, 600);
    expectCausal(() => {
      const r = new RsiWilder(14);
      return { update: (b: Bar) => ({ v: r.update(b.c), ready: r.ready, ag: r.avgGain }), reset: () => r.reset() };
    }, bars, (o) => ({ ...o }));
  });
});
