// What the app shows of the sweeps in a store (src-shared/sweep-view.ts): the list, and one sweep's tasks,
// its parameter sets with their done tasks' trades pooled, the best set in-sample, and its walk-forward.
import { SweepSpec, SWEEP_METRICS, type SelectMetric, type SweepParams } from '../../../src-shared/sweep.ts';
import type { ParamSetSummary, SweepDetail, SweepListItem, SweepTaskItem } from '../../../src-shared/sweep-view.ts';
import type { Db } from '../../store/db.ts';
import { listSweeps, sweepById, sweepTasks, sweepTradeRs, type SweepRow, type SweepTaskRow } from '../../store/sweeps.ts';
import { canonicalJson } from './task-id.ts';
import { selectValue, walkForward } from './walk-forward.ts';

export function sweepList(db: Db): SweepListItem[] {
  return listSweeps(db).map((s) => listItem(s, sweepTasks(db, s.id)));
}

export function sweepDetail(db: Db, id: number): SweepDetail | null {
  const s = sweepById(db, id);
  if (!s) return null;
  const rows = sweepTasks(db, id);
  const spec = specOf(s);
  const trades = sweepTradeRs(db, id);
  const tasks = rows.map(taskItem);
  const setKeys = [...new Set(tasks.map((t) => t.set))];
  const selectBy: SelectMetric = spec.folds?.select_by ?? 'expectancy_r';
  const sets = setKeys.map((key) => setSummary(key, tasks.filter((t) => t.set === key), trades));
  let best: string | null = null, bestV = -Infinity;
  for (const set of sets) {
    const v = selectValue(tasks.filter((t) => t.set === set.key && t.status === 'done').flatMap((t) => (trades.get(t.id) ?? []).map((x) => x.r)), selectBy);
    if (v !== null && v > bestV) { bestV = v; best = set.key; }
  }
  const wf = spec.folds
    ? walkForward(tasks.filter((t) => t.status === 'done' && t.fold !== null)
      .map((t) => ({ set: t.set, fold: t.fold!, rs: (trades.get(t.id) ?? []).map((x) => x.r) })), setKeys, spec.folds)
    : null;
  return { sweep: listItem(s, rows), tasks, sets, best, select_by: selectBy, walk_forward: wf };
}

function specOf(s: SweepRow): SweepSpec {
  return SweepSpec.parse(JSON.parse(s.spec_json));
}

function listItem(s: SweepRow, rows: readonly SweepTaskRow[]): SweepListItem {
  const spec = specOf(s);
  return {
    id: s.id, name: s.name, timeframe: spec.timeframe, profile: spec.profile, created_at: s.created_at, finished_at: s.finished_at,
    tasks: rows.length, done: rows.filter((r) => r.status === 'done').length, failed: rows.filter((r) => r.status === 'failed').length,
    keys: Object.keys(spec.grid ?? spec.random?.params ?? {}), folds: spec.folds?.count ?? null,
  };
}

function taskItem(r: SweepTaskRow): SweepTaskItem {
  const params = JSON.parse(r.params_json) as SweepParams;
  const m = r.metrics_json ? JSON.parse(r.metrics_json) as Record<string, unknown> : null;
  return {
    id: r.id, idx: r.idx, task_hash: r.task_hash, params, set: canonicalJson(params), data_file: r.data_file, fold: r.fold,
    window: r.window_from !== null && r.window_to !== null ? [r.window_from, r.window_to] : null,
    status: r.status, error: r.error,
    metrics: m ? Object.fromEntries(SWEEP_METRICS.map((k) => [k, (m[k] ?? null) as number | [number, number] | null])) as SweepTaskItem['metrics'] : null,
  };
}

function setSummary(key: string, tasks: readonly SweepTaskItem[], trades: ReadonlyMap<number, readonly { r: number; pnl: number }[]>): ParamSetSummary {
  const done = tasks.filter((t) => t.status === 'done');
  const all = done.flatMap((t) => trades.get(t.id) ?? []);
  const rs = all.map((x) => x.r);
  const pf = selectValue(rs, 'profit_factor');
  return {
    key, params: tasks[0]!.params, tasks: done.length, trades: rs.length,
    expectancy_r: selectValue(rs, 'expectancy_r'), total_r: selectValue(rs, 'total_r') ?? 0, win_rate: selectValue(rs, 'win_rate'),
    profit_factor: pf !== null && Number.isFinite(pf) ? pf : null, pnl: all.reduce((a, x) => a + x.pnl, 0),
  };
}
