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
    expect(tables).toEqual(['alerts', 'approvals', 'bars', 'config_changes', 'decisions', 'fills', 'fvg_zones', 'imports', 'indicator_values', 'instruments', 'orders', 'positions', 'synergies', 'ticks', 'trading_runs']);
  });

  it('numbers go up in steps that leave room', () => {
    for (let i = 1; i < MIGRATIONS.length; i++) expect(MIGRATIONS[i]!.version).toBeGreaterThan(MIGRATIONS[i - 1]!.version);
  });

  it('each step applies on top of the previous one (0010 → … → 0050)', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS) {
      expect(runMigrations(db, m.version)).toBe(m.version);
    }
  });

  it('replay reads ticks through the time index', () => {
    const db = new Database(':memory:');
    runMigrations(db);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT t FROM ticks WHERE instrument_id = ? AND (t, import_id, seq) > (?, ?, ?) ORDER BY t, import_id, seq LIMIT 10').all(1, 0, 0, 0) as { detail: string }[];
    const detail = plan.map((p) => p.detail).join(' ');
    expect(detail).toMatch(/SEARCH ticks USING PRIMARY KEY/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('refuses a database written by a newer app', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${latestVersion() + 10}`);
    expect(() => runMigrations(db)).toThrow(DbFromFutureError);
  });
});
