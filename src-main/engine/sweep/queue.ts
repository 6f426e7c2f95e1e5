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

/** Adds the tasks that are not in the queue yet; a task whose job failed before is retried. */
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
      if (j && (await j.getState()) === 'failed') { await j.retry('failed'); retried++; }
    }
  }
  return { added, retried };
}

/**
 * Waits for every task's job to finish and hands each outcome over once, as it comes (any order). A job
 * that failed all its attempts is an outcome too; a job that disappears (the queue was emptied) is an error.
 */
export async function collect(queue: Queue, hashes: readonly string[], onDone: (hash: string, o: TaskOutcome) => void,
  onTick?: (counts: { waiting: number; active: number }) => void, pollMs = 300): Promise<void> {
  const left = new Set(hashes);
  while (left.size) {
    const ids = [...left];
    const jobs = await Promise.all(ids.map((h) => Job.fromId(queue, h)));
    let active = 0, waiting = 0;
    for (let k = 0; k < ids.length; k++) {
      const j = jobs[k];
      if (!j) throw new Error(`task ${ids[k]!.slice(0, 12)}: its job is no longer in the queue (was the queue emptied?); run the sweep again to re-enqueue it`);
      const state = await j.getState();
      if (state === 'completed') {
        left.delete(ids[k]!);
        onDone(ids[k]!, { ok: true, value: j.returnvalue as SweepTaskResult });
      } else if (state === 'failed') { // final: a job with attempts left waits (delayed) instead
        left.delete(ids[k]!);
        onDone(ids[k]!, { ok: false, error: j.failedReason || 'failed' });
      } else if (state === 'active') active++;
      else waiting++;
    }
    onTick?.({ waiting, active });
    if (left.size) await new Promise((r) => setTimeout(r, pollMs));
  }
}
