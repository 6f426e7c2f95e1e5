// A sweep worker on any machine that can read the data: takes task jobs from the BullMQ queue and runs each
// in a child process (our tinypool pool), so this process's event loop stays free to renew the job's lock
// while the kernel runs. A worker killed mid-task stops renewing: after the lock runs out BullMQ's stalled
// check (in any live worker) puts the job back, and another worker runs it from the start (a task is
// deterministic, so the retried result is the same).
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import Tinypool from 'tinypool';
import { taskEnv } from './pool.ts';
import type { SweepTaskResult } from '../../../src-shared/sweep.ts';
import { sha256File } from '../ingest/import-file.ts';
import { connectRedis, QUEUE_NAME, type QueuedTask } from './queue.ts';
import { parseStoredRef, storedRef, withDataFile } from './stored-source.ts';
import type { TaskInput } from './run-task.ts';

const POOL_WORKER = new URL('./pool-worker.ts', import.meta.url).href;

export interface WorkerOptions {
  url: string;
  /** tasks at once (child processes) */
  concurrency: number;
  /** the job lock: a killed worker's task is retried this long after it last renewed */
  lockMs: number;
  /** where to look for a data or model file (by base name) when the task's path does not exist here */
  dataDir: string | null;
  log: (line: string) => void;
}

export interface RunningWorker {
  /** resolves when the worker has closed (after `close()`) */
  close(): Promise<void>;
  /** true while no job is waiting, delayed or active in the queue */
  idle(): Promise<boolean>;
  /** tasks this worker finished (ok or failed) */
  readonly finished: number;
}

export function startWorker(o: WorkerOptions): RunningWorker {
  const connection = connectRedis(o.url);
  const pool = new Tinypool({
    filename: POOL_WORKER, runtime: 'child_process', minThreads: 1, maxThreads: o.concurrency, // one task at a time may use the MMD helper thread; several workers on one machine: ALGOSPACE_MMD_THREADS=1
    env: taskEnv(o.concurrency === 1),
  });
  const queue = new Queue(QUEUE_NAME, { connection });
  let finished = 0;
  const worker = new Worker<QueuedTask, SweepTaskResult>(QUEUE_NAME, async (job) => runJob(job, pool, o), {
    connection, concurrency: o.concurrency, lockDuration: o.lockMs, stalledInterval: Math.max(1000, Math.floor(o.lockMs / 2)), maxStalledCount: 2,
  });
  worker.on('completed', (job) => { finished++; o.log(`worker: task ${job.id!.slice(0, 12)} done (${job.returnvalue.metrics.trades} trades)`); });
  worker.on('failed', (job, e) => { finished++; o.log(`worker: task ${job?.id?.slice(0, 12) ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${e.message}`); });
  worker.on('error', (e) => o.log(`worker: ${e.message}`));
  return {
    get finished() { return finished; },
    async idle() {
      const c = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'waiting-children');
      return Object.values(c).every((n) => n === 0);
    },
    async close() {
      await worker.close();
      await queue.close();
      await pool.destroy();
      connection.disconnect();
    },
  };
}

async function runJob(job: Job<QueuedTask, SweepTaskResult>, pool: Tinypool, o: WorkerOptions): Promise<SweepTaskResult> {
  const q = job.data;
  o.log(`worker: task ${q.hash.slice(0, 12)} started (attempt ${job.attemptsMade + 1})`);
  const input: TaskInput = {
    ...q.input, data: await located(q.input.data, q.data_sha256, o.dataDir),
    model: q.input.model === null ? null : await located(q.input.model, q.model_sha256!, o.dataDir),
  };
  return pool.run(input) as Promise<SweepTaskResult>;
}

/**
 * The data here with the content the task was planned on: the file at its path, or its base name under
 * --data-dir; for a stored instrument, the database found the same way, holding the same rows.
 */
async function located(data: string, sha: string, dataDir: string | null): Promise<string> {
  const ref = parseStoredRef(data);
  const path = ref ? ref.db : data;
  const candidates = [path, ...(dataDir ? [join(dataDir, basename(path))] : [])];
  for (const p of candidates) {
    if (!existsSync(p)) continue;
    const here = ref ? storedRef(p, ref.symbol) : p;
    if ((await withDataFile(here, sha256File)) === sha) return here;
    throw new UnrecoverableError(`${p}: this worker's copy differs from the ${ref ? `rows of ${ref.symbol}` : 'file'} the sweep was planned on (sha256 ${sha.slice(0, 12)}…)`);
  }
  throw new Error(`${path}: not on this machine${dataDir ? ` (nor ${basename(path)} under ${dataDir})` : ' (give --data-dir <folder> holding it)'}`);
}
