// WMA_n (SPEC §2.0, R3): exact reference case, agreement with the technicalindicators package on
// real NQ closes, causality (R14), and a self-test of the shared causality harness.
import { describe, it, expect } from 'vitest';
import { WMA } from 'technicalindicators';
import { Wma } from '../../../../src-main/engine/indicators/wma.ts';
import { expectCausal, readOhlcCsv, NQ_30M_ETH, NQ_5M_FIRSTRATE } from '../../../helpers/causal.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('Wma', () => {
  it('R3: WMA_3 of [1, 2, 3, 4] is 14/6 at t = 2 and 20/6 at t = 3; not ready before t = 2', () => {
    const w = new Wma(3);
    expect(w.update(1)).toBe(0);
    expect(w.ready).toBe(false);
    expect(w.update(2)).toBe(0);
    expect(w.ready).toBe(false);
    expect(w.update(3)).toBeCloseTo(14 / 6, 12);
    expect(w.ready).toBe(true);
    expect(w.update(4)).toBeCloseTo(20 / 6, 12);
    expect(w.value).toBeCloseTo(3.333333, 6);
  });

  it('weights the newest input most (not a plain mean) and reset() forgets everything', () => {
    const w = new Wma(2);
    w.update(0);
    expect(w.update(3)).toBe(2); // (2·3 + 1·0) / 3
    w.reset();
    expect(w.ready).toBe(false);
    expect(w.update(5)).toBe(0);
    expect(w.update(5)).toBe(5);
  });

  it('rejects a bad period', () => {
    expect(() => new Wma(0)).toThrow();
    expect(() => new Wma(2.5)).toThrow();
  });

  for (const [file, rel] of [['NQ 30m ETH', NQ_30M_ETH], ['FirstRate NQ 5m', NQ_5M_FIRSTRATE]] as const) {
    it(`matches technicalindicators WMA on every ${file} close to 1e-9 (same alignment: first value at t = n−1)`, () => {
      const closes = readOhlcCsv(rel).map((b) => b.c);
      for (const n of [5, 20]) {
        const ref = WMA.calculate({ period: n, values: closes });
        expect(ref).toHaveLength(closes.length - n + 1);
        const w = new Wma(n);
        let worst = 0, readyWrong = 0;
        closes.forEach((c, t) => {
          const v = w.update(c);
          if (w.ready !== t >= n - 1) readyWrong++;
          if (t >= n - 1) worst = Math.max(worst, relErr(v, ref[t - n + 1]!));
        });
        expect(readyWrong).toBe(0);
        expect(worst).toBeLessThan(1e-9);
      }
    });
  }

  it('is causal (R14) on real bars', () => {
    const bars = readOhlcCsv(NQ_30M_ETH, 600);
    expectCausal(() => {
      const w = new Wma(20);
      return { update: (b: Bar) => ({ ready: w.ready, v: w.update(b.c) }), reset: () => w.reset() };
    }, bars, (o) => ({ ...o }));
  });

  it('the causality harness itself fails for a stage whose earlier outputs change later', () => {
    const bars = readOhlcCsv(NQ_30M_ETH, 200);
    // Leaky stage: every output is the same growing array, so an uncopied snapshot sees the future.
    const leaky = () => {
      const seen: number[] = [];
      return { update: (b: Bar) => (seen.push(b.c), seen), reset: () => { seen.length = 0; } };
    };
    expect(() => expectCausal(leaky, bars, (o) => o)).toThrow();
    expect(() => expectCausal(leaky, bars, (o) => [...o])).not.toThrow();
  });
});
