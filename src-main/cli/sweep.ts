// `sweep <sweep.yaml> --db <path> [--workers N]`: runs every task of a sweep file (a grid or a seeded random
// sample of config keys × data files; src-shared/sweep.ts) on N worker threads, one deterministic kernel
// run each, and stores each task's report metrics and trades under its hash. Run the same command after
// a kill and only the tasks without a result run (a task done in any sweep of the database is copied).
// Progress and failures on stderr; a table of the tasks on stdout. Exit 0 all done, 1 a task failed,
// 2 bad usage or an invalid sweep file (nothing runs).
import { availableParallelism } from 'node:os';
import { parseArgs, str, UsageError } from './args.ts';
import { Refusal } from './file-args.ts';
import { openDb, closeDb, type WriteDb } from '../store/db.ts';
import { doneTaskByHash, finishSweep, openSweep, saveTaskDone, saveTaskFailed, sweepTasks, sweepTaskTrades, type SweepTaskRow } from '../store/sweeps.ts';
import { loadSweep } from '../engine/sweep/load.ts';
import { SweepError } from '../engine/sweep/expand.ts';
import { planSweep, type PlannedTask, type SweepPlan } from '../engine/sweep/plan.ts';
import { runPool } from '../engine/sweep/pool.ts';
import type { SweepMetrics } from '../../src-shared/sweep.ts';

export async function runSweep(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['db', 'workers']);
  const file = a.positionals[0];
  if (!file || a.positionals.length > 1) throw new UsageError('sweep takes exactly one sweep file');
  const dbPath = str(a, 'db');
  if (!dbPath) throw new UsageError('sweep needs --db <path>');
  const w = str(a, 'workers');
  const workers = w === undefined ? availableParallelism() : Number(w);
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers must be a whole number ≥ 1, got '${w}'`);

  const plan = await planOrRefuse(file);
  const t0 = performance.now();
  const db = openDb(dbPath);
  try {
    const sweep = openSweep(db, { key: plan.key, name: plan.name, spec_json: plan.specJson, created_at: Date.now() }, plan.tasks.map((t) => ({
      task_hash: t.hash, idx: t.task.idx, data_file: t.task.data, params_json: JSON.stringify(t.task.params),
    })));
    const rows = sweepTasks(db, sweep.id);
    const todo = pendingAfterReuse(db, rows, plan.tasks);
    const total = rows.length;
    let done = total - todo.length, failed = 0;
    process.stderr.write(`sweep: ${sweep.name} (sweep ${sweep.id}): ${total} tasks${plan.repeats ? ` (${plan.repeats} repeats dropped)` : ''}, `
      + `${done} already done, ${todo.length} to run on ${Math.min(workers, Math.max(todo.length, 1))} worker(s)\n`);
    await runPool(todo.map((t) => t.input), workers, (i, o) => {
      const row = todo[i]!.row;
      if (o.ok) {
        saveTaskDone(db, row.id, JSON.stringify(o.value.metrics), o.value.trades, Date.now());
        done++;
      } else {
        saveTaskFailed(db, row.id, o.error, Date.now());
        failed++;
        process.stderr.write(`sweep: task ${row.idx} failed: ${o.error}\n`);
      }
      process.stderr.write(`sweep: ${done}/${total} done${failed ? `, ${failed} failed` : ''}\n`);
    });
    if (!failed) finishSweep(db, sweep.id, Date.now());
    process.stdout.write(table(sweepTasks(db, sweep.id)));
    process.stdout.write(`sweep ${sweep.id}\n`);
    process.stderr.write(`sweep: ${todo.length} task(s) run in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
    return failed ? 1 : 0;
  } finally {
    closeDb(db);
  }
}

/** The loaded and checked sweep; a bad file, key, value, data file or model refuses it (exit 2). */
async function planOrRefuse(file: string): Promise<SweepPlan & { name: string; specJson: string }> {
  try {
    const loaded = loadSweep(file);
    return { ...(await planSweep(loaded)), name: loaded.spec.name, specJson: JSON.stringify(loaded.spec) };
  } catch (e) {
    if (e instanceof SweepError) throw new Refusal(`sweep: ${e.message}`);
    throw e;
  }
}

/** Tasks without a result; one already done under the same hash (another sweep) is copied, not run. */
function pendingAfterReuse(db: WriteDb, rows: readonly SweepTaskRow[], tasks: readonly PlannedTask[]): { row: SweepTaskRow; input: PlannedTask['input'] }[] {
  const byHash = new Map(tasks.map((t) => [t.hash, t]));
  const out: { row: SweepTaskRow; input: PlannedTask['input'] }[] = [];
  for (const row of rows) {
    if (row.status === 'done') continue;
    const prior = doneTaskByHash(db, row.task_hash);
    if (prior) saveTaskDone(db, row.id, prior.metrics_json!, sweepTaskTrades(db, prior.id), Date.now());
    else out.push({ row, input: byHash.get(row.task_hash)!.input });
  }
  return out;
}

const COLUMNS = ['idx', 'params', 'data', 'status', 'trades', 'expectancy_r', 'profit_factor', 'max_dd_pct', 'value_added_r'];

/** One row per task, in expansion order; tab-separated so it pastes into a sheet. */
function table(rows: readonly SweepTaskRow[]): string {
  const num = (v: unknown, d: number) => (typeof v === 'number' ? v.toFixed(d) : '-');
  const lines = rows.map((r) => {
    const m = (r.metrics_json ? JSON.parse(r.metrics_json) : {}) as Partial<SweepMetrics>;
    const params = Object.entries(JSON.parse(r.params_json) as Record<string, unknown>).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
    return [r.idx, params, r.data_file.split(/[\\/]/).at(-1), r.status, m.trades ?? '-', num(m.expectancy_r, 3), num(m.profit_factor, 2),
      num(m.max_drawdown_pct, 2), num(m.decision_value_added_r, 3)].join('\t');
  });
  return `${[COLUMNS.join('\t'), ...lines].join('\n')}\n`;
}
