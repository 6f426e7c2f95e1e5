// Percentile bootstrap intervals, seeded so that a report or a card is the same every time it is
// computed from the same data (Efron & Tibshirani, ch. 13: the 2.5th and 97.5th percentiles of the
// statistic over resamples drawn with replacement).

import { rng } from '../../../src-shared/rng.ts';

/** the seeded generator (src-shared/rng.ts), re-exported for the callers of this module */
export { rng };

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_SEED = 20_261_207;

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  /** two-sided level (default 0.95) */
  level?: number;
}

/**
 * The percentile interval of `stat` over resamples of the indices 0..n−1. `stat` gets the resampled
 * indices and returns a number (a NaN result — e.g. AUC of a resample with one class — is dropped).
 * null when n < 2 or fewer than half the resamples give a finite value.
 */
export function bootstrapCi(n: number, stat: (idx: Uint32Array) => number, o: BootstrapOptions = {}): [number, number] | null {
  if (n < 2) return null;
  const B = o.resamples ?? DEFAULT_RESAMPLES, level = o.level ?? 0.95;
  const rand = rng(o.seed ?? DEFAULT_SEED);
  const idx = new Uint32Array(n);
  const out: number[] = [];
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rand() * n);
    const v = stat(idx);
    if (Number.isFinite(v)) out.push(v);
  }
  if (out.length < B / 2) return null;
  out.sort((x, y) => x - y);
  const alpha = (1 - level) / 2;
  return [quantileSorted(out, alpha), quantileSorted(out, 1 - alpha)];
}

/** The interval of the mean of `xs`. */
export function meanCi(xs: ArrayLike<number>, o: BootstrapOptions = {}): [number, number] | null {
  return bootstrapCi(xs.length, (idx) => {
    let s = 0;
    for (let i = 0; i < idx.length; i++) s += xs[idx[i]!]!;
    return s / idx.length;
  }, o);
}

/**
 * The interval of mean(x over the selected) − mean(x over all), resampling the items in pairs (an
 * item keeps its selection): what a filter adds to the mean of what it is applied to.
 */
export function selectionGainCi(xs: ArrayLike<number>, selected: ArrayLike<boolean>, o: BootstrapOptions = {}): [number, number] | null {
  return bootstrapCi(xs.length, (idx) => {
    let all = 0, sel = 0, k = 0;
    for (let i = 0; i < idx.length; i++) {
      const j = idx[i]!, x = xs[j]!;
      all += x;
      if (selected[j]) { sel += x; k++; }
    }
    return k === 0 ? NaN : sel / k - all / idx.length;
  }, o);
}

/** Linear-interpolated quantile of an ascending array (type 7, as R's and NumPy's default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q, lo = Math.floor(h), hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
