// The seven MMD reference archetypes (SPEC §2.5) and the kernel means shared by MMD's terms.
// Generated once per (seed, ref_samples, sigma_samples) and cached at module level: they are
// ~230 KB and their Y–Y terms cost 3.5 M kernel evaluations, so instances must share them.
import { beta, gamma, lognormal, mulberry32, normal, type Uniform } from './prng.ts';

export const ARCHETYPE_NAMES = [
  'normal_market', 'bull_market', 'bear_market', 'high_volatility', 'low_volatility', 'trending', 'mean_reverting',
] as const;
export const MMD_DIM = 4; // (r, ℓ, g, σ)

type ColumnGen = (u: Uniform, i: number) => number;
const N = (mu: number, s: number): ColumnGen => (u) => mu + s * normal(u);
const G = (shape: number, scale: number): ColumnGen => (u) => gamma(u, shape, scale);

/** Column samplers per archetype, in SPEC's table order r, ℓ, g, σ (trending's r, ℓ are cumulated below). */
const ARCHETYPES: readonly (readonly ColumnGen[])[] = [
  [N(1e-4, 0.01), N(1e-4, 0.01), N(1e-4, 0.01), N(1e-4, 0.01)],
  [(u) => 0.05 * beta(u, 2, 5) - 0.01, (u) => lognormal(u, -5, 0.5), G(2, 0.005), G(1.5, 0.01)],
  [(u) => -0.08 * beta(u, 2, 5) + 0.01, (u) => -lognormal(u, -4.5, 0.6), G(3, 0.008), G(2.5, 0.015)],
  [N(0, 0.03), N(0, 0.025), G(4, 0.01), G(3, 0.02)],
  [N(0, 0.005), N(0, 0.004), G(1, 0.002), G(0.5, 0.005)],
  [N(5e-4, 0.015), N(3e-4, 0.012), G(2, 0.006), G(1.8, 0.012)], // r, ℓ: cumsum / 100 below
  [
    (u, i) => 0.02 * Math.sin((20 * Math.PI * i) / 999) + 0.008 * normal(u),
    (u, i) => 0.015 * Math.cos((15 * Math.PI * i) / 999) + 0.006 * normal(u),
    G(1.5, 0.004), G(1.2, 0.008),
  ],
];
const TRENDING = 5;

/** Raw archetypes, row-major n×4 each. One stream: archetype 0→6, column r→ℓ→g→σ, row 0→n−1. */
export function generateArchetypes(seed: number, n: number): Float64Array[] {
  const u = mulberry32(seed);
  return ARCHETYPES.map((cols, k) => {
    const out = new Float64Array(n * MMD_DIM);
    for (let c = 0; c < MMD_DIM; c++) {
      let cum = 0;
      for (let i = 0; i < n; i++) {
        let v = cols[c]!(u, i);
        if (k === TRENDING && c < 2) { cum += v; v = cum / 100; }
        out[i * MMD_DIM + c] = v;
      }
    }
    return out;
  });
}

/** In place: each column to mean 0, population std 1 (std floored at 1e-8). */
export function standardiseColumns(x: Float64Array, n: number, dim: number): void {
  for (let c = 0; c < dim; c++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i * dim + c]!;
    m /= n;
    let s2 = 0;
    for (let i = 0; i < n; i++) { const d = x[i * dim + c]! - m; s2 += d * d; }
    const sd = Math.max(Math.sqrt(s2 / n), 1e-8);
    for (let i = 0; i < n; i++) x[i * dim + c] = (x[i * dim + c]! - m) / sd;
  }
}

/** numpy's median: sorts `a` in place; the mean of the two middle values for an even count. */
export function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return 0;
  a.sort();
  const h = n >> 1;
  return n % 2 === 1 ? a[h]! : (a[h - 1]! + a[h]!) / 2;
}

/**
 * medianInPlace's value by selection instead of a full sort (the test window's 8 medians a bar were
 * 6 % of the fast path): the same order statistics, so the same bits. With a NaN it sorts, so that
 * NaN sits where sort puts it. Reorders `a`.
 */
export function medianSelect(a: Float64Array): number {
  const n = a.length;
  for (let i = 0; i < n; i++) if (a[i] !== a[i]) return medianInPlace(a);
  if (n === 0) return 0;
  const h = n >> 1;
  const hi = selectInPlace(a, h);
  if (n % 2 === 1) return hi;
  let lo = a[0]!; // a[0..h) now holds the h smallest values: the largest of them
  for (let i = 1; i < h; i++) if (a[i]! > lo) lo = a[i]!;
  return (lo + hi) / 2;
}

