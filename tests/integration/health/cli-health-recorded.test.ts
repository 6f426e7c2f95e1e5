// `health --db` shows the health recorded in the file: a running app's heartbeat when its process is
// alive and the row is fresh, else the last run's final record, else (nothing recorded, or a file
// from before the table existed) idle stages. The `recorded` key says which.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { openDb, closeDb, type WriteDb } from '../../../src-main/store/db.ts';
import { runMigrations } from '../../../src-main/store/migrations/index.ts';
import { insertAlert } from '../../../src-main/store/alerts.ts';
import { createRun } from '../../../src-main/store/trading.ts';
import { liveHealthRecords } from '../../../src-main/store/run-health.ts';
import { COMPONENTS, Metrics } from '../../../src-main/engine/health/metrics.ts';
import { CircuitBreaker } from '../../../src-main/engine/health/breaker.ts';
import { recordRunHealth } from '../../../src-main/engine/health/recorder.ts';
import { pidAlive } from '../../../src-main/cli/health.ts';
import { Health, type StageHealth } from '../../../src-shared/ipc.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const CHILD = resolve(import.meta.dirname, 'live-child.ts');

interface Out { recorded: { kind: string; run_id: number | null; source: string | null; at: string | null; pid: number | null }; health: Health }
function health(dbPath: string): Out {
  const r = spawnSync(process.execPath, [CLI, 'health', '--db', dbPath], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout) as { recorded: Out['recorded'] };
  return { recorded: json.recorded, health: Health.parse(json) };
}
const stage = (h: Health, name: string): StageHealth => h.stages.find((s) => s.name === name)!;

let dir: string;
let n = 0;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'algospace-cli-health-rec-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function newRun(db: WriteDb): number {
  return createRun(db, {
    key: `k${n}`, source: 'nq.csv', symbol: 'NQ', timeframe: '30m', profile: 'spec', config_json: '{}', model: null, auto_approve: 0, created_at: 1,
  }).id;
}

/** A file whose last run (a CLI replay) ended with real figures: three stages worked, the decision stage failed once, matrices' breaker open. */
function withFinishedRun(): { dbPath: string; runId: number; recorded: Health } {
  const dbPath = join(dir, `run-${n++}.db`);
  const db = openDb(dbPath);
  const runId = newRun(db);
  const m = new Metrics();
  m.component('feed').observe(5, 1000);
  m.component('bars').observe(2, 1000);
  for (const ms of [2, 3, 4, 40]) m.component('indicators.30m').observe(ms);
  m.component('decision').observe(1);
  m.component('decision').fail(1, new Error('decision: model output is NaN'));
  const breaker = new CircuitBreaker({ failures: 1, cooldown: 10 });
  breaker.failure();
  m.component('matrices').breaker = breaker;
  m.component('matrices').fail(0, new Error('matrices: NaN in row'));
  const recorded = recordRunHealth(db, m, { runId, source: 'cli replay', final: true });
  closeDb(db);
  return { dbPath, runId, recorded };
}

