// The sweep section of `npm run bench`: the same sweep (3 targets × 2 slices of the BTC perpetual's 1-minute
// file, 12,000 rows each, active profile, 5m steps) run on 1 and on 2 local worker processes, and, where
// redis-server is installed, on 2 BullMQ workers (separate processes on a redis of its own on loopback).
// Tasks run one thread each (the MMD helper off), and once more on 1 worker with it on: what a task alone gets.
// Tasks per second and the ratio 2 workers / 1 worker, in the same run; the outcomes are compared too.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { loadSweep } from '../engine/sweep/load.ts';
import { planSweep, type PlannedTask } from '../engine/sweep/plan.ts';
import { runPool, type TaskOutcome } from '../engine/sweep/pool.ts';
import { collect, connectRedis, enqueue, QUEUE_NAME } from '../engine/sweep/queue.ts';
import { startLocalRedis } from './local-redis.ts';

const CLI = fileURLToPath(new URL('./main.ts', import.meta.url));
const ROWS = 12_000;

export interface SweepBench { results: Record<string, unknown>; rows: [string, number][] }

export async function benchSweep(dataDir: string, log: (s: string) => void): Promise<SweepBench> {
  const dir = mkdtempSync(join(tmpdir(), 'algospace-bench-sweep-'));
  try {
    const tasks = await plan(dataDir, dir);
    const inputs = tasks.map((t) => t.input);
    log(`bench: sweep: ${tasks.length} tasks on 1 worker with the MMD helper thread (a task alone uses both cores)…`);
    const alone = await timed(() => local(inputs, 1, true));
    log('bench: sweep: on 1 worker, one thread per task…');
    const one = await timed(() => local(inputs, 1, false));
    log('bench: sweep: on 2 workers, one thread per task…');
    const two = await timed(() => local(inputs, 2, false));
    const queued = await bullmq(tasks, log);
    if (queued && JSON.stringify(queued.value) !== JSON.stringify(one.value)) {
      queued.value.forEach((o, i) => { if (JSON.stringify(o) !== JSON.stringify(one.value[i])) log(`bench: sweep: task ${i} differs on BullMQ: ${JSON.stringify(o).slice(0, 300)} vs ${JSON.stringify(one.value[i]).slice(0, 300)}`); });
    }
    const perS = (s: number) => tasks.length / s;
    const results: Record<string, unknown> = {
      sweep_tasks: tasks.length,
      sweep_tasks_per_s_1_worker: round(perS(one.s)),
      sweep_tasks_per_s_2_workers: round(perS(two.s)),
      sweep_scaling_2_over_1: round(one.s / two.s),
      sweep_tasks_per_s_1_worker_mmd_helper: round(perS(alone.s)),
      sweep_2_workers_over_1_with_helper: round(alone.s / two.s),
      sweep_identical_1_and_2_workers: JSON.stringify(one.value) === JSON.stringify(two.value) && JSON.stringify(alone.value) === JSON.stringify(one.value),
      sweep_tasks_per_s_bullmq_2_workers: queued ? round(perS(queued.s)) : null,
      sweep_bullmq_over_local_2: queued ? round(two.s / queued.s) : null,
      sweep_identical_bullmq_and_local: queued ? JSON.stringify(queued.value) === JSON.stringify(one.value) : null,
    };
    const rows: [string, number][] = [
      [`sweep: ${tasks.length} tasks, 1 local worker (tasks/s)`, perS(one.s)],
      ['sweep: 2 local workers (tasks/s)', perS(two.s)],
      ['sweep: scaling 2 workers / 1', one.s / two.s],
      ['sweep: 1 worker, MMD on 2 threads (tasks/s)', perS(alone.s)],
      ['sweep: 2 workers / 1 worker with MMD on 2 threads', alone.s / two.s],
      ...(queued ? [['sweep: 2 BullMQ workers (tasks/s)', perS(queued.s)] as [string, number]] : []),
    ];
    if (!queued) log('bench: sweep: redis-server not installed, the BullMQ row is skipped');
    return { results, rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function plan(dataDir: string, dir: string): Promise<PlannedTask[]> {
  const lines = readFileSync(join(dataDir, 'nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'), 'utf8').split('\n');
  writeFileSync(join(dir, 'btc-perp-a.csv'), [lines[0], ...lines.slice(1, 1 + ROWS)].join('\n') + '\n');
  writeFileSync(join(dir, 'btc-perp-b.csv'), [lines[0], ...lines.slice(1 + ROWS, 1 + 2 * ROWS)].join('\n') + '\n');
  writeFileSync(join(dir, 'config.yaml'), 'risk:\n  fx_rates: {USDT: 1}\n');
  writeFileSync(join(dir, 'sweep.yaml'), ['name: bench', 'timeframe: 5m', 'profile: active', 'instrument: BTC-PERP', 'config: config.yaml',
    'data: [btc-perp-a.csv, btc-perp-b.csv]', 'grid:\n  risk.target_rr: [1.5, 2, 2.5]', ''].join('\n'));
  return (await planSweep(loadSweep(join(dir, 'sweep.yaml')))).tasks;
}

async function local(inputs: PlannedTask['input'][], workers: number, mmdHelper: boolean): Promise<TaskOutcome[]> {
  const out: TaskOutcome[] = [];
  await runPool(inputs, workers, (i, o) => { out[i] = o; }, { mmdHelper });
  return out;
}

/** 2 `worker` processes on a redis-server of its own; null when redis-server is not installed. */
async function bullmq(tasks: readonly PlannedTask[], log: (s: string) => void): Promise<{ s: number; value: TaskOutcome[] } | null> {
  const redis = await startLocalRedis();
  if (!redis) return null;
  const connection = connectRedis(redis.url);
  const queue = new Queue(QUEUE_NAME, { connection });
  try {
    log('bench: sweep: on 2 BullMQ workers…');
    const workers = [0, 1].map(() => spawn(process.execPath, [CLI, 'worker', '--queue', redis.url, '--concurrency', '1'],
      { stdio: 'ignore', env: { ...process.env, ALGOSPACE_MMD_THREADS: '1' } }));
    const byHash = new Map(tasks.map((t, i) => [t.hash, i]));
    const r = await timed(async () => {
      const out: TaskOutcome[] = [];
      await enqueue(queue, tasks.map((t) => ({ hash: t.hash, input: t.input, data_sha256: t.data_sha256, model_sha256: t.model_sha256 })));
      await collect(queue, [...byHash.keys()], (h, o) => { out[byHash.get(h)!] = o; }, undefined, 50);
      return out;
    });
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((done) => (w.exitCode !== null ? done(null) : w.once('exit', done)))));
    return r;
  } finally {
    await queue.close();
    connection.disconnect();
    await redis.stop();
  }
}

async function timed<T>(f: () => Promise<T>): Promise<{ s: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { s: (performance.now() - t0) / 1000, value };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
