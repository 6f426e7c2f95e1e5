// Nothing stored is lost when a stage fails: an import whose indicator stages throw still stores
// every tick and bar (the same rows as a clean import), stores an indicator row for every bar
// (nulls where the stage or indicator was down, the other indicators' values untouched), and the
// errors are counted and raise alerts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb, type WriteDb } from '../../../src-main/store/db.ts';
import { importFile } from '../../../src-main/engine/ingest/import-file.ts';
import { Metrics } from '../../../src-main/engine/health/metrics.ts';
import { AlertBook } from '../../../src-main/engine/health/alerts.ts';
import { sampleHealth } from '../../../src-main/engine/health/snapshot.ts';
import { listAlerts } from '../../../src-main/store/alerts.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { dataFile } from '../../helpers/data.ts';

const FILE = dataFile('lean/equity/usa/tick/spy/20131007_trade.zip');
let dir: string;
let clean: WriteDb;
let faulty: WriteDb;
let metrics: Metrics;

const all = (db: WriteDb, sql: string) => db.prepare(sql).raw().all();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-faults-'));
  clean = openDb(join(dir, 'clean.db'));
  faulty = openDb(join(dir, 'faulty.db'));
  expect(importFile(clean, FILE).ok).toBe(true);
  metrics = new Metrics();
  let steps = 0;
  const faults = {
    before(stage: string) {
      if (stage === 'indicators.5m' && ++steps % 10 === 0) throw new Error('injected 5m fault');
      if (stage === 'indicators.30m.mmd') throw new Error('injected MMD fault'); // MMD never succeeds
    },
  };
  const r = importFile(faulty, FILE, { metrics, faults });
  expect(r.ok).toBe(true);
}, 120_000);

afterAll(() => {
  closeDb(clean);
  closeDb(faulty);
  rmSync(dir, { recursive: true, force: true });
});

describe('an import with failing indicator stages', () => {
  it('stores every tick and every bar, exactly as a clean import', () => {
    expect(all(faulty, 'SELECT SUM(n) FROM tick_blocks')).toEqual([[250_601]]);
    const ticks = 'SELECT instrument_id, t0, import_id, seq0, n, t1, data FROM tick_blocks ORDER BY instrument_id, t0, import_id, seq0';
    expect(all(faulty, ticks)).toEqual(all(clean, ticks));
    expect(all(faulty, 'SELECT * FROM bars ORDER BY instrument_id, tf, t')).toEqual(all(clean, 'SELECT * FROM bars ORDER BY instrument_id, tf, t'));
    expect(all(faulty, 'SELECT rows_stored, rows_rejected FROM imports')).toEqual(all(clean, 'SELECT rows_stored, rows_rejected FROM imports'));
  });

  it('stores an indicator row for every bar; the failed indicator leaves nulls, not invented values', () => {
    const q = 'SELECT tf, t FROM indicator_values ORDER BY tf, t';
    expect(all(faulty, q)).toEqual(all(clean, q));
    const rows30 = (db: WriteDb) => (db.prepare('SELECT data FROM indicator_values WHERE tf = 30 ORDER BY t').all() as { data: string }[])
      .map((r) => JSON.parse(r.data) as Record<string, number | null>);
    const bad = rows30(faulty), good = rows30(clean);
    expect(bad.length).toBeGreaterThan(0);
    const notMmd = (d: Record<string, number | null>) => Object.fromEntries(Object.entries(d).filter(([k]) => !k.startsWith('mmd_')));
    for (let i = 0; i < bad.length; i++) {
      expect(bad[i]!.mmd_0 ?? null).toBeNull();
      expect(notMmd(bad[i]!)).toEqual(notMmd(good[i]!)); // only MMD failed: the other 30m indicators are as in the clean import
    }
  });

  it('counts and keeps the errors, and they raise stored alerts', () => {
    const s5 = metrics.component('indicators.5m'), s30 = metrics.component('indicators.30m'), mmd = metrics.component('indicators.30m.mmd');
    expect(s5.errors).toBeGreaterThan(0);
    expect(s5.lastError).toBe('injected 5m fault');
    expect(mmd.errors).toBeGreaterThanOrEqual(DEFAULT_CONFIG.alerts.breaker_failures);
    expect(mmd.snapshot()).toMatchObject({ status: 'failed', breaker: 'open', lastError: 'injected MMD fault' });
    expect(s30.snapshot()).toMatchObject({ status: 'ok', errors: 0, breaker: 'closed' }); // the stage itself ran
    expect(metrics.component('feed').processed).toBe(250_601);
    expect(metrics.component('store').processed).toBeGreaterThan(250_601);

    const raised: string[] = [];
    const book = new AlertBook(faulty, { raised: (a) => raised.push(a.key), cleared: () => {} });
    const sample = sampleHealth({ metrics, db: faulty, dbPath: join(dir, 'faulty.db'), rssAtStart: process.memoryUsage().rss, at: 5 });
    book.evaluate(sample, DEFAULT_CONFIG.alerts, 5);
    expect(raised).toEqual(expect.arrayContaining(['error-rate:indicators.5m', 'error-rate:indicators.30m.mmd', 'failed:indicators.30m.mmd']));
    expect(raised.filter((k) => k.endsWith(':indicators.30m'))).toEqual([]);
    expect(listAlerts(faulty).map((a) => a.key).sort()).toEqual([...raised].sort());
  });
});
