// Temporal train/test split: test = the latest samples by decision time, train = everything that
// was decided AND closed before the first test decision. A train trade still open at the cut would
// carry prices from the test period into its label, so it is purged (counted, not used).

export interface Timed {
  /** decision time (market ms) */
  time: number;
  /** the exit bar's end (market ms): when the label became known */
  knownAt: number;
}

export interface TemporalSplit<T extends Timed> {
  train: T[];
  test: T[];
  /** the first test decision time: every train sample was decided before it and closed by it */
  cut: number;
  /** train-side samples dropped because their trade was still open at the cut */
  purged: T[];
}

/** Sorts by decision time (stable: ties keep input order) and cuts so ≈ testFraction of samples are test. */
export function temporalSplit<T extends Timed>(samples: readonly T[], testFraction: number): TemporalSplit<T> {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`testFraction must be in (0, 1), got ${testFraction}`);
  const sorted = [...samples].sort((a, b) => a.time - b.time);
  if (sorted.length < 2) throw new Error(`temporalSplit: need at least 2 samples, got ${sorted.length}`);
  const at = Math.min(sorted.length - 1, Math.max(1, Math.round(sorted.length * (1 - testFraction))));
  const cut = sorted[at]!.time;
  // every sample decided at the cut time goes to test, so train times are strictly earlier
  const test = sorted.filter((s) => s.time >= cut);
  const before = sorted.filter((s) => s.time < cut);
  return { train: before.filter((s) => s.knownAt <= cut), test, cut, purged: before.filter((s) => s.knownAt > cut) };
}
