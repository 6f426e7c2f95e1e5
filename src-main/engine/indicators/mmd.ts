// MMD regime features (SPEC §2.5), 30m standard bars → a 23-dimension vector. Per bar: one point
// (r, ℓ, g, σ), robust normalisation of the last 100 points, unbiased MMD² against each of the
// seven archetypes, plus 16 plain statistics. The kernel sums (100×1000×7 across, 100×100×7
// within) are the cost: the fast path (default; error bound in mmd-kernel-fast.ts) or the exact
// one (f64 sums to ~1e-15, the reference that bench and tests time and compare it against).
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { DEFAULT_CONFIG, type IndicatorConfig } from '../../../src-shared/config.ts';
import { Ring, type Indicator } from './types.ts';
import { getReferences, medianSelect, MMD_DIM, type References } from './mmd-reference.ts';
import { expNeg } from './fast-exp.ts';
import { crossKernelMeans, fastKernelMeans } from './mmd-cross.ts';

export type MmdConfig = IndicatorConfig['mmd'];
/** 'fast': mmd-kernel-fast.ts (falls back to exact on a window it cannot take); 'exact': f64 to ~1e-15 */
export type MmdKernel = 'fast' | 'exact';
export const MMD_VECTOR_SIZE = 23;
const ANNUALISE = Math.sqrt(252 * 48); // 30m bars: 48 a day, 252 days
const SIGMA_WINDOW = 20;
const STATS_CLOSES = 51; // C[t−50] for momentum_50
const STATS_RETURNS = 100; // volatility_ratio's long window
const STATS_VOLUMES = 20;

export interface MmdOutput {
  ready: boolean;
  /** the 23 dimensions in SPEC's order (reused; copy what you keep); zeros when not ready */
  vector: Float64Array;
}

export class Mmd implements Indicator<MmdOutput> {
  readonly name = 'mmd';
  readonly warmup: number;
  readonly #tw: number;
  readonly #ref: References;
  readonly #closes = new Ring(STATS_CLOSES);
  readonly #returns = new Ring(STATS_RETURNS);
  readonly #volumes = new Ring(STATS_VOLUMES);
  readonly #points: Float64Array; // ring of the last tw points, row-major
  #pHead = 0;
  #pSize = 0;
  readonly #x: Float64Array; // the normalised test window, oldest first
  readonly #col: Float64Array;
  readonly #dxx: Float64Array; // pairwise squared distances within X
  #count = 0;
  readonly #kxy = new Float64Array(7);
  readonly #kxx = new Float64Array(7);
  readonly #kernel: MmdKernel;
  readonly #out: MmdOutput = { ready: false, vector: new Float64Array(MMD_VECTOR_SIZE) };

  constructor(cfg: MmdConfig = DEFAULT_CONFIG.indicators.mmd, kernel: MmdKernel = 'fast') {
    this.#kernel = kernel;
    this.#tw = cfg.test_window;
    // points start at t = 2 (σ needs two returns); the statistics need 100 returns and C[t−50]
    this.warmup = Math.max(this.#tw + 1, STATS_RETURNS);
    this.#ref = getReferences(cfg.seed, cfg.ref_samples, cfg.sigma_samples);
    this.#points = new Float64Array(this.#tw * MMD_DIM);
    this.#x = new Float64Array(this.#tw * MMD_DIM);
    this.#col = new Float64Array(this.#tw);
    this.#dxx = new Float64Array((this.#tw * (this.#tw - 1)) / 2);
  }

  update(bar: Bar): MmdOutput {
    const t = this.#count++;
    const out = this.#out;
    const v = out.vector;
    let r = 0, l = 0, g = 0, s = 0;
    if (t >= 1) {
      const prev = this.#closes.get(0);
      r = bar.c / prev - 1;
      l = Math.log(bar.c / prev);
      g = (bar.h - bar.l) / prev;
      this.#returns.push(r);
    }
    this.#closes.push(bar.c);
    this.#volumes.push(bar.v);
    if (this.#returns.size >= 2) {
      s = sampleStd(this.#returns, Math.min(SIGMA_WINDOW, this.#returns.size)) * ANNUALISE;
      this.#pushPoint(r, l, g, s);
    }
    out.ready = t >= this.warmup && this.#pSize === this.#tw;
    if (!out.ready) { v.fill(0); return out; }

    this.#normaliseWindow();
    this.#scores(v);
    v[7] = r; v[8] = l; v[9] = g; v[10] = s;
    mmdStatistics(this.#closes, this.#returns, this.#volumes, v);
    let m = 0;
    for (let k = 0; k < 7; k++) m += v[k]!;
    v[22] = m / 7;
    // only a non-positive price can produce these; SPEC assumes positive prices
    for (let k = 0; k < MMD_VECTOR_SIZE; k++) if (!Number.isFinite(v[k]!)) v[k] = 0;
    return out;
  }

  #pushPoint(r: number, l: number, g: number, s: number): void {
    const o = this.#pHead * MMD_DIM;
    const p = this.#points;
    p[o] = r; p[o + 1] = l; p[o + 2] = g; p[o + 3] = s;
    this.#pHead = (this.#pHead + 1) % this.#tw;
    if (this.#pSize < this.#tw) this.#pSize++;
  }

  /** X = (point − median)/(1.4826·MAD) per column over the window, rows oldest first. */
  #normaliseWindow(): void {
    const n = this.#tw, p = this.#points, x = this.#x, col = this.#col;
    const start = this.#pHead; // the window is full, so the oldest row sits at head
    for (let c = 0; c < MMD_DIM; c++) {
      for (let i = 0; i < n; i++) col[i] = p[((start + i) % n) * MMD_DIM + c]!;
      const med = medianSelect(col);
      for (let i = 0; i < n; i++) col[i] = Math.abs(p[((start + i) % n) * MMD_DIM + c]! - med);
      const scale = 1.4826 * Math.max(medianSelect(col), 1e-8);
      for (let i = 0; i < n; i++) x[i * MMD_DIM + c] = (p[((start + i) % n) * MMD_DIM + c]! - med) / scale;
    }
  }

  /** dims 0–6: MMD_k = √max(0, K_XX + K_YY − 2·K_XY), K_YY precomputed. */
  #scores(v: Float64Array): void {
    const n = this.#tw, x = this.#x, ref = this.#ref, kxy = this.#kxy, kxx = this.#kxx;
    if (this.#kernel === 'fast' && fastKernelMeans(x, n, ref, kxy, kxx)) {
      for (let k = 0; k < ref.data.length; k++) v[k] = Math.sqrt(Math.max(0, kxx[k]! + ref.kyy[k]! - 2 * kxy[k]!));
      return;
    }
    this.#exactScores(v);
  }

  #exactScores(v: Float64Array): void {
    const n = this.#tw, x = this.#x, dxx = this.#dxx, ref = this.#ref;
    let q = 0;
    for (let i = 0; i < n; i++) {
      const a0 = x[i * 4]!, a1 = x[i * 4 + 1]!, a2 = x[i * 4 + 2]!, a3 = x[i * 4 + 3]!;
      for (let j = i + 1; j < n; j++) {
        const d0 = a0 - x[j * 4]!, d1 = a1 - x[j * 4 + 1]!, d2 = a2 - x[j * 4 + 2]!, d3 = a3 - x[j * 4 + 3]!;
        dxx[q++] = d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
      }
    }
    const kxy = this.#kxy;
    crossKernelMeans(x, n, ref, kxy); // the costly part, on two threads where there are two cores
    for (let k = 0; k < ref.data.length; k++) {
      const c = ref.negInv2s2[k]!;
      let sxx = 0;
      for (let p = 0; p < q; p++) sxx += expNeg(c * dxx[p]!);
      const kxx = (2 * sxx) / (n * (n - 1));
      v[k] = Math.sqrt(Math.max(0, kxx + ref.kyy[k]! - 2 * kxy[k]!));
    }
  }

