// The walk-forward section of the model card (src-shared/model-card.ts WalkForward) and the card's
// one plain sentence, from a walkForward() result. Pure: same result, same JSON.
import type { OosScores, WalkForward } from '../../../src-shared/model-card.ts';
import type { FoldOptions } from './folds.ts';
import type { SelectOptions } from './select.ts';
import type { WalkForwardResult } from './walk-forward.ts';
import { countBy, round6 } from './card.ts';

export interface SchemeInputs {
  outer: FoldOptions;
  select: SelectOptions;
  /** the embargo in step bars of the longest step (30m), = risk.max_bars_in_trade */
  embargoBars: number;
}

const iso = (t: number): string => new Date(t).toISOString();

export function schemeText(s: SchemeInputs): string {
  const o = s.outer, i = s.select.inner;
  return [
    `Rolling origin, expanding window, over every sample of every source sorted by decision time: the first ${o.minTrainFraction * 100} % only train;`,
    `the rest is cut into K test blocks of equal sample count, K = min(${o.maxFolds}, ⌊rest / ${o.minTestSize}⌋); each fold trains on everything decided before its block.`,
    `Purge and embargo: a training sample whose label window [decision, exit bar end] reaches into [test start − ${s.embargoBars} 30m bars (risk.max_bars_in_trade), test end] is dropped.`,
    `Inside each training window only: ${i.maxFolds} inner rolling folds (first ${i.minTrainFraction * 100} % train, blocks of ≥ ${i.minTestSize}, same purge and embargo);`,
    `λ (L2, from ${s.select.lambdas.join(', ')}) = lowest pooled inner out-of-sample log-loss (ties: larger);`,
    `threshold = the p cut (0 = take every synergy, or 0.01 … 0.99) with the highest inner out-of-sample mean R of the trades it selects, selecting at least max(${s.select.minSelected}, ${s.select.minSelectedFraction * 100} %) of them (ties: lower).`,
    'Intervals: seeded percentile bootstrap (2,000 resamples, samples resampled independently).',
  ].join(' ');
}

export function walkForwardSection(r: WalkForwardResult, s: SchemeInputs): WalkForward {
  return {
    scheme: schemeText(s),
    embargo_bars: s.embargoBars,
    embargo_ms: s.outer.embargoMs,
    folds: r.folds.map((f) => ({
      fold: f.fold,
      train: { from: iso(f.train.from), to: iso(f.train.to), n: f.train.n, purged: f.train.purged, base_rate: round6(f.train.base_rate) },
      test: {
        from: iso(f.test.from), to: iso(f.test.to), n: f.test.n, n_5m: f.test.n_5m, n_30m: f.test.n_30m,
        by_source: countBy(f.forecasts, (x) => x.source),
      },
      lambda: f.hyper.lambda,
      threshold: f.hyper.threshold,
      inner: {
        folds: f.hyper.inner.folds, oos: f.hyper.inner.oos,
        lambdas: f.hyper.inner.lambdas.map((l) => ({ lambda: l.lambda, log_loss: round6(l.log_loss) })),
        threshold: { ...f.hyper.inner.threshold, mean_r: nullable(f.hyper.inner.threshold.mean_r), take_all_mean_r: nullable(f.hyper.inner.threshold.take_all_mean_r) },
      },
      scores: f.scores,
    })),
    pooled: r.pooled,
    pooled_5m: r.pooled_5m,
    pooled_30m: r.pooled_30m,
    tested_by_source: countBy(r.folds.flatMap((f) => f.forecasts), (x) => x.source),
  };
}

const nullable = (x: number | null): number | null => (x === null ? null : round6(x));
const fmt = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
const fmtCi = (c: [number, number] | null): string => (c ? `[${c[0].toFixed(3)}, ${c[1].toFixed(3)}]` : '[n/a]');

/** What the intervals say, in words. */
export function verdict(p: OosScores): string {
  const skill = p.brier_skill_ci95, added = p.value_added_r_ci95;
  if (!skill) return 'too few out-of-sample samples to say anything';
  if (skill[1] < 0) return 'its probabilities are worse than the training base rate, so no edge';
  const skillful = skill[0] > 0, adds = added !== null && added[0] > 0, hurts = added !== null && added[1] < 0;
  if (skillful && adds) return 'a measurable edge';
  if (skillful) return `its probabilities beat the base rate but its selections ${hurts ? 'lose' : 'add no measurable'} R`;
  if (hurts) return 'no measurable edge, and its selections lose R against taking every synergy';
  return 'no measurable edge';
}

/** The card's summary: the pooled result in one plain sentence. */
export function summarySentence(wf: WalkForward, profile: string): string {
  const p = wf.pooled;
  if (wf.folds.length === 0) return `With the '${profile}' profile there are too few samples for one walk-forward fold: the model is not evaluated out of sample.`;
  const folds = wf.folds.length === 1 ? 'one walk-forward fold' : `${wf.folds.length} walk-forward folds`;
  return `Out of sample over ${folds} (${p.n} samples, ${wf.pooled_5m.n} at the 5m step; '${profile}' profile), ` +
    `the model's Brier skill is ${fmt(p.brier_skill)} ${fmtCi(p.brier_skill_ci95)}, its AUC ${fmt(p.auc)} ${fmtCi(p.auc_ci95)}, ` +
    `and its selections add ${fmt(p.value_added_r)} R ${fmtCi(p.value_added_r_ci95)} per trade over taking every synergy ` +
    `(${fmt(p.take_all_expectancy_r)} R): ${verdict(p)}.`;
}
