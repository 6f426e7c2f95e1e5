// `sweep --queue` and `worker` on BullMQ with a real redis-server of the test's own (issue 15):
// - two workers, one SIGKILLed while it runs a task: its task is retried by the other after the lock runs
//   out, and the finished sweep equals the local one (`--workers 1`) task for task, byte for byte;
// - results are keyed by the task hash: the same command again runs nothing, and a sweep into a fresh
//   database collects the results already in the queue without any worker;
// - a worker whose copy of the data differs from what the sweep was planned on refuses the task, and the
//   sweep says so (exit 1, the file named on stderr).
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { dataFile } from '../../helpers/data.ts';
import { startRedis, type TestRedis } from '../../helpers/redis.ts';
import { openDb, closeDb } from '../../../src-main/store/db.ts';
import { sweepTasks, sweepTaskTrades } from '../../../src-main/store/sweeps.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });

interface Proc { p: ChildProcess; err: () => string; exit: Promise<number | null> }
/** every process a test started: one left running by a failed test would take the next test's task */
const started: ChildProcess[] = [];
function start(args: string[], detached = false): Proc {
  const p = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached });
  started.push(p);
  let err = '';
  p.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  p.stdout!.resume();
  return { p, err: () => err, exit: new Promise((done) => p.on('exit', (code) => done(code))) };
}
async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** every task (metrics as stored) and its trades, in task order */
function stored(db: string): string {
  const h = openDb(db);
  try {
    return JSON.stringify(sweepTasks(h, 1).map((r) => ({ ...r, finished_at: null, trades: sweepTaskTrades(h, r.id) })));
  } finally {
    closeDb(h);
  }
}

let dir: string, redis: TestRedis;
const worker = (extra: string[] = []) => ['worker', '--queue', redis.url, '--concurrency', '1', '--lock-ms', '3000', '--exit-when-idle', ...extra];

beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'algospace-sweep-queue-'));
  const lines = readFileSync(dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'), 'utf8').split('\n');
  writeFileSync(join(dir, 'btc-perp-a.csv'), [lines[0], ...lines.slice(1, 9001)].join('\n') + '\n');
  writeFileSync(join(dir, 'btc-perp-b.csv'), [lines[0], ...lines.slice(9001, 15001)].join('\n') + '\n');
  writeFileSync(join(dir, 'config.yaml'), 'risk:\n  fx_rates: {USDT: 1}\n');
  const common = ['timeframe: 5m', 'profile: active', 'instrument: BTC-PERP', 'config: config.yaml'];
  writeFileSync(join(dir, 'sweep.yaml'), ['name: queued', ...common, 'data: [btc-perp-a.csv]', 'grid:\n  risk.target_rr: [1.5, 2.5]', 'folds: {count: 3}', ''].join('\n'));
  writeFileSync(join(dir, 'other.yaml'), ['name: other', ...common, 'data: [btc-perp-b.csv]', 'grid:\n  risk.target_rr: [2]', ''].join('\n'));
  const local = cli('sweep', join(dir, 'sweep.yaml'), '--db', join(dir, 'local.db'), '--workers', '1');
  if (local.status !== 0) throw new Error(local.stderr);
}, 180_000);
afterEach(() => {
  for (const p of started.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
});
afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('cli sweep --queue (BullMQ)', () => {
  it('a worker killed mid-task: its task is retried elsewhere, and the sweep equals the local one task for task', async () => {
    const sweep = start(['sweep', join(dir, 'sweep.yaml'), '--db', join(dir, 'queued.db'), '--queue', redis.url]);
    await until(() => /6 task\(s\) queued/.test(sweep.err()), 60_000, 'the tasks to be queued');
    const a = start(worker(), true);
    await until(() => /task (\w+) started/.test(a.err()), 60_000, 'worker A to start a task');
    const killed = /task (\w+) started/.exec(a.err())![1]!;
    process.kill(-a.p.pid!, 'SIGKILL'); // the worker and its task process
    await a.exit;
    const b = start(worker());
    expect(await sweep.exit, sweep.err()).toBe(0);
    expect(await b.exit, b.err()).toBe(0);
    expect(b.err()).toContain(`task ${killed} started`);
    expect(a.err()).not.toContain(`task ${killed} done`);
    expect(stored(join(dir, 'queued.db'))).toBe(stored(join(dir, 'local.db')));
  }, 180_000);

  it('results are keyed by task hash: again runs nothing; a fresh database collects them from the queue', () => {
    const again = cli('sweep', join(dir, 'sweep.yaml'), '--db', join(dir, 'queued.db'), '--queue', redis.url);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/6 tasks, 6 already done, 0 to run/);
    // no worker runs now: the results come from the completed jobs
    const fresh = cli('sweep', join(dir, 'sweep.yaml'), '--db', join(dir, 'fresh.db'), '--queue', redis.url);
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(fresh.stderr).toMatch(/0 task\(s\) queued, 0 retried, 6 already on the queue/);
    expect(stored(join(dir, 'fresh.db'))).toBe(stored(join(dir, 'local.db')));
  }, 120_000);

  it('a worker whose data differs from the planned file refuses the task; the sweep shows the failure', async () => {
    const sweep = start(['sweep', join(dir, 'other.yaml'), '--db', join(dir, 'other.db'), '--queue', redis.url]);
    await until(() => /1 task\(s\) queued/.test(sweep.err()), 60_000, 'the task to be queued');
    appendFileSync(join(dir, 'btc-perp-b.csv'), '\n'); // this machine's copy is no longer the planned one
    const w = start(worker());
    expect(await sweep.exit).toBe(1);
    await w.exit;
    expect(sweep.err()).toMatch(/task 0 failed: .*btc-perp-b\.csv: this worker's copy differs from the file the sweep was planned on/);
    const h = openDb(join(dir, 'other.db'));
    expect(sweepTasks(h, 1)[0]).toMatchObject({ status: 'failed' });
    closeDb(h);
  }, 120_000);
});
