// Parameter sweeps (issue 15): a sweep, its tasks keyed by their hash, each task's metrics and trades.
// Results are idempotent: a task that is done keeps its first result (a second one is a no-op).
import type { Db, WriteDb } from './handles.ts';
import { cached as q } from './statements.ts';
import type { ReportTrade } from '../../src-shared/report.ts';
import type { SweepTaskStatus } from '../../src-shared/sweep.ts';

export interface SweepRow { id: number; key: string; name: string; spec_json: string; created_at: number; finished_at: number | null }

export interface SweepTaskRow {
  id: number; sweep_id: number; task_hash: string; idx: number; data_file: string; params_json: string;
  status: SweepTaskStatus; metrics_json: string | null; error: string | null; finished_at: number | null;
}

export type NewSweepTask = Pick<SweepTaskRow, 'task_hash' | 'idx' | 'data_file' | 'params_json'>;

/** The sweep of that key, created with its tasks (queued) the first time; a second call finds it again. */
export function openSweep(db: WriteDb, s: Omit<SweepRow, 'id' | 'finished_at'>, tasks: readonly NewSweepTask[]): SweepRow {
  return db.transaction(() => {
    const found = q(db, 'SELECT * FROM sweeps WHERE key = ?').get(s.key) as SweepRow | undefined;
    if (found) return found;
    const id = Number(q(db, 'INSERT INTO sweeps (key, name, spec_json, created_at) VALUES (?, ?, ?, ?)')
      .run(s.key, s.name, s.spec_json, s.created_at).lastInsertRowid);
    const ins = q(db, `INSERT INTO sweep_tasks (sweep_id, task_hash, idx, data_file, params_json, status) VALUES (?, ?, ?, ?, ?, 'queued')`);
    for (const t of tasks) ins.run(id, t.task_hash, t.idx, t.data_file, t.params_json);
    return q(db, 'SELECT * FROM sweeps WHERE id = ?').get(id) as SweepRow;
  })();
}

export function sweepTasks(db: Db, sweepId: number): SweepTaskRow[] {
  return q(db, 'SELECT * FROM sweep_tasks WHERE sweep_id = ? ORDER BY idx').all(sweepId) as SweepTaskRow[];
}

/** A done task of any sweep with that hash (its result can be copied, not recomputed). */
export function doneTaskByHash(db: Db, hash: string): SweepTaskRow | null {
  return (q(db, `SELECT * FROM sweep_tasks WHERE task_hash = ? AND status = 'done' ORDER BY id LIMIT 1`).get(hash) as SweepTaskRow | undefined) ?? null;
}

const TRADE_COLUMNS = ['decision_id', 'pattern', 'direction', 'path', 'p', 'size', 'entry_t', 'entry_price', 'exit_t', 'exit_price',
  'exit_kind', 'pnl', 'risk_money', 'r', 'bars'] as const satisfies readonly (keyof ReportTrade)[];

/** Records a task's result; false (nothing written) when the task is already done. */
export function saveTaskDone(db: WriteDb, taskId: number, metricsJson: string, trades: readonly ReportTrade[], at: number): boolean {
  return db.transaction(() => {
    const changed = q(db, `UPDATE sweep_tasks SET status = 'done', metrics_json = ?, error = NULL, finished_at = ? WHERE id = ? AND status != 'done'`)
      .run(metricsJson, at, taskId).changes;
    if (changed !== 1) return false;
    const ins = q(db, `INSERT INTO sweep_trades (task_id, seq, ${TRADE_COLUMNS.join(', ')}) VALUES (?, ?, ${TRADE_COLUMNS.map(() => '?').join(', ')})`);
    trades.forEach((t, i) => ins.run(taskId, i, ...TRADE_COLUMNS.map((c) => t[c])));
    return true;
  })();
}

/** Records a task's failure; false when the task is already done (a result is never replaced by a failure). */
export function saveTaskFailed(db: WriteDb, taskId: number, error: string, at: number): boolean {
  return q(db, `UPDATE sweep_tasks SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status != 'done'`)
    .run(error, at, taskId).changes === 1;
}

export function sweepTaskTrades(db: Db, taskId: number): ReportTrade[] {
  return q(db, `SELECT ${TRADE_COLUMNS.join(', ')} FROM sweep_trades WHERE task_id = ? ORDER BY seq`).all(taskId) as ReportTrade[];
}

export function finishSweep(db: WriteDb, id: number, at: number): void {
  q(db, 'UPDATE sweeps SET finished_at = ? WHERE id = ?').run(at, id);
}
