// `sweep <sweep.yaml> --db <path> [--workers N] [--queue redis://host:port] [--parquet <dir>]`: runs every task
// of a sweep file (a grid or a seeded random sample of config keys × data files × walk-forward folds;
// src-shared/sweep.ts), one deterministic kernel run each, and stores each task's report metrics and trades
// under its hash. Locally the tasks run on N worker processes; with --queue they are put on a BullMQ queue
// and run by `worker` processes on any machine, this command waiting for their results. Run the same command
// after a kill and only the tasks without a result run (a task done in any sweep of the database is copied).
// Progress and failures on stderr; a table of the tasks on stdout. Exit 0 all done, 1 a task failed,
// 2 bad usage or an invalid sweep file (nothing runs).
import { availableParallelism } from 'node:os';
import { parseArgs, str, UsageError } from './args.ts';
import { Refusal } from './file-args.ts';
import { sweepTable } from './sweep-table.ts';
import { sweepSummary } from './sweep-summary.ts';
import { openDb, closeDb, type WriteDb } from '../store/db.ts';
import {
  doneTaskByHash, finishSweep, openSweep, saveTaskDone, saveTaskFailed, sweepTasks, sweepTaskTrades, type NewSweepTask, type SweepTaskRow,
} from '../store/sweeps.ts';
import { loadSweep } from '../engine/sweep/load.ts';
import { SweepError } from '../engine/sweep/expand.ts';
import { planSweep, type PlannedTask, type SweepPlan } from '../engine/sweep/plan.ts';
import { runPool, type TaskOutcome } from '../engine/sweep/pool.ts';

export async function runSweep(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['db', 'workers', 'queue', 'parquet']);
  const file = a.positionals[0];
  if (!file || a.positionals.length > 1) throw new UsageError('sweep takes exactly one sweep file');
  const dbPath = str(a, 'db');
  if (!dbPath) throw new UsageError('sweep needs --db <path>');
  const w = str(a, 'workers');
  const workers = w === undefined ? availableParallelism() : Number(w);
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers must be a whole number ≥ 1, got '${w}'`);
  const queue = str(a, 'queue');
  if (queue !== undefined && !/^rediss?:\/\/./.test(queue)) throw new UsageError(`--queue must be a redis://host:port URL, got '${queue}'`);

  const plan = await planOrRefuse(file);
  const t0 = performance.now();
  const db = openDb(dbPath);
  try {
    const sweep = openSweep(db, { key: plan.key, name: plan.name, spec_json: plan.specJson, created_at: Date.now() }, plan.tasks.map(newTask));
    const rows = sweepTasks(db, sweep.id);
    const todo = pendingAfterReuse(db, rows, plan.tasks);
    const total = rows.length;
    let done = total - todo.length, failed = 0;
    const where = queue ? `the queue ${queue}` : `${Math.min(workers, Math.max(todo.length, 1))} worker(s)`;
    process.stderr.write(`sweep: ${sweep.name} (sweep ${sweep.id}): ${total} tasks${plan.repeats ? ` (${plan.repeats} repeats dropped)` : ''}, `
      + `${done} already done, ${todo.length} to run on ${where}\n`);
    const store = (row: SweepTaskRow, o: TaskOutcome) => {
      if (o.ok) {
        saveTaskDone(db, row.id, JSON.stringify(o.value.metrics), o.value.trades, Date.now());
        done++;
      } else {
        saveTaskFailed(db, row.id, o.error, Date.now());
        failed++;
        process.stderr.write(`sweep: task ${row.idx} failed: ${o.error}\n`);
      }
      process.stderr.write(`sweep: ${done}/${total} done${failed ? `, ${failed} failed` : ''}\n`);
    };
    if (queue) await (await import('./sweep-queue.ts')).runOnQueue(queue, todo, store);
    else await runPool(todo.map((t) => t.input), workers, (i, o) => store(todo[i]!.row, o));
    if (!failed) finishSweep(db, sweep.id, Date.now());
    process.stdout.write(sweepTable(sweepTasks(db, sweep.id)));
    process.stdout.write(`sweep ${sweep.id}\n`);
    process.stderr.write(`sweep: ${todo.length} task(s) run in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
    for (const line of sweepSummary(db, sweep.id)) process.stderr.write(`${line}\n`);
    const dir = str(a, 'parquet');
    if (dir) await (await import('./sweep-parquet.ts')).writeParquet(db, sweep.id, dir);
    return failed ? 1 : 0;
  } finally {
    closeDb(db);
  }
}

/** A planned task as stored: with its whole input, so that any worker (or the app) can run it again. */
function newTask(t: PlannedTask): NewSweepTask {
  return {
    task_hash: t.hash, idx: t.task.idx, data_file: t.task.data, params_json: JSON.stringify(t.task.params),
    fold: t.fold, window_from: t.input.window?.[0] ?? null, window_to: t.input.window?.[1] ?? null, input_json: JSON.stringify(t.input),
  };
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

export interface PendingTask { row: SweepTaskRow; planned: PlannedTask; input: PlannedTask['input'] }

/** Tasks without a result; one already done under the same hash (another sweep) is copied, not run. */
function pendingAfterReuse(db: WriteDb, rows: readonly SweepTaskRow[], tasks: readonly PlannedTask[]): PendingTask[] {
  const byHash = new Map(tasks.map((t) => [t.hash, t]));
  const out: PendingTask[] = [];
  for (const row of rows) {
    if (row.status === 'done') continue;
    const prior = doneTaskByHash(db, row.task_hash);
    if (prior) saveTaskDone(db, row.id, prior.metrics_json!, sweepTaskTrades(db, prior.id), Date.now());
    else {
      const planned = byHash.get(row.task_hash)!;
      out.push({ row, planned, input: planned.input });
    }
  }
  return out;
}
