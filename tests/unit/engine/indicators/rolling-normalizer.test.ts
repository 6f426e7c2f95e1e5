// RollingNormalizer (SPEC §2.0, R10): cumulative for the first `warm` values, then exponential;
// updated with a value before normalising it; causality (R14).
import { describe, it, expect } from 'vitest';
import { RollingNormalizer } from '../../../../src-main/engine/indicators/rolling-normalizer.ts';
import { expectCausal, readOhlcCsv, NQ_30M_ETH } from '../../../helpers/causal.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

describe('RollingNormalizer', () => {
  it('R10: on [1, 2, 3] (mean, var) = (1, 0), (1.5, 0.25), (2, 0.666667) and z = 0, 1, 1.224745', () => {
    for (const alpha of [0.01, 0.5]) {
      const rn = new RollingNormalizer(alpha);
      const got = [1, 2, 3].map((v) => ({ z: rn.update(v), mean: rn.mean, var: rn.variance }));
      expect(got.map((g) => g.mean)).toEqual([1, 1.5, 2]);
      expect(got[0]!.var).toBe(0);
      expect(got[1]!.var).toBeCloseTo(0.25, 12);
      expect(got[2]!.var).toBeCloseTo(2 / 3, 12);
      expect(got[0]!.z).toBe(0);
      expect(got[1]!.z).toBeCloseTo(1.0, 12);
      expect(got[2]!.z).toBeCloseTo(1.224745, 6);
    }
  });

  it('switches to a = α once n > warm', () => {
    const rn = new RollingNormalizer(0.5, 2);
    [1, 2, 3].forEach((v) => rn.observe(v));
    // n = 3 > 2: δ = 1.5, mean = 1.5 + 0.75, var = 0.5·(0.25 + 0.5·2.25)
    expect(rn.mean).toBe(2.25);
    expect(rn.variance).toBeCloseTo(0.6875, 12);
    expect(rn.z(3)).toBeCloseTo(0.75 / Math.sqrt(0.6875), 12);
  });

  it('clips z to ±3 and gives 0 for a constant series (√var < 1e-10)', () => {
    const rn = new RollingNormalizer(0.1);
    for (let i = 0; i < 200; i++) rn.update(i % 2);
    expect(rn.z(1e6)).toBe(3);
    expect(rn.z(-1e6)).toBe(-3);
    const flat = new RollingNormalizer(0.1);
    for (let i = 0; i < 10; i++) expect(flat.update(42)).toBe(0);
    expect(flat.z(43)).toBe(0);
  });

  it('rejects non-finite input and a bad α', () => {
    expect(() => new RollingNormalizer(0)).toThrow();
    expect(() => new RollingNormalizer(1.5)).toThrow();
    expect(() => new RollingNormalizer(0.1).update(Number.NaN)).toThrow();
  });

  it('gives finite z in [−3, 3] on every real NQ 30m close and is causal (R14)', () => {
    const bars = readOhlcCsv(NQ_30M_ETH);
    const rn = new RollingNormalizer(0.02);
    let bad = 0;
    for (const b of bars) {
      const z = rn.update(b.c);
      if (!(Number.isFinite(z) && z >= -3 && z <= 3)) bad++;
    }
    expect(bad).toBe(0);
    expectCausal(() => {
      const r = new RollingNormalizer(0.02, 100);
      return { update: (b: Bar) => ({ z: r.update(b.c), mean: r.mean, var: r.variance }), reset: () => r.reset() };
    }, bars.slice(0, 600), (o) => ({ ...o }));
  });
});
