// Rolling-origin (expanding-window) folds over samples sorted by decision time, purged and
// embargoed (López de Prado, Advances in Financial Machine Learning, ch. 7):
//   - the first `minTrainFraction` of the samples only ever train;
//   - the rest is cut into K test blocks of (nearly) equal sample count, K = ⌊rest / minTestSize⌋
//     capped at maxFolds; a block boundary never splits samples decided at the same time;
//   - fold k trains on every sample decided before its test block whose label window
//     [decision time, knownAt] ends before (test start − embargo): a trade still open then, or
//     closed inside the embargo, is purged. Every sample after the initial part is tested once.
import type { Timed } from './split.ts';

export interface FoldOptions {
  minTrainFraction: number;
  minTestSize: number;
  maxFolds: number;
  /** gap in market ms between the last training label and the first test decision */
  embargoMs: number;
}

export interface Fold {
  fold: number;
  /** indices into the sorted samples */
  train: number[];
  test: number[];
  /** samples decided before the test block but dropped: label window reaching into the embargo or the test block */
  purged: number;
  testFrom: number;
  testTo: number;
}

/** Folds over `sorted` (ascending decision time; throws otherwise). Empty when there is too little data for one test block. */
export function rollingFolds(sorted: readonly Timed[], o: FoldOptions): Fold[] {
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.time < sorted[i - 1]!.time) throw new Error('rollingFolds: samples are not sorted by decision time');
  }
  const n = sorted.length;
  const start = nextTimeChange(sorted, Math.ceil(n * o.minTrainFraction));
  const rest = n - start;
  const k = Math.min(o.maxFolds, Math.floor(rest / o.minTestSize));
  if (start === 0 || k < 1) return [];
  const cuts = [start];
  for (let b = 1; b < k; b++) cuts.push(Math.max(cuts.at(-1)!, nextTimeChange(sorted, start + Math.round((b * rest) / k))));
  cuts.push(n);
  const folds: Fold[] = [];
  for (let b = 0; b < k; b++) {
    const a = cuts[b]!, e = cuts[b + 1]!;
    if (e <= a) continue;
    const testFrom = sorted[a]!.time, testTo = sorted[e - 1]!.time, limit = testFrom - o.embargoMs;
    const train: number[] = [];
    for (let i = 0; i < a; i++) if (sorted[i]!.knownAt < limit) train.push(i);
    const test = Array.from({ length: e - a }, (_, j) => a + j);
    folds.push({ fold: folds.length + 1, train, test, purged: a - train.length, testFrom, testTo });
  }
  return folds;
}

/** The first index ≥ i whose decision time differs from the one before it (n when none). */
function nextTimeChange(sorted: readonly Timed[], i: number): number {
  let j = Math.max(0, Math.min(i, sorted.length));
  while (j > 0 && j < sorted.length && sorted[j]!.time === sorted[j - 1]!.time) j++;
  return j;
}
