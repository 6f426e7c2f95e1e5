// The walk-forward of a swept parameter set (anchored, rolling origin): for each fold k ≥ 1, the set with
// the best select metric over the pooled trades of folds 0…k−1 (every data file) is chosen, and its trades
// in fold k are its out-of-sample result. Nothing of fold k is seen before it is tested; the pooled
// out-of-sample trades of folds 1…count−1 are what the procedure, not one lucky row, would have earned.
import type { SelectMetric, SweepFolds } from '../../../src-shared/sweep.ts';
import type { SweepWalkForward } from '../../../src-shared/sweep-view.ts';
import { meanCi } from '../stats/bootstrap.ts';

/** A done task's closed trades (R multiples) under its parameter set and fold. */
export interface FoldTrades { set: string; fold: number; rs: readonly number[] }

/** The select metric over a pool of R multiples: higher is better; null: no trade. */
export function selectValue(rs: readonly number[], by: SelectMetric): number | null {
  if (rs.length === 0) return null;
  let sum = 0, wins = 0, gain = 0, loss = 0;
  for (const r of rs) {
    sum += r;
    if (r > 0) { wins++; gain += r; } else loss -= r;
  }
  switch (by) {
    case 'expectancy_r': return sum / rs.length;
    case 'total_r': return sum;
    case 'win_rate': return wins / rs.length;
    case 'profit_factor': return loss > 0 ? gain / loss : gain > 0 ? Infinity : null;
  }
}

/** `sets`: every parameter set's key in expansion order (ties go to the earlier one). */
export function walkForward(tasks: readonly FoldTrades[], sets: readonly string[], f: SweepFolds): SweepWalkForward {
  const pool = (set: string, folds: (k: number) => boolean) => tasks.filter((t) => t.set === set && folds(t.fold)).flatMap((t) => t.rs);
  const steps: SweepWalkForward['steps'] = [];
  const oos: number[] = [];
  const chosenCounts: Record<string, number> = {};
  for (let k = 1; k < f.count; k++) {
    let chosen: string | null = null, best = -Infinity;
    for (const set of sets) {
      const rs = pool(set, (j) => j < k);
      const v = rs.length >= Math.max(1, f.min_trades) ? selectValue(rs, f.select_by) : null;
      if (v !== null && v > best) { best = v; chosen = set; }
    }
    const out = chosen === null ? [] : pool(chosen, (j) => j === k);
    oos.push(...out);
    if (chosen !== null) chosenCounts[chosen] = (chosenCounts[chosen] ?? 0) + 1;
    const total = out.reduce((a, r) => a + r, 0);
    steps.push({
      fold: k, chosen, in_sample: chosen === null ? null : finite(best), oos_trades: out.length, oos_total_r: total,
      oos_expectancy_r: out.length ? total / out.length : null,
    });
  }
  const total = oos.reduce((a, r) => a + r, 0);
  return {
    folds: f.count, select_by: f.select_by, min_trades: f.min_trades, steps, chosen_counts: chosenCounts,
    oos: { trades: oos.length, expectancy_r: oos.length ? total / oos.length : null, ci95: meanCi(oos), total_r: total },
  };
}

/** JSON has no Infinity (a profit factor with no loss): such a value reads as null. */
function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
