// Sweep tasks across machines on BullMQ (Redis). A job is one task: its id is the task's hash, so adding a
// task twice is a no-op and a result is found again by the hash; its data is the task's whole input plus
// the content hashes of the data and model files, which a worker checks before it runs anything (a worker
// whose copy of a file differs refuses the task instead of storing a result for other data).
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { SweepTaskResult } from '../../../src-shared/sweep.ts';
import type { TaskInput } from './run-task.ts';
import type { TaskOutcome } from './pool.ts';

export const QUEUE_NAME = 'algospace-sweep';

export interface QueuedTask {
  hash: string;
  input: TaskInput;
  /** sha256 of input.data */
  data_sha256: string;
  /** sha256 of input.model; null: the rule path */
  model_sha256: string | null;
}

/** A Redis connection for BullMQ: `redis://host:port[/db]`; a bad URL is a usage error, said before connecting. */
export function connectRedis(url: string): Redis {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--queue must be a redis://host:port URL, got '${url}'`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`--queue must be a redis://host:port URL, got '${url}'`);
  // BullMQ's blocking commands need maxRetriesPerRequest null; a lost server is retried, not fatal
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/** Adds the tasks that are not in the queue yet; a task whose job failed (or completed without a result) is retried. */
export async function enqueue(queue: Queue, tasks: readonly QueuedTask[]): Promise<{ added: number; retried: number }> {
  let added = 0, retried = 0;
  for (let i = 0; i < tasks.length; i += 500) {
    const batch = tasks.slice(i, i + 500);
    const found = await Promise.all(batch.map((t) => Job.fromId(queue, t.hash)));
    const fresh = batch.filter((_, k) => !found[k]);
    await queue.addBulk(fresh.map((t) => ({
      name: 'task', data: t,
      opts: { jobId: t.hash, attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: false, removeOnFail: false },
    })));
    added += fresh.length;
    for (const j of found) {
      const state = j ? await j.getState() : null;
      if (state === 'failed') { await j!.retry('failed'); retried++; }
      else if (state === 'completed' && !hasResult(j!)) { await j!.retry('completed'); retried++; }
    }
  }
  return { added, retried };
}

/**
 * Waits for every task's job to finish and hands each outcome over once, as it comes (any order). A job
 * that failed all its attempts is an outcome too; a job that disappears (the queue was emptied) is an error.
 * The state is read before the job: a job read first and found completed a moment later would still carry
 * the snapshot from before its result was written (returnvalue null).
 */
export async function collect(queue: Queue, hashes: readonly string[], onDone: (hash: string, o: TaskOutcome) => void,
  onTick?: (counts: { waiting: number; active: number }) => void, pollMs = 300): Promise<void> {
  const left = new Set(hashes);
  while (left.size) {
    const ids = [...left];
    const states = await Promise.all(ids.map((h) => queue.getJobState(h)));
    let active = 0, waiting = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!, state = states[k]!;
      if (state === 'unknown') throw new Error(`task ${id.slice(0, 12)}: its job is no longer in the queue (was the queue emptied?); run the sweep again to re-enqueue it`);
      if (state === 'completed' || state === 'failed') { // final: a job with attempts left waits (delayed) instead
        left.delete(id);
        onDone(id, await finalOutcome(queue, id, state));
      } else if (state === 'active') active++;
      else waiting++;
    }
    onTick?.({ waiting, active });
    if (left.size) await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** The outcome of a job known to be completed or failed; a completed job without a result is a failure said in words. */
async function finalOutcome(queue: Queue, id: string, state: 'completed' | 'failed'): Promise<TaskOutcome> {
  const j = await Job.fromId(queue, id);
  if (!j) throw new Error(`task ${id.slice(0, 12)}: its job is no longer in the queue (was the queue emptied?); run the sweep again to re-enqueue it`);
  if (state === 'failed') return { ok: false, error: j.failedReason || 'failed' };
  return hasResult(j) ? { ok: true, value: j.returnvalue as SweepTaskResult }
    : { ok: false, error: 'the queue marks the task completed but holds no result for it; run the sweep again to retry it' };
}

const hasResult = (j: Job): boolean => j.returnvalue !== null && typeof j.returnvalue === 'object';

