// L2-regularised logistic regression, fitted by Newton's method (IRLS) on the full batch.
// Deterministic: no sampling, no shuffling, a fixed start (all zeros) and a fixed iteration order,
// so the same data gives bit-identical weights.
//
//   objective  L(w, b) = Σᵢ [−yᵢ ln pᵢ − (1 − yᵢ) ln(1 − pᵢ)] + (λ/2)·‖w‖²,  pᵢ = σ(b + w·xᵢ)
//   gradient   ∂L/∂w = Σᵢ (pᵢ − yᵢ) xᵢ + λw,   ∂L/∂b = Σᵢ (pᵢ − yᵢ)   (the bias is not penalised)
//   Hessian    Σᵢ pᵢ(1 − pᵢ) x̃ᵢ x̃ᵢᵀ + λ·diag(0, 1, …, 1),  x̃ = (1, x)
// Features are standardised on the training set first (so one λ treats them alike); the
// standardisation is folded back into raw-input weights for the ONNX file.

export interface Standardiser {
  mean: Float64Array;
  /** 0 for a feature whose training spread is below `minSd`: it gets weight 0 */
  sd: Float64Array;
}

export interface LogisticFit {
  w: Float64Array;
  b: number;
  iterations: number;
  converged: boolean;
  /** the objective at the solution */
  loss: number;
}

export interface FitOptions {
  lambda: number;
  maxIter?: number;
  /** stop when the largest Newton step component is below this */
  tol?: number;
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Mean and population standard deviation per column; a spread below `minSd` counts as zero. */
export function fitStandardiser(X: readonly Float64Array[], minSd = 1e-6): Standardiser {
  const d = X[0]?.length ?? 0;
  const mean = new Float64Array(d), sd = new Float64Array(d);
  if (X.length === 0) return { mean, sd };
  for (const x of X) for (let j = 0; j < d; j++) mean[j]! += x[j]!;
  for (let j = 0; j < d; j++) mean[j]! /= X.length;
  for (const x of X) for (let j = 0; j < d; j++) sd[j]! += (x[j]! - mean[j]!) ** 2;
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(sd[j]! / X.length);
    sd[j] = s >= minSd ? s : 0;
  }
  return { mean, sd };
}

/** z-scores; a zero-spread feature becomes 0 */
export function standardise(s: Standardiser, x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) out[j] = s.sd[j]! > 0 ? (x[j]! - s.mean[j]!) / s.sd[j]! : 0;
  return out;
}

export function logit(w: ArrayLike<number>, b: number, x: ArrayLike<number>): number {
  let z = b;
  for (let j = 0; j < w.length; j++) z += w[j]! * x[j]!;
  return z;
}

export const predict = (w: ArrayLike<number>, b: number, x: ArrayLike<number>): number => sigmoid(logit(w, b, x));

/** The objective L(w, b) above. */
export function objective(X: readonly Float64Array[], y: ArrayLike<number>, w: Float64Array, b: number, lambda: number): number {
  let L = 0;
  for (let i = 0; i < X.length; i++) {
    const z = logit(w, b, X[i]!);
    // ln(1 + e^z) − y·z, written to stay finite for large |z|
    L += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i]! * z;
  }
  let ww = 0;
  for (let j = 0; j < w.length; j++) ww += w[j]! * w[j]!;
  return L + 0.5 * lambda * ww;
}

/** ∂L/∂w and ∂L/∂b. */
export function gradient(X: readonly Float64Array[], y: ArrayLike<number>, w: Float64Array, b: number, lambda: number): { gw: Float64Array; gb: number } {
  const gw = new Float64Array(w.length);
  let gb = 0;
  for (let i = 0; i < X.length; i++) {
    const x = X[i]!, r = predict(w, b, x) - y[i]!;
    gb += r;
    for (let j = 0; j < w.length; j++) gw[j]! += r * x[j]!;
  }
  for (let j = 0; j < w.length; j++) gw[j]! += lambda * w[j]!;
  return { gw, gb };
}

