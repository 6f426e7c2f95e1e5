// Nothing stored is lost when a stage fails: an import whose indicator stages throw still stores
// every tick and bar (the same rows as a clean import), stores an indicator row for every bar
// (nulls where the stage was down), and the errors are counted and raise alerts.
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
      if (stage === 'mmd') throw new Error('injected MMD fault'); // the 30m stage never succeeds
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

  it('stores an indicator row for every bar; the failed stage leaves nulls, not invented values', () => {
    const q = 'SELECT tf, t FROM indicator_values ORDER BY tf, t';
    expect(all(faulty, q)).toEqual(all(clean, q));
    const rows30 = faulty.prepare('SELECT data FROM indicator_values WHERE tf = 30').all() as { data: string }[];
    expect(rows30.length).toBeGreaterThan(0);
    for (const r of rows30) {
      const d = JSON.parse(r.data) as Record<string, number | null>;
      expect(d.mmd_0 ?? null).toBeNull();
      expect(d.mlmi ?? null).toBeNull();
    }
  });

  it('counts and keeps the errors, and they raise stored alerts', () => {
    const s5 = metrics.component('indicators.5m'), s30 = metrics.component('indicators.30m');
    expect(s5.errors).toBeGreaterThan(0);
    expect(s5.lastError).toBe('injected 5m fault');
    expect(s30.errors).toBeGreaterThanOrEqual(DEFAULT_CONFIG.alerts.breaker_failures);
    expect(metrics.component('mmd').errors).toBe(s30.errors);
    expect(s30.snapshot()).toMatchObject({ status: 'failed', breaker: 'open', lastError: 'injected MMD fault' });
    expect(metrics.component('feed').processed).toBe(250_601);
    expect(metrics.component('store').processed).toBeGreaterThan(250_601);

    const raised: string[] = [];
    const book = new AlertBook(faulty, { raised: (a) => raised.push(a.key), cleared: () => {} });
    const sample = sampleHealth({ metrics, db: faulty, dbPath: join(dir, 'faulty.db'), rssAtStart: process.memoryUsage().rss, at: 5 });
    book.evaluate(sample, DEFAULT_CONFIG.alerts, 5);
    expect(raised).toEqual(expect.arrayContaining(['error-rate:indicators.5m', 'error-rate:indicators.30m', 'failed:indicators.30m', 'failed:mmd']));
    expect(listAlerts(faulty).map((a) => a.key).sort()).toEqual([...raised].sort());
  });
});
