// Issue 6, "Store and restart": a child process running `replay --auto-approve` is SIGKILLed at
// random moments (seeded, ≥ 20 times), restarted each time with the same --db, and must end with
// exactly the JSON of an uninterrupted run; no order or fill duplicated, positions and journal equal.
// A run without auto-approve keeps its pending decisions across a kill.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { dataFile } from '../../helpers/data.ts';
import { mulberry32 } from '../../../src-main/engine/indicators/prng.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
/** the injected test hook that kills the CLI right after a given step's commit */
const KILL_HOOK = resolve(import.meta.dirname, '../../helpers/kill-at-step.ts');
const FILE = dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv');
const ARGS = (db: string, auto = true) =>
  ['replay', FILE, '--timeframe', '5m', '--profile', 'active', '--db', db, ...(auto ? ['--auto-approve'] : []), '--model', 'none'];

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'algospace-kill-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runToEnd(db: string, auto = true): Record<string, unknown> {
  const r = spawnSync(process.execPath, [CLI, ...ARGS(db, auto)], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

/**
 * Starts the replay and SIGKILLs it: after `ms` of wall time, or (with `atStep`) right after it commits
 * that step (the injected hook tests/helpers/kill-at-step.ts). Resolves with whether it was killed before finishing.
 */
function runAndKill(db: string, ms: number, auto = true, atStep?: number): Promise<boolean> {
  return new Promise((done) => {
    const env = atStep === undefined ? process.env : { ...process.env, ALGOSPACE_KILL_AT_STEP: String(atStep) };
    const child = spawn(process.execPath, ['--import', KILL_HOOK, CLI, ...ARGS(db, auto)], { stdio: 'ignore', env });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (_code, signal) => { clearTimeout(timer); done(signal === 'SIGKILL'); });
  });
}

function tables(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const q = (sql: string) => db.prepare(sql).all();
    return {
      steps: (db.prepare('SELECT MAX(steps) AS s FROM trading_runs').get() as { s: number | null }).s,
      orders: q('SELECT decision_id, direction, size, stop, target, submitted_t, status FROM orders ORDER BY id'),
      fills: q('SELECT order_id, kind, t, price, size, commission, pnl FROM fills ORDER BY id'),
      positions: q('SELECT order_id, direction, size, entry_price, entry_t, stop, target, status, exit_price, exit_t, exit_kind, pnl FROM positions ORDER BY id'),
      decisions: q('SELECT synergy_id, t, status, risk_reasons, shown_hash FROM decisions ORDER BY id'),
      dupOrders: (db.prepare('SELECT COUNT(*) - COUNT(DISTINCT decision_id) AS n FROM orders').get() as { n: number }).n,
      dupFills: (db.prepare('SELECT COUNT(*) - COUNT(DISTINCT order_id || kind) AS n FROM fills').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('trading replay: kill and resume', () => {
  it('22 random SIGKILLs, then the same JSON, orders, fills and positions as an uninterrupted run', async () => {
    const cleanDb = join(dir, 'clean.db');
    const t0 = performance.now();
    const clean = runToEnd(cleanDb);
    const fullMs = performance.now() - t0;
    expect(clean.synergies).toBeGreaterThan(0);
    expect(clean.fills).toBeGreaterThan(0);

    // Every other kill is at a random moment from start-up to an uninterrupted run's length (it may
    // land in a transaction, in start-up, anywhere); the others at a random step after the last
    // committed one, right after its commit, so the run is sure to be cut in the trading loop however
    // slow the machine is. A resumed run first re-warms its indicators, so late in a run most random
    // moments fall before any new step: when a child finishes unkilled, its result is checked and a
    // fresh database starts the next cycle.
    const rng = mulberry32(20261127);
    const a = tables(cleanDb);
    let killed = 0, progressed = 0, cycle = 0, db = '';
    const check = () => {
      const resumed = runToEnd(db);
      expect(resumed).toEqual(clean);
      const b = tables(db);
      expect(b.dupOrders).toBe(0);
      expect(b.dupFills).toBe(0);
      expect(b.orders).toEqual(a.orders);
      expect(b.fills).toEqual(a.fills);
      expect(b.positions).toEqual(a.positions);
      expect(b.decisions).toEqual(a.decisions);
    };
    let lastSteps = 0;
    const total = clean.steps as number;
    while (killed < 22) {
      if (!db) { db = join(dir, `killed-${cycle++}.db`); lastSteps = 0; }
      const atStep = killed % 2 === 1 && lastSteps < total - 1
        ? lastSteps + 1 + Math.floor(rng() * Math.min(total - lastSteps - 1, total / 4)) : undefined;
      const wasKilled = await runAndKill(db, atStep === undefined ? 200 + rng() * fullMs : 600_000, true, atStep);
      if (!wasKilled) { check(); db = ''; continue; }
      killed++;
      let steps = 0;
      try { steps = tables(db).steps ?? 0; } catch { /* killed before the store existed */ }
      if (steps > lastSteps) progressed++;
      lastSteps = steps;
    }
    check();
    // the kills must really land inside the trading loop (after new steps were committed)
    expect(progressed).toBeGreaterThanOrEqual(8);
  }, 600_000);

  it('without auto-approve, a decision pending at the kill is pending after it and expires at the same bar', () => {
    const cleanDb = join(dir, 'manual-clean.db');
    const clean = runToEnd(cleanDb, false);
    expect(clean.decisions).toBeGreaterThan(0);
    expect(clean.approved).toBe(0);
    expect(clean.fills).toBe(0);
    const first = (() => {
      const d = new Database(cleanDb, { readonly: true });
      try {
        return d.prepare('SELECT s.step, d.id FROM decisions d JOIN synergies s ON s.id = d.synergy_id ORDER BY d.id LIMIT 1').get() as { step: number; id: number };
      } finally { d.close(); }
    })();

    // the test hook SIGKILLs the process right after committing that step
    const db = join(dir, 'manual-killed.db');
    const k = spawnSync(process.execPath, ['--import', KILL_HOOK, CLI, ...ARGS(db, false)], { encoding: 'utf8', env: { ...process.env, ALGOSPACE_KILL_AT_STEP: String(first.step) } });
    expect(k.signal).toBe('SIGKILL');
    const d = new Database(db, { readonly: true });
    const pending = d.prepare("SELECT id FROM decisions WHERE status = 'pending'").all();
    const steps = (d.prepare('SELECT steps FROM trading_runs').get() as { steps: number }).steps;
    d.close();
    expect(steps).toBe(first.step);
    expect(pending).toEqual([{ id: first.id }]);

    const resumed = runToEnd(db, false);
    expect(resumed).toEqual(clean);
    expect(tables(db).decisions).toEqual(tables(cleanDb).decisions);
  }, 120_000);
});
