// λ and the decision threshold, chosen from a training window only. The window is cut into inner
// rolling-origin folds (folds.ts: the same purge and embargo as the outer ones); every λ is fitted
// on each inner training part and predicts the inner test part, and the pooled inner out-of-sample
// predictions decide:
//   λ          the lowest pooled mean log-loss (ties: the larger λ, the simpler model)
//   threshold  with that λ's predictions, the p cut (take the trade when p ≥ cut) whose selected
//              trades have the highest mean R, among cuts that select at least minSelected of
//              them; the cuts are 0 (take every synergy) and 0.01 … 0.99; ties: the lower cut
import { rollingFolds, type FoldOptions } from './folds.ts';
import { fitModel, predictRaw, type Labelled } from './fit.ts';
import type { Timed } from './split.ts';

export interface SelectSample extends Timed, Labelled {
  /** the trade's net P&L in R */
  r: number;
}

export interface SelectOptions {
  lambdas: readonly number[];
  inner: FoldOptions;
  /** a cut must select at least max(minSelected, minSelectedFraction · inner out-of-sample samples) */
  minSelected: number;
  minSelectedFraction: number;
}

export const THRESHOLD_GRID: readonly number[] = [0, ...Array.from({ length: 99 }, (_, i) => (i + 1) / 100)];

export interface HyperChoice {
  lambda: number;
  threshold: number;
  /** how the choice was made (for the card) */
  inner: {
    folds: number;
    oos: number;
    lambdas: { lambda: number; log_loss: number }[];
    threshold: { selected: number; mean_r: number | null; take_all_mean_r: number | null; min_selected: number };
  };
}

/** `train` sorted by decision time. Without inner folds (too few samples): the largest λ and take-all. */
export function chooseHyper(train: readonly SelectSample[], o: SelectOptions): HyperChoice {
  const folds = rollingFolds(train, o.inner);
  const largest = Math.max(...o.lambdas);
  if (folds.length === 0) {
    return { lambda: largest, threshold: 0, inner: { folds: 0, oos: 0, lambdas: [], threshold: { selected: 0, mean_r: null, take_all_mean_r: null, min_selected: 0 } } };
  }
  const oos = folds.flatMap((f) => f.test.map((i) => train[i]!));
  const preds = o.lambdas.map((lambda) => folds.flatMap((f) => {
    const m = fitModel(f.train.map((i) => train[i]!), lambda);
    return f.test.map((i) => predictRaw(m, train[i]!.x));
  }));
  const lambdas = o.lambdas.map((lambda, k) => ({ lambda, log_loss: meanLogLoss(preds[k]!, oos) }));
  let best = 0;
  for (let k = 1; k < lambdas.length; k++) {
    const a = lambdas[k]!, b = lambdas[best]!;
    if (a.log_loss < b.log_loss || (a.log_loss === b.log_loss && a.lambda > b.lambda)) best = k;
  }
  const minSel = Math.max(o.minSelected, Math.ceil(o.minSelectedFraction * oos.length));
  const t = chooseThreshold(preds[best]!, oos.map((s) => s.r), minSel);
  return {
    lambda: lambdas[best]!.lambda, threshold: t.threshold,
    inner: { folds: folds.length, oos: oos.length, lambdas, threshold: { selected: t.selected, mean_r: t.meanR, take_all_mean_r: mean(oos.map((s) => s.r)), min_selected: minSel } },
  };
}

/** The cut of THRESHOLD_GRID with the highest mean R of the selected (≥ minSel of them); ties: the lower cut. */
export function chooseThreshold(p: readonly number[], r: readonly number[], minSel: number): { threshold: number; selected: number; meanR: number | null } {
  let best = { threshold: 0, selected: p.length, meanR: mean(r) };
  for (const cut of THRESHOLD_GRID) {
    let k = 0, s = 0;
    for (let i = 0; i < p.length; i++) if (p[i]! >= cut) { k++; s += r[i]!; }
    if (k < minSel || k === 0) continue;
    if (best.meanR === null || s / k > best.meanR) best = { threshold: cut, selected: k, meanR: s / k };
  }
  return best;
}

function meanLogLoss(p: readonly number[], s: readonly Labelled[]): number {
  let L = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - 1e-12, Math.max(1e-12, p[i]!));
    L -= s[i]!.y === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return L / Math.max(1, p.length);
}

const mean = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
