// Runs sweep tasks on N worker processes (tinypool; Node strips the types of our .ts files there as in the
// main process). Processes, not threads: measured on this 2-core machine (4 tasks of 12,000 BTC rows),
// 2 worker threads took 22.5 s against 17.4 s for 1 (the threads of one process slow each other down),
// 2 child processes 14.1 s. Each task is independent of the worker that runs it and of the order tasks
// finish in; outcomes are handed back in task order, so what is stored is the same with 1 worker or N.
import Tinypool from 'tinypool';
import type { SweepTaskResult } from '../../../src-shared/sweep.ts';
import type { TaskInput } from './run-task.ts';
import type { RunReport } from '../../../src-shared/report.ts';

export type TaskOutcome = { ok: true; value: SweepTaskResult } | { ok: false; error: string };

const WORKER = new URL('./pool-worker.ts', import.meta.url).href;

/**
 * The environment of a task process. A task's MMD stage sums on two threads when there are two cores
 * (indicators/mmd-cross.ts, the same bits either way); with several tasks at once that helper only
 * competes with the other tasks for the cores, so it is off unless one task runs alone (`mmdHelper`).
 */
export function taskEnv(mmdHelper: boolean): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  return mmdHelper ? env : { ...env, ALGOSPACE_MMD_THREADS: '1' };
}

/** Runs every input; `onDone(i, outcome)` is called for i = 0, 1, 2, … in order, as soon as each prefix is complete. */
export async function runPool(inputs: readonly TaskInput[], workers: number, onDone: (i: number, o: TaskOutcome) => void,
  o: { mmdHelper?: boolean } = {}): Promise<void> {
  if (inputs.length === 0) return;
  const threads = Math.max(1, Math.min(workers, inputs.length));
  const pool = new Tinypool({
    filename: WORKER, runtime: 'child_process', minThreads: threads, maxThreads: threads, env: taskEnv(o.mmdHelper ?? threads === 1),
  });
  const outcomes: (TaskOutcome | undefined)[] = new Array(inputs.length);
  let next = 0;
  const flush = () => {
    while (next < inputs.length && outcomes[next] !== undefined) onDone(next, outcomes[next++]!);
  };
  try {
    await Promise.all(inputs.map(async (t, i) => {
      outcomes[i] = await (pool.run(t) as Promise<SweepTaskResult>).then(
        (value): TaskOutcome => ({ ok: true, value }),
        (e: unknown): TaskOutcome => ({ ok: false, error: e instanceof Error ? e.message : String(e) }),
      );
      flush();
    }));
  } finally {
    await pool.destroy();
  }
}

/** One task's whole report, computed in a child process so that the caller (the app's main process) never blocks. */
export async function taskReportInChild(input: TaskInput): Promise<RunReport> {
  const pool = new Tinypool({ filename: WORKER, runtime: 'child_process', minThreads: 1, maxThreads: 1, env: taskEnv(true) });
  try {
    return await (pool.run(input, { name: 'report' }) as Promise<RunReport>);
  } finally {
    await pool.destroy();
  }
}