/** Hoare quickselect: the k-th smallest value, with a[0..k) ≤ it ≤ a(k..n) afterwards. */
function selectInPlace(a: Float64Array, k: number): number {
  let lo = 0, hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // median of three as the pivot
    const x = a[lo]!, y = a[mid]!, z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) { const t = a[i]!; a[i] = a[j]!; a[j] = t; i++; j--; }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/** σ = √(median of squared distances over the pairs i < j among the first m rows). */
export function medianSigma(x: Float64Array, n: number, dim: number, m: number): number {
  const rows = Math.min(m, n);
  const d = new Float64Array((rows * (rows - 1)) / 2);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = i + 1; j < rows; j++) {
      let s = 0;
      for (let c = 0; c < dim; c++) { const t = x[i * dim + c]! - x[j * dim + c]!; s += t * t; }
      d[p++] = s;
    }
  }
  return Math.sqrt(medianInPlace(d));
}

/** mean over i ≠ i' of κ(x_i, x_i') for n rows of `dim`; `c` = −1/(2σ²). 0 for n < 2. */
export function kernelMeanWithin(x: Float64Array, n: number, dim: number, c: number): number {
  if (n < 2) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let d = 0;
      for (let k = 0; k < dim; k++) { const t = x[i * dim + k]! - x[j * dim + k]!; d += t * t; }
      s += Math.exp(c * d);
    }
  }
  return (2 * s) / (n * (n - 1)); // κ is symmetric: each unordered pair counts twice
}

/** mean over all (i, j) of κ(x_i, y_j); `c` = −1/(2σ²). */
export function kernelMeanBetween(x: Float64Array, nx: number, y: Float64Array, ny: number, dim: number, c: number): number {
  if (nx === 0 || ny === 0) return 0;
  let s = 0;
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      let d = 0;
      for (let k = 0; k < dim; k++) { const t = x[i * dim + k]! - y[j * dim + k]!; d += t * t; }
      s += Math.exp(c * d);
    }
  }
  return s / (nx * ny);
}

export interface MmdTerms { kxx: number; kyy: number; kxy: number; mmd2: number; mmd: number }

/** Unbiased MMD² and MMD = √max(0, MMD²) of two row-major samples (the reference formula, any dim). */
export function mmdUnbiased(x: Float64Array, y: Float64Array, dim: number, sigma: number): MmdTerms {
  const c = -1 / (2 * sigma * sigma);
  const nx = x.length / dim, ny = y.length / dim;
  const kxx = kernelMeanWithin(x, nx, dim, c);
  const kyy = kernelMeanWithin(y, ny, dim, c);
  const kxy = kernelMeanBetween(x, nx, y, ny, dim, c);
  const mmd2 = kxx + kyy - 2 * kxy;
  return { kxx, kyy, kxy, mmd2, mmd: Math.sqrt(Math.max(0, mmd2)) };
}

export interface References {
  /** standardised archetypes, row-major n×4 */
  readonly data: readonly Float64Array[];
  readonly n: number;
  readonly sigma: Float64Array;
  /** −1/(2σ_k²) */
  readonly negInv2s2: Float64Array;
  /** the precomputed Y–Y term mean_{j≠j'} κ(y_j, y_j') per archetype */
  readonly kyy: Float64Array;
}

const cache = new Map<string, References>();

/** The references for (seed, ref_samples, sigma_samples), built on first use and then shared. */
export function getReferences(seed: number, refSamples: number, sigmaSamples: number): References {
  const key = `${seed}|${refSamples}|${sigmaSamples}`;
  let ref = cache.get(key);
  if (ref) return ref;
  const data = generateArchetypes(seed, refSamples);
  const k = data.length;
  const sigma = new Float64Array(k), negInv2s2 = new Float64Array(k), kyy = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    standardiseColumns(data[a]!, refSamples, MMD_DIM);
    // σ could only be 0 if the first rows coincide; floor it so the kernel stays finite
    sigma[a] = Math.max(medianSigma(data[a]!, refSamples, MMD_DIM, sigmaSamples), 1e-8);
    negInv2s2[a] = -1 / (2 * sigma[a]! * sigma[a]!);
    kyy[a] = kernelMeanWithin(data[a]!, refSamples, MMD_DIM, negInv2s2[a]!);
  }
  ref = { data, n: refSamples, sigma, negInv2s2, kyy };
  cache.set(key, ref);
  return ref;
}
