// Walk-forward evaluation of the decision model: rolling-origin folds (folds.ts) over every sample
// sorted by decision time; in each fold λ and the threshold are chosen inside the training window
// only (select.ts), the model is fitted on that window and scores the test block it has never seen.
// Per-fold scores, then every test forecast pooled, and pooled per step ('5m' / '30m') apart.
import type { OosScores } from '../../../src-shared/model-card.ts';
import { rollingFolds, type FoldOptions } from './folds.ts';
import { fitModel, predictRaw } from './fit.ts';
import { chooseHyper, type HyperChoice, type SelectOptions, type SelectSample } from './select.ts';
import { oosScores, type ScoredForecast } from './oos-scores.ts';

export interface WalkSample extends SelectSample {
  mode: '5m' | '30m';
  source: string;
}

export interface WalkForwardOptions {
  outer: FoldOptions;
  select: SelectOptions;
  /** bootstrap resamples of every interval (default 2,000; fewer only to make a test fast) */
  resamples?: number;
}

export interface FoldResult {
  fold: number;
  train: { from: number; to: number; n: number; purged: number; base_rate: number };
  test: { from: number; to: number; n: number; n_5m: number; n_30m: number };
  hyper: HyperChoice;
  forecasts: (ScoredForecast & { mode: '5m' | '30m'; source: string })[];
  scores: OosScores;
}

export interface WalkForwardResult {
  folds: FoldResult[];
  pooled: OosScores;
  pooled_5m: OosScores;
  pooled_30m: OosScores;
}

/** `samples` sorted by decision time (rollingFolds throws otherwise). */
export function walkForward(samples: readonly WalkSample[], o: WalkForwardOptions): WalkForwardResult {
  const bo = o.resamples ? { resamples: o.resamples } : {};
  const folds = rollingFolds(samples, o.outer).map((f): FoldResult => {
    const train = f.train.map((i) => samples[i]!), test = f.test.map((i) => samples[i]!);
    const hyper = chooseHyper(train, o.select);
    const model = fitModel(train, hyper.lambda);
    const baseRate = train.filter((s) => s.y === 1).length / train.length;
    const forecasts = test.map((s) => {
      const p = predictRaw(model, s.x);
      return { p, y: s.y, ref: baseRate, r: s.r, selected: p >= hyper.threshold, mode: s.mode, source: s.source };
    });
    return {
      fold: f.fold,
      train: { from: train[0]!.time, to: train.at(-1)!.time, n: train.length, purged: f.purged, base_rate: baseRate },
      test: { from: f.testFrom, to: f.testTo, n: test.length, n_5m: test.filter((s) => s.mode === '5m').length, n_30m: test.filter((s) => s.mode === '30m').length },
      hyper, forecasts, scores: oosScores(forecasts, bo),
    };
  });
  const all = folds.flatMap((f) => f.forecasts);
  return {
    folds,
    pooled: oosScores(all, bo),
    pooled_5m: oosScores(all.filter((x) => x.mode === '5m'), bo),
    pooled_30m: oosScores(all.filter((x) => x.mode === '30m'), bo),
  };
}
