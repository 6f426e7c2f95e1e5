// The queue collection of `sweep --queue` against a real redis-server: an outcome is read from the job as it
// is once final (state first, then the job), and a job that completed without a result is a failure in
// words, retried by the next enqueue, never a crash on `null.metrics` (a clean CI run once died that way).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Queue, Worker } from 'bullmq';
import { startRedis, type TestRedis } from '../../helpers/redis.ts';
import { collect, connectRedis, enqueue, type QueuedTask } from '../../../src-main/engine/sweep/queue.ts';
import type { TaskOutcome } from '../../../src-main/engine/sweep/pool.ts';

let redis: TestRedis;
beforeAll(async () => { redis = await startRedis(); }, 60_000);
afterAll(async () => { await redis?.stop(); });

const task = (hash: string): QueuedTask => ({ hash, input: {} as QueuedTask['input'], data_sha256: 'x', model_sha256: null });

async function withQueue(name: string, body: (q: Queue, w: (fn: (hash: string) => unknown) => Worker) => Promise<void>): Promise<void> {
  const conn = connectRedis(redis.url);
  const q = new Queue(name, { connection: conn });
  const workers: Worker[] = [];
  try {
    await body(q, (fn) => {
      const w = new Worker(name, async (job) => fn(job.id!), { connection: connectRedis(redis.url) });
      workers.push(w);
      return w;
    });
  } finally {
    for (const w of workers) await w.close();
    await q.obliterate({ force: true });
    await q.close();
    conn.disconnect();
  }
}

describe('sweep queue collect', () => {
  it('hands over each result once, whatever moment its job completes between two polls', async () => {
    await withQueue('collect-race', async (q, work) => {
      const hashes = Array.from({ length: 40 }, (_, i) => `h${i}`);
      await enqueue(q, hashes.map(task));
      // results land while collect polls every 1 ms, so jobs complete between its reads again and again
      work(async (id) => { await new Promise((r) => setTimeout(r, Math.random() * 5)); return { metrics: { id }, trades: [] }; });
      const got = new Map<string, TaskOutcome>();
      await collect(q, hashes, (h, o) => { expect(got.has(h)).toBe(false); got.set(h, o); }, undefined, 1);
      expect(got.size).toBe(40);
      for (const h of hashes) expect(got.get(h)).toEqual({ ok: true, value: { metrics: { id: h }, trades: [] } });
    });
  }, 60_000);

  it('a job completed without a result is a failure said in words, and the next enqueue retries it', async () => {
    await withQueue('collect-null', async (q, work) => {
      await enqueue(q, [task('empty')]);
      let calls = 0;
      const w = work(() => (++calls === 1 ? null : { metrics: { again: true }, trades: [] }));
      const got: TaskOutcome[] = [];
      await collect(q, ['empty'], (_, o) => got.push(o), undefined, 20);
      expect(got).toEqual([{ ok: false, error: expect.stringMatching(/completed but holds no result/) }]);
      expect(await enqueue(q, [task('empty')])).toEqual({ added: 0, retried: 1 });
      await collect(q, ['empty'], (_, o) => got.push(o), undefined, 20);
      expect(got[1]).toEqual({ ok: true, value: { metrics: { again: true }, trades: [] } });
      expect(calls).toBe(2);
      await w.close();
    });
  }, 60_000);
});
