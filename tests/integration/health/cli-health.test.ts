// `npm run cli -- health --db <path>`: the contract's Health as JSON, read-only, exit 0.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb } from '../../../src-main/store/db.ts';
import { insertAlert, clearAlert } from '../../../src-main/store/alerts.ts';
import { COMPONENTS } from '../../../src-main/engine/health/metrics.ts';
import { Health } from '../../../src-shared/ipc.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

let dir: string;
let dbPath: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-cli-health-'));
  dbPath = join(dir, 'a.db');
  const db = openDb(dbPath);
  insertAlert(db, { key: 'failed:indicators.30m', severity: 'critical', message: 'down', value: null, threshold: null, raisedAt: 1000 });
  const gone = insertAlert(db, { key: 'memory-growth', severity: 'warning', message: 'grew', value: 60, threshold: 50, raisedAt: 1000 });
  clearAlert(db, gone.id, 2000);
  closeDb(db);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli health', () => {
  it('prints the Health structure: idle stages, raised alerts from the table, DB/WAL sizes, process numbers', () => {
    const before = statSync(dbPath).mtimeMs;
    const r = cli('health', '--db', dbPath);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.recorded).toEqual({ kind: 'none', run_id: null, source: null, at: null, pid: null }); // nothing recorded yet
    const h = Health.parse(json);
    expect(h.stages.map((s) => s.name)).toEqual([...COMPONENTS]);
    expect(h.stages.every((s) => s.status === 'idle' && s.processed === 0 && s.breaker === 'closed')).toBe(true);
    expect(h.alerts.map((a) => [a.key, a.severity, a.clearedAt])).toEqual([['failed:indicators.30m', 'critical', null]]);
    expect(h.dbBytes).toBeGreaterThan(0);
    expect(h.walBytes).toBeGreaterThanOrEqual(0);
    expect(h.process.rssMb).toBeGreaterThan(0);
    expect(h.mainLoopLagMs).toBeNull();
    expect(h.ipcEventsPerSec).toBe(0);
    expect(statSync(dbPath).mtimeMs).toBe(before); // read-only
  });

  it('a missing database exits 1 without creating it; bad usage exits 2', () => {
    const missing = join(dir, 'nope.db');
    const r = cli('health', '--db', missing);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no database/);
    expect(existsSync(missing)).toBe(false);
    expect(cli('health').status).toBe(2);
    expect(cli('health', 'file.csv', '--db', dbPath).status).toBe(2);
  });
});
