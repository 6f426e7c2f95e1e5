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
  fold: number | null; window_from: number | null; window_to: number | null; input_json: string | null;
}

export type NewSweepTask = Pick<SweepTaskRow, 'task_hash' | 'idx' | 'data_file' | 'params_json' | 'fold' | 'window_from' | 'window_to' | 'input_json'>;

/** The sweep of that key, created with its tasks (queued) the first time; a second call finds it again. */
export function openSweep(db: WriteDb, s: Omit<SweepRow, 'id' | 'finished_at'>, tasks: readonly NewSweepTask[]): SweepRow {
  return db.transaction(() => {
    const found = q(db, 'SELECT * FROM sweeps WHERE key = ?').get(s.key) as SweepRow | undefined;
    if (found) return found;
    const id = Number(q(db, 'INSERT INTO sweeps (key, name, spec_json, created_at) VALUES (?, ?, ?, ?)')
      .run(s.key, s.name, s.spec_json, s.created_at).lastInsertRowid);
    const ins = q(db, `INSERT INTO sweep_tasks (sweep_id, task_hash, idx, data_file, params_json, fold, window_from, window_to, input_json, status)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued')`);
    for (const t of tasks) ins.run(id, t.task_hash, t.idx, t.data_file, t.params_json, t.fold, t.window_from, t.window_to, t.input_json);
    return q(db, 'SELECT * FROM sweeps WHERE id = ?').get(id) as SweepRow;
  })();
}

export function listSweeps(db: Db): SweepRow[] {
  return q(db, 'SELECT * FROM sweeps ORDER BY id DESC').all() as SweepRow[];
}

export function sweepById(db: Db, id: number): SweepRow | null {
  return (q(db, 'SELECT * FROM sweeps WHERE id = ?').get(id) as SweepRow | undefined) ?? null;
}

export function sweepTaskById(db: Db, id: number): SweepTaskRow | null {
  return (q(db, 'SELECT * FROM sweep_tasks WHERE id = ?').get(id) as SweepTaskRow | undefined) ?? null;
}

/** R multiple of every stored trade of a sweep's done tasks, by task id, in trade order. */
export function sweepTradeRs(db: Db, sweepId: number): Map<number, { r: number; pnl: number }[]> {
  const rows = q(db, `SELECT t.task_id, t.r, t.pnl FROM sweep_trades t JOIN sweep_tasks k ON k.id = t.task_id
    WHERE k.sweep_id = ? ORDER BY t.task_id, t.seq`).all(sweepId) as { task_id: number; r: number; pnl: number }[];
  const out = new Map<number, { r: number; pnl: number }[]>();
  for (const x of rows) {
    let a = out.get(x.task_id);
    if (!a) out.set(x.task_id, a = []);
    a.push({ r: x.r, pnl: x.pnl });
  }
  return out;
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
