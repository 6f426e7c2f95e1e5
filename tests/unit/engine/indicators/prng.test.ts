// Seeded samplers for the MMD archetypes (SPEC §2.5): mulberry32(42)'s first outputs (R9), the
// draw order of each transform, and the moments of each distribution over many draws.
import { describe, it, expect } from 'vitest';
import { beta, gamma, lognormal, mulberry32, normal, type Uniform } from '../../../../src-main/engine/indicators/prng.ts';

const moments = (n: number, draw: () => number) => {
  let s = 0, s2 = 0;
  for (let i = 0; i < n; i++) { const x = draw(); s += x; s2 += x * x; }
  const m = s / n;
  return { mean: m, variance: s2 / n - m * m };
};
/** a uniform source replaying fixed values, to pin down the draw order */
const replay = (values: number[]): Uniform => { let i = 0; return () => values[i++]!; };

describe('mulberry32', () => {
  it('R9: seed 42 starts 0.6011037519201636, 0.44829055899754167, 0.8524657934904099', () => {
    const u = mulberry32(42);
    expect([u(), u(), u()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(7), b = mulberry32(7), c = mulberry32(8);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('normal', () => {
  it('is √(−2 ln(1−u₁))·cos(2πu₂) with u₁ drawn first', () => {
    expect(normal(replay([0.5, 0]))).toBeCloseTo(Math.sqrt(2 * Math.LN2), 15);
    expect(normal(replay([0.5, 0.5]))).toBeCloseTo(-Math.sqrt(2 * Math.LN2), 15);
    expect(normal(replay([0, 0.3]))).toBe(0); // u₁ = 0 gives radius 0, never −∞
  });

  it('has mean 0 and variance 1', () => {
    const u = mulberry32(1);
    const m = moments(200_000, () => normal(u));
    expect(m.mean).toBeCloseTo(0, 2);
    expect(m.variance).toBeCloseTo(1, 1);
  });
});

describe('gamma, beta, lognormal', () => {
  const u = mulberry32(3);
  for (const [shape, scale] of [[2, 0.005], [4, 0.01], [1, 0.002], [0.5, 0.005], [1.2, 0.008]] as const) {
    it(`Γ(${shape}, ${scale}) has mean kθ and variance kθ²`, () => {
      const m = moments(100_000, () => gamma(u, shape, scale));
      expect(m.mean / (shape * scale)).toBeCloseTo(1, 1);
      expect(m.variance / (shape * scale * scale)).toBeCloseTo(1, 1);
    });
  }

  it('Γ(a < 1) draws Γ(a+1) first, then one uniform u for the factor u^{1/a}', () => {
    // with a = 0.5: Γ(1.5) accepts on its first try here (normal 0 → v = 1, squeeze passes)
    const d = 1.5 - 1 / 3;
    expect(gamma(replay([0, 0.25, 0.5, 0.25]), 0.5)).toBeCloseTo(d * 0.25 ** 2, 15);
  });

  it('Beta(2, 5) has mean 2/7', () => {
    expect(moments(100_000, () => beta(u, 2, 5)).mean).toBeCloseTo(2 / 7, 2);
  });

  it('LogN(−5, 0.5) has mean exp(−5 + 0.125)', () => {
    expect(moments(100_000, () => lognormal(u, -5, 0.5)).mean / Math.exp(-4.875)).toBeCloseTo(1, 1);
  });

  it('rejects a non-positive shape', () => expect(() => gamma(u, 0)).toThrow(RangeError));
});
