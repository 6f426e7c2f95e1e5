// Logistic regression against hand-computed values: the gradient at zero, the closed-form MLE of a
// one-binary-feature model, a separable set, and standardisation folding.
import { describe, expect, it } from 'vitest';
import {
  choleskySolve, fitLogistic, fitStandardiser, foldStandardisation, gradient, objective, predict, sigmoid, standardise,
} from '../../../src-main/engine/training/logistic.ts';

const rows = (xs: number[][]) => xs.map((x) => Float64Array.from(x));

describe('logistic helpers', () => {
  it('sigmoid: σ(0) = ½, σ(ln 3) = ¾, symmetric, finite at ±800', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(Math.log(3))).toBeCloseTo(0.75, 15);
    expect(sigmoid(-2) + sigmoid(2)).toBeCloseTo(1, 15);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
  });

  it('gradient at zero: p = ½ for all, so ∂L/∂b = Σ(½ − y) and ∂L/∂w = Σ(½ − y)·x', () => {
    const X = rows([[1, 2], [3, -1], [0, 4]]);
    const y = [1, 0, 1];
    // residuals −½, +½, −½
    // ∂/∂w₁ = −½·1 + ½·3 − ½·0 = 1;  ∂/∂w₂ = −½·2 + ½·(−1) − ½·4 = −3.5;  ∂/∂b = −½
    const { gw, gb } = gradient(X, y, new Float64Array(2), 0, 5); // λw = 0 at w = 0
    expect(gb).toBe(-0.5);
    expect([...gw]).toEqual([1, -3.5]);
    // objective at zero: 3·ln 2
    expect(objective(X, y, new Float64Array(2), 0, 5)).toBeCloseTo(3 * Math.LN2, 14);
  });

  it('one binary feature: the MLE is b = logit(rate | x=0), w = logit(rate | x=1) − b', () => {
    // x = 0: 1 of 4 positive (¼ → b = ln ⅓); x = 1: 3 of 4 positive (¾ → b + w = ln 3, w = 2 ln 3)
    const X = rows([[0], [0], [0], [0], [1], [1], [1], [1]]);
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    const f = fitLogistic(X, y, { lambda: 1e-9 });
    expect(f.converged).toBe(true);
    expect(f.b).toBeCloseTo(-Math.log(3), 6);
    expect(f.w[0]!).toBeCloseTo(2 * Math.log(3), 6);
    expect(predict(f.w, f.b, [1])).toBeCloseTo(0.75, 6);
  });

  it('with λ > 0 the gradient vanishes at the solution (L2 shrinks w toward 0)', () => {
    const X = rows([[0.5, 1], [-1, 0.3], [2, -0.7], [0.1, 0.1], [-0.4, 2], [1.5, 1.5]]);
    const y = [1, 0, 1, 0, 0, 1];
    const loose = fitLogistic(X, y, { lambda: 0.01 }), tight = fitLogistic(X, y, { lambda: 10 });
    const g = gradient(X, y, tight.w, tight.b, 10);
    expect(Math.max(Math.abs(g.gb), ...[...g.gw].map(Math.abs))).toBeLessThan(1e-9);
    expect(Math.hypot(...tight.w)).toBeLessThan(Math.hypot(...loose.w));
  });

  it('separable data: λ keeps the weights finite and every point is classified right', () => {
    const X = rows([[-3], [-2], [-1], [1], [2], [3]]);
    const y = [0, 0, 0, 1, 1, 1];
    const f = fitLogistic(X, y, { lambda: 0.1 });
    expect(f.converged).toBe(true);
    expect(Number.isFinite(f.w[0]!)).toBe(true);
    X.forEach((x, i) => expect(predict(f.w, f.b, x) >= 0.5 ? 1 : 0).toBe(y[i]));
  });

  it('rejects λ ≤ 0 (the Hessian would be singular on separable data)', () => {
    expect(() => fitLogistic(rows([[1]]), [1], { lambda: 0 })).toThrow(RangeError);
  });

  it('choleskySolve: a 3×3 SPD system', () => {
    const A = Float64Array.of(4, 2, 0, 2, 5, 1, 0, 1, 3);
    // x = (1, −1, 2): A·x = (2, −1, 5)
    const x = choleskySolve(A, [2, -1, 5], 3);
    [1, -1, 2].forEach((v, i) => expect(x[i]!).toBeCloseTo(v, 14));
    expect(() => choleskySolve(Float64Array.of(1, 2, 2, 1), [1, 1], 2)).toThrow(/positive definite/);
  });
});

describe('standardisation', () => {
  const X = rows([[10, 0.5, 7], [12, 0.1, 7], [8, 0.9, 7], [11, 0.4, 7]]);

  it('mean, population sd; a constant column has sd 0 and z-score 0', () => {
    const s = fitStandardiser(X);
    expect([...s.mean]).toEqual([10.25, 0.475, 7]);
    expect(s.sd[0]!).toBeCloseTo(Math.sqrt((0.0625 + 3.0625 + 5.0625 + 0.5625) / 4), 14);
    expect(s.sd[2]).toBe(0);
    expect(standardise(s, X[0]!)[2]).toBe(0);
  });

  it('folding gives the same predictions on raw inputs; a zero-variance feature gets weight 0', () => {
    const s = fitStandardiser(X);
    const Z = X.map((x) => standardise(s, x));
    const f = fitLogistic(Z, [1, 0, 1, 0], { lambda: 1 });
    const raw = foldStandardisation(f.w, f.b, s);
    expect(raw.w[2]).toBe(0);
    for (let i = 0; i < X.length; i++) expect(predict(raw.w, raw.b, X[i]!)).toBeCloseTo(predict(f.w, f.b, Z[i]!), 12);
    // and on a point outside the training set
    const x = Float64Array.of(9.5, 0.2, 3);
    expect(predict(raw.w, raw.b, x)).toBeCloseTo(predict(f.w, f.b, standardise(s, x)), 12);
  });

  it('fold by hand: w = (2), μ = 3, σ = 2, b = 1 → w′ = 1, b′ = 1 − 2·3/2 = −2', () => {
    const r = foldStandardisation([2], 1, { mean: Float64Array.of(3), sd: Float64Array.of(2) });
    expect([...r.w]).toEqual([1]);
    expect(r.b).toBe(-2);
  });
});
