import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { MIGRATIONS, runMigrations, latestVersion, DbFromFutureError } from '../../../src-main/store/migrations/index.ts';

describe('migrations', () => {
  it('run in order, set user_version, and are idempotent', () => {
    const db = new Database(':memory:');
    expect(runMigrations(db)).toBe(latestVersion());
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(runMigrations(db)).toBe(latestVersion());
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(['alerts', 'approvals', 'bar_levels', 'bars', 'config_changes', 'decisions', 'fills', 'fvg_zones', 'imports', 'indicator_values', 'instruments', 'orders', 'positions', 'run_health', 'sweep_tasks', 'sweep_trades', 'sweeps', 'synergies', 'tick_blocks', 'trading_runs']);
  });

  it('numbers go up in steps that leave room', () => {
    for (let i = 1; i < MIGRATIONS.length; i++) expect(MIGRATIONS[i]!.version).toBeGreaterThan(MIGRATIONS[i - 1]!.version);
  });

  it('each step applies on top of the previous one (0010 → … → the latest)', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS) {
      expect(runMigrations(db, m.version)).toBe(m.version);
    }
  });

  it('replay finds tick blocks through the covering time index', () => {
    const db = new Database(':memory:');
    runMigrations(db);
    const plan = (sql: string, ...args: number[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail).join(' ');
    const next = plan('SELECT id, t0, import_id, seq0, n, t1 FROM tick_blocks WHERE instrument_id = ? AND (t0, import_id, seq0) > (?, ?, ?) ORDER BY t0, import_id, seq0 LIMIT 10', 1, 0, 0, 0);
    expect(next).toMatch(/SEARCH tick_blocks USING COVERING INDEX tick_blocks_key/);
    expect(next).not.toMatch(/TEMP B-TREE/);
    const around = plan('SELECT id, t0, import_id, seq0, n, t1 FROM tick_blocks WHERE instrument_id = ? AND t0 >= ? AND t0 <= ? AND t1 >= ? ORDER BY t0, import_id, seq0', 1, 0, 0, 0);
    expect(around).toMatch(/SEARCH tick_blocks USING COVERING INDEX tick_blocks_key/);
    expect(around).not.toMatch(/TEMP B-TREE/);
    expect(plan('SELECT SUM(n), MIN(t0), MAX(t1) FROM tick_blocks WHERE instrument_id = ?', 1)).toMatch(/COVERING INDEX tick_blocks_key/);
  });

  it('refuses a database written by a newer app', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${latestVersion() + 10}`);
    expect(() => runMigrations(db)).toThrow(DbFromFutureError);
  });
});