  reset(): void {
    this.#closes.clear(); this.#returns.clear(); this.#volumes.clear();
    this.#pHead = 0; this.#pSize = 0; this.#count = 0;
    this.#out.ready = false; this.#out.vector.fill(0);
  }
}

/** sample std (ddof 1) of the newest `n` values of a ring */
export function sampleStd(ring: Ring, n: number): number {
  if (n < 2) return 0;
  let m = 0;
  for (let j = 0; j < n; j++) m += ring.get(j);
  m /= n;
  let s2 = 0;
  for (let j = 0; j < n; j++) { const d = ring.get(j) - m; s2 += d * d; }
  return Math.sqrt(s2 / (n - 1));
}

/** dims 11–21 from the rings (newest = get(0)); the window is ready, so every ring is full enough. */
function mmdStatistics(closes: Ring, returns: Ring, volumes: Ring, v: Float64Array): void {
  const c = closes.get(0);
  v[11] = c / closes.get(20) - 1;
  v[12] = c / closes.get(50) - 1;
  let vs = 0;
  for (let j = 0; j < STATS_VOLUMES; j++) vs += volumes.get(j);
  const vMean = vs / STATS_VOLUMES;
  v[13] = volumes.get(0) / (vMean + 1e-9);
  momentsOfReturns(returns, 50, v);
  v[16] = c / closes.get(5) - 1;
  v[17] = c / closes.get(10) - 1;
  let gain = 0, loss = 0;
  for (let j = 0; j < 14; j++) {
    const d = closes.get(j) - closes.get(j + 1);
    if (d > 0) gain += d; else loss -= d;
  }
  v[18] = 100 - 100 / (1 + gain / 14 / (loss / 14 + 1e-10));
  v[19] = sampleStd(returns, 20) / (sampleStd(returns, STATS_RETURNS) + 1e-10);
  // SPEC's volume_spike has no epsilon: a flat-zero volume window gives 0, not NaN
  v[20] = vMean > 0 ? volumes.get(0) / vMean : 0;
  v[21] = returns.get(0) - returns.get(1);
}

/** dims 14, 15: biased skewness and excess kurtosis of the newest n returns; 0 when m₂ = 0. */
function momentsOfReturns(returns: Ring, n: number, v: Float64Array): void {
  let m = 0;
  for (let j = 0; j < n; j++) m += returns.get(j);
  m /= n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let j = 0; j < n; j++) {
    const d = returns.get(j) - m, d2 = d * d;
    m2 += d2; m3 += d2 * d; m4 += d2 * d2;
  }
  m2 /= n; m3 /= n; m4 /= n;
  v[14] = m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
  v[15] = m2 > 0 ? m4 / (m2 * m2) - 3 : 0;
}