/** Newton's method with step halving (the objective never increases). λ > 0 keeps the Hessian positive definite. */
export function fitLogistic(X: readonly Float64Array[], y: ArrayLike<number>, opts: FitOptions): LogisticFit {
  const { lambda } = opts;
  const maxIter = opts.maxIter ?? 100, tol = opts.tol ?? 1e-10;
  if (!(lambda > 0)) throw new RangeError(`fitLogistic: λ must be > 0, got ${lambda}`);
  const d = X[0]?.length ?? 0, k = d + 1; // parameter 0 is the bias
  let w = new Float64Array(d), b = 0;
  let loss = objective(X, y, w, b, lambda);
  for (let it = 1; it <= maxIter; it++) {
    const { gw, gb } = gradient(X, y, w, b, lambda);
    const H = new Float64Array(k * k);
    for (const x of X) {
      const p = predict(w, b, x), s = p * (1 - p);
      for (let r = 0; r < k; r++) {
        const xr = r === 0 ? 1 : x[r - 1]!;
        for (let c = 0; c <= r; c++) H[r * k + c]! += s * xr * (c === 0 ? 1 : x[c - 1]!);
      }
    }
    for (let r = 0; r < k; r++) for (let c = r + 1; c < k; c++) H[r * k + c] = H[c * k + r]!;
    for (let j = 1; j < k; j++) H[j * k + j]! += lambda;
    H[0]! += 1e-12; // all-equal labels: the bias curvature vanishes as |b| grows
    const g = Float64Array.of(gb, ...gw);
    const step = choleskySolve(H, g, k);
    let t = 1, nw = w, nb = b, nl = loss;
    for (let half = 0; half < 40; half++, t /= 2) {
      nw = w.map((wj, j) => wj - t * step[j + 1]!);
      nb = b - t * step[0]!;
      nl = objective(X, y, nw, nb, lambda);
      if (nl <= loss) break;
    }
    const maxStep = step.reduce((m, v) => Math.max(m, Math.abs(t * v)), 0);
    w = nw; b = nb; loss = nl;
    if (maxStep < tol) return { w, b, iterations: it, converged: true, loss };
  }
  return { w, b, iterations: maxIter, converged: false, loss };
}

/**
 * Weights on raw inputs from weights on z-scores: w'ⱼ = wⱼ/σⱼ, b' = b − Σ wⱼμⱼ/σⱼ; a zero-spread
 * feature gets w' = 0 (its z-score was 0, so it contributed nothing).
 */
export function foldStandardisation(w: ArrayLike<number>, b: number, s: Standardiser): { w: Float64Array; b: number } {
  const out = new Float64Array(w.length);
  let bias = b;
  for (let j = 0; j < w.length; j++) {
    if (s.sd[j]! === 0) continue;
    out[j] = w[j]! / s.sd[j]!;
    bias -= w[j]! * s.mean[j]! / s.sd[j]!;
  }
  return { w: out, b: bias };
}

/** Solves A·x = g for a symmetric positive definite k×k A (row-major). Throws if A is not SPD. */
export function choleskySolve(A: Float64Array, g: ArrayLike<number>, k: number): Float64Array {
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * k + j]!;
      for (let m = 0; m < j; m++) s -= L[i * k + m]! * L[j * k + m]!;
      if (i === j) {
        if (!(s > 0)) throw new Error(`choleskySolve: matrix is not positive definite (pivot ${i}: ${s})`);
        L[i * k + i] = Math.sqrt(s);
      } else L[i * k + j] = s / L[j * k + j]!;
    }
  }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = g[i]!;
    for (let m = 0; m < i; m++) s -= L[i * k + m]! * z[m]!;
    z[i] = s / L[i * k + i]!;
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let m = i + 1; m < k; m++) s -= L[m * k + i]! * x[m]!;
    x[i] = s / L[i * k + i]!;
  }
  return x;
}