describe('cli health: recorded figures', () => {
  it('prints the last run\'s final record: counts, latency, errors, statuses and the run id', () => {
    const { dbPath, runId, recorded } = withFinishedRun();
    const before = statSync(dbPath).mtimeMs;
    const { recorded: rec, health: h } = health(dbPath);
    expect(rec).toMatchObject({ kind: 'run', run_id: runId, source: 'cli replay', pid: process.pid });
    expect(Date.parse(rec.at!)).toBe(recorded.at);
    expect(h.at).toBe(recorded.at);
    expect(h.stages.map((s) => s.name)).toEqual([...COMPONENTS]);
    expect(h.stages).toEqual(recorded.stages);
    expect(stage(h, 'feed')).toMatchObject({ status: 'ok', processed: 1000, errors: 0 });
    const i30 = stage(h, 'indicators.30m');
    expect(i30).toMatchObject({ status: 'ok', processed: 4, errors: 0 });
    expect(i30.maxMs).toBeCloseTo(40, 0);
    expect(i30.p99Ms).toBeCloseTo(40, 0);
    expect(i30.p50Ms).toBeGreaterThan(2.9);
    expect(i30.p50Ms).toBeLessThan(4.1);
    expect(stage(h, 'decision')).toMatchObject({ status: 'degraded', processed: 2, errors: 1, lastError: 'decision: model output is NaN' });
    expect(stage(h, 'matrices')).toMatchObject({ status: 'failed', breaker: 'open', errors: 1 });
    expect(stage(h, 'store')).toMatchObject({ status: 'idle', processed: 0 });
    expect(h.process).toEqual(recorded.process); // the run's process, not this CLI's
    expect(statSync(dbPath).mtimeMs).toBe(before); // read-only
  });

  it('a running app\'s heartbeat wins over the final record; when it stops, its final record is shown', async () => {
    const { dbPath, runId } = withFinishedRun();
    const child = spawn(process.execPath, [CHILD, dbPath, String(runId)], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(child.stdout!, 'data')) as [Buffer];
      expect(line.toString()).toBe(`ready ${child.pid}\n`);
      const live = health(dbPath);
      expect(live.recorded).toMatchObject({ kind: 'live', run_id: runId, source: 'app', pid: child.pid });
      expect(Date.now() - Date.parse(live.recorded.at!)).toBeLessThan(10_000);
      expect(stage(live.health, 'feed').processed).toBeGreaterThanOrEqual(7);
      expect(stage(live.health, 'bars')).toMatchObject({ status: 'ok', processed: 7 });
      expect(stage(live.health, 'indicators.5m')).toMatchObject({ status: 'ok', processed: 1 });
      expect(stage(live.health, 'decision')).toMatchObject({ status: 'idle', processed: 0, errors: 0 }); // not the run's figures
      // the heartbeat is rewritten in place: still one row for the pid, newer, with newer counts
      await new Promise((r) => setTimeout(r, 600));
      const later = health(dbPath);
      expect(later.recorded.kind).toBe('live');
      expect(Date.parse(later.recorded.at!)).toBeGreaterThan(Date.parse(live.recorded.at!));
      expect(stage(later.health, 'feed').processed).toBeGreaterThan(stage(live.health, 'feed').processed);
    } finally {
      child.stdin!.end();
      await once(child, 'exit');
    }
    expect(child.exitCode).toBe(0);
    const after = health(dbPath);
    expect(after.recorded).toMatchObject({ kind: 'run', run_id: runId, source: 'app', pid: child.pid });
    expect(stage(after.health, 'bars').processed).toBe(7);
    const db = new Database(dbPath, { readonly: true });
    expect(liveHealthRecords(db)).toEqual([]); // the app removed its heartbeat at shutdown
    db.close();
  });

  it('ignores a heartbeat whose process is gone, and a stale one from a live process', () => {
    const { dbPath, runId } = withFinishedRun();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    expect(pidAlive(gone)).toBe(false);
    expect(pidAlive(process.pid)).toBe(true);
    const db = openDb(dbPath);
    const m = new Metrics();
    m.component('feed').observe(1, 123);
    recordRunHealth(db, m, { runId, source: 'app', final: false, pid: gone });
    recordRunHealth(db, m, { runId, source: 'app', final: false, pid: process.pid, at: Date.now() - 60_000 });
    expect(liveHealthRecords(db)).toHaveLength(2);
    closeDb(db);
    const { recorded, health: h } = health(dbPath);
    expect(recorded).toMatchObject({ kind: 'run', source: 'cli replay', run_id: runId });
    expect(stage(h, 'feed').processed).toBe(1000);
  });

  it('a live, fresh heartbeat without any final record is shown (run id null when no run is active)', () => {
    const dbPath = join(dir, `live-only-${n++}.db`);
    const db = openDb(dbPath);
    const m = new Metrics();
    m.component('replay').observe(1, 42);
    recordRunHealth(db, m, { source: 'app', final: false }); // this test process: alive
    closeDb(db);
    const { recorded, health: h } = health(dbPath);
    expect(recorded).toMatchObject({ kind: 'live', run_id: null, source: 'app', pid: process.pid });
    expect(stage(h, 'replay')).toMatchObject({ status: 'ok', processed: 42 });
  });

  it('a file from before the health table: the old idle structure, kind none, and the file is not migrated', () => {
    const dbPath = join(dir, `old-${n++}.db`);
    const db = new Database(dbPath);
    runMigrations(db, 80);
    insertAlert(db as WriteDb, { key: 'failed:matrices', severity: 'critical', message: 'down', value: null, threshold: null, raisedAt: 5 });
    db.close();
    const { recorded, health: h } = health(dbPath);
    expect(recorded).toEqual({ kind: 'none', run_id: null, source: null, at: null, pid: null });
    expect(h.stages.map((s) => s.name)).toEqual([...COMPONENTS]);
    expect(h.stages.every((s) => s.status === 'idle' && s.processed === 0)).toBe(true);
    expect(h.alerts.map((a) => a.key)).toEqual(['failed:matrices']);
    const check = new Database(dbPath, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(80);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'run_health'").get()).toBeUndefined();
    check.close();
  });
});
