// What `sweep` says on stderr once its tasks are done: the best parameter set in-sample (with the warning
// that it was chosen on the data it is measured on) and, for a sweep with folds, the walk-forward result.
import type { Db } from '../store/db.ts';
import { sweepDetail } from '../engine/sweep/detail.ts';

const r = (x: number | null) => (x === null ? '-' : `${x >= 0 ? '+' : ''}${x.toFixed(3)}`);
const params = (key: string) => Object.entries(JSON.parse(key) as Record<string, unknown>).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');

export function sweepSummary(db: Db, sweepId: number): string[] {
  const d = sweepDetail(db, sweepId);
  if (!d) return [];
  const out: string[] = [];
  const best = d.sets.find((s) => s.key === d.best);
  if (best) {
    out.push(`sweep: best by ${d.select_by} over all its tasks: ${params(best.key)} (${best.trades} trades, mean ${r(best.expectancy_r)} R) — `
      + 'in-sample: chosen on the same data it is measured on');
  }
  const wf = d.walk_forward;
  if (!wf) {
    out.push('sweep: no walk-forward result (add folds: {count: N} to the sweep file)');
    return out;
  }
  for (const s of wf.steps) {
    out.push(`sweep: walk-forward fold ${s.fold}: ${s.chosen === null ? 'no set had enough trades before it' : `chose ${params(s.chosen)} on folds 0–${s.fold - 1}`}`
      + ` → ${s.oos_trades} trade(s), ${r(s.oos_total_r)} R`);
  }
  const ci = wf.oos.ci95 ? ` [${r(wf.oos.ci95[0])}, ${r(wf.oos.ci95[1])}]` : '';
  out.push(`sweep: walk-forward out of sample: ${wf.oos.trades} trade(s), mean ${r(wf.oos.expectancy_r)} R${ci}`);
  return out;
}
