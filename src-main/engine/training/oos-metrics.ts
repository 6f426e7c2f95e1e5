// Out-of-sample scores of probability forecasts of a 0/1 label, each with a seeded percentile
// bootstrap interval (stats/bootstrap.ts; the samples are resampled as units).
//   Brier skill  1 − Σ(p − y)² / Σ(ref − y)²: ref is the base rate of the sample's own training
//                window, so > 0 means better than always saying that rate
//   AUC          P(p of a random positive > p of a random negative), ties counting ½ (Mann–Whitney)
//   log-loss     mean −[y ln p + (1 − y) ln(1 − p)], p clipped to [1e-12, 1 − 1e-12]
// A statistic that is undefined (no positives, or no negatives) is NaN; intervals drop such resamples.
import { bootstrapCi, type BootstrapOptions } from '../stats/bootstrap.ts';

export interface Forecast {
  p: number;
  y: 0 | 1;
  /** the training window's base rate (the reference forecast) */
  ref: number;
}

const EPS = 1e-12;
const ALL = (n: number): Uint32Array => Uint32Array.from({ length: n }, (_, i) => i);

export function brierSkill(f: readonly Forecast[], idx: ArrayLike<number> = ALL(f.length)): number {
  let num = 0, den = 0;
  for (let k = 0; k < idx.length; k++) {
    const x = f[idx[k]!]!;
    num += (x.p - x.y) ** 2;
    den += (x.ref - x.y) ** 2;
  }
  return den > 0 ? 1 - num / den : NaN;
}

export function logLoss(f: readonly Forecast[], idx: ArrayLike<number> = ALL(f.length)): number {
  if (idx.length === 0) return NaN;
  let s = 0;
  for (let k = 0; k < idx.length; k++) {
    const x = f[idx[k]!]!, p = Math.min(1 - EPS, Math.max(EPS, x.p));
    s -= x.y === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / idx.length;
}

/**
 * AUC of the multiset of forecasts that `counts` gives (counts[j]: how many times forecast j is in
 * it), walking `order` (indices sorted by p, ascending) once: O(n) per resample.
 */
function aucCounted(f: readonly Forecast[], order: Uint32Array, counts: ArrayLike<number>): number {
  let negBelow = 0, pos = 0, neg = 0, sum = 0;
  for (let a = 0; a < order.length;) {
    let b = a, gp = 0, gn = 0;
    while (b < order.length && f[order[b]!]!.p === f[order[a]!]!.p) {
      const j = order[b]!, c = counts[j]!;
      if (f[j]!.y === 1) gp += c; else gn += c;
      b++;
    }
    sum += gp * (negBelow + 0.5 * gn);
    negBelow += gn;
    pos += gp;
    neg += gn;
    a = b;
  }
  return pos > 0 && neg > 0 ? sum / (pos * neg) : NaN;
}

const sortedByP = (f: readonly Forecast[]): Uint32Array => ALL(f.length).sort((a, b) => f[a]!.p - f[b]!.p);

export function auc(f: readonly Forecast[]): number {
  return aucCounted(f, sortedByP(f), new Uint32Array(f.length).fill(1));
}

/** AUC's bootstrap interval (the resampled indices become counts, so each resample is one O(n) walk). */
export function aucCi(f: readonly Forecast[], o: BootstrapOptions = {}): [number, number] | null {
  const order = sortedByP(f), counts = new Uint32Array(f.length);
  return bootstrapCi(f.length, (idx) => {
    counts.fill(0);
    for (let k = 0; k < idx.length; k++) counts[idx[k]!]!++;
    return aucCounted(f, order, counts);
  }, o);
}

export const brierSkillCi = (f: readonly Forecast[], o: BootstrapOptions = {}): [number, number] | null => bootstrapCi(f.length, (idx) => brierSkill(f, idx), o);
export const logLossCi = (f: readonly Forecast[], o: BootstrapOptions = {}): [number, number] | null => bootstrapCi(f.length, (idx) => logLoss(f, idx), o);

export interface CalibrationBin {
  p_lo: number;
  p_hi: number;
  n: number;
  mean_p: number;
  hit_rate: number;
  /** bootstrap interval of the bin's hit rate */
  hit_rate_ci95: [number, number] | null;
}

/** Reliability curve on `bins` equal-count bins of p (ties kept in one bin): p range, mean p and hit rate per bin. */
export function calibration(f: readonly Forecast[], bins = 10): Omit<CalibrationBin, 'hit_rate_ci95'>[] {
  const order = Array.from(sortedByP(f)), out: Omit<CalibrationBin, 'hit_rate_ci95'>[] = [];
  const size = f.length / Math.max(1, bins);
  for (let a = 0, b = 1; a < order.length; b++) {
    let e = Math.min(order.length, Math.max(a + 1, Math.round(b * size)));
    while (e < order.length && f[order[e]!]!.p === f[order[e - 1]!]!.p) e++;
    const xs = order.slice(a, e).map((j) => f[j]!);
    out.push({
      p_lo: xs[0]!.p, p_hi: xs.at(-1)!.p, n: xs.length,
      mean_p: xs.reduce((s, x) => s + x.p, 0) / xs.length, hit_rate: xs.filter((x) => x.y === 1).length / xs.length,
    });
    a = e;
  }
  return out;
}
