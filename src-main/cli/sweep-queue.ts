// `sweep … --queue redis://host:port`: puts the sweep's pending tasks on the BullMQ queue (a task already
// there is not added twice; one that failed before is retried) and stores each result as a worker returns
// it. Killing this command loses nothing: the results wait in Redis, and the same command collects them.
import { Queue } from 'bullmq';
import { collect, connectRedis, enqueue, QUEUE_NAME } from '../engine/sweep/queue.ts';
import type { TaskOutcome } from '../engine/sweep/pool.ts';
import type { SweepTaskRow } from '../store/sweeps.ts';
import type { PlannedTask } from '../engine/sweep/plan.ts';

export async function runOnQueue(url: string, todo: readonly { row: SweepTaskRow; planned: PlannedTask; input: PlannedTask['input'] }[], store: (row: SweepTaskRow, o: TaskOutcome) => void): Promise<void> {
  if (todo.length === 0) return;
  const connection = connectRedis(url);
  const queue = new Queue(QUEUE_NAME, { connection });
  try {
    const { added, retried } = await enqueue(queue, todo.map((t) => ({
      hash: t.planned.hash, input: t.input, data_sha256: t.planned.data_sha256, model_sha256: t.planned.model_sha256,
    })));
    process.stderr.write(`sweep: ${added} task(s) queued, ${retried} retried, ${todo.length - added - retried} already on the queue; `
      + `start workers with: npm run cli -- worker --queue ${url}\n`);
    const byHash = new Map(todo.map((t) => [t.planned.hash, t.row]));
    let last = '';
    await collect(queue, [...byHash.keys()], (hash, o) => store(byHash.get(hash)!, o), ({ waiting, active }) => {
      const line = `sweep: queue: ${active} running, ${waiting} waiting`;
      if (line !== last) process.stderr.write(`${line}\n`);
      last = line;
    });
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
