import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { openDb, closeDb, type WriteDb } from '../../../src-main/store/db.ts';
import { importFile } from '../../../src-main/engine/ingest/import-file.ts';
import { listImports } from '../../../src-main/store/imports.ts';
import { getBars } from '../../../src-main/store/bars.ts';
import { getInstrument, listInstruments } from '../../../src-main/store/instruments.ts';
import { dataFile } from '../../helpers/data.ts';

let dir: string;
let db: WriteDb;
const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-import-'));
  db = openDb(join(dir, 'test.db'));
});
afterEach(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('importFile', () => {
  it('stores a 1-minute bar file with 5m and 30m bars rebuilt, and re-importing adds nothing', () => {
    const file = dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv');
    const r = importFile(db, file);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.symbol).toBe('NQ');
    expect(r.value.rowsStored).toBe(r.value.rowsRead);
    expect(r.value.rowsRejected).toBe(0);
    const nq = getInstrument(db, 'NQ')!;
    const n1 = getBars(db, nq.id, 1).t.length;
    expect(n1).toBe(r.value.rowsStored);
    expect(getBars(db, nq.id, 5).t).toHaveLength(2943);
    expect(getBars(db, nq.id, 30).t).toHaveLength(491);
    const before = count('SELECT COUNT(*) AS n FROM bars');
    const again = importFile(db, file);
    expect(again.ok && again.value.duplicate).toBe(true);
    expect(count('SELECT COUNT(*) AS n FROM bars')).toBe(before);
    expect(listImports(db)).toHaveLength(1);
  });

  it('stores every tick of a LEAN tick file and its 1m/5m/30m bars', () => {
    const r = importFile(db, dataFile('lean/equity/usa/tick/spy/20131007_trade.zip'));
    expect(r.ok).toBe(true);
    expect(count('SELECT COALESCE(SUM(n), 0) AS n FROM tick_blocks')).toBe(250_601);
    const spy = listInstruments(db).find((i) => i.symbol === 'SPY')!;
    expect(spy.ticks).toBe(250_601);
    const n1 = spy.bars.find((b) => b.timeframe === '1m')!.count;
    expect(n1).toBe(828); // LEAN's own minute file for the day has 828 bars
    expect(spy.bars.find((b) => b.timeframe === '30m')!.count).toBe(32); // 04:00–20:00 ET
  });

  it('bad rows are skipped with line and field, counted and kept with the import; good rows are stored', () => {
    const f = join(dir, 'NQ_bad.csv');
    writeFileSync(f, [
      'timestamp,open,high,low,close,volume',
      '2023-11-20 09:30:00,100,101,99,100.5,10',
      '2023-11-20 09:31:00,100.5,abc,99,100,5',
      '2023-11-20 09:32:00,100,101,99,100.5,7',
      '2023-11-20 09:31:30,100,101,99,100.5,7',
      '2023-11-20 09:33:00,100,101,99,100.5,8',
    ].join('\n'));
    const r = importFile(db, f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rowsStored).toBe(3);
    expect(r.value.rowsRejected).toBe(2);
    expect(r.value.problems.map((p) => [p.line, p.field])).toEqual([[3, 'high'], [5, 'timestamp']]);
    expect(listImports(db)[0]!.problems).toHaveLength(2);
  });

  it('a file with no valid rows is one clear error and stores nothing', () => {
    const f = join(dir, 'NQ_empty.csv');
    writeFileSync(f, 'timestamp,open,high,low,close,volume\n2023-11-20 09:30:00,x,y,z,w,1\n');
    const r = importFile(db, f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.message).toMatch(/no valid rows/);
    expect(count('SELECT COUNT(*) AS n FROM imports')).toBe(0);
  });

  it('an unreadable file is one clear error', () => {
    const r = importFile(db, join(dir, 'missing.csv'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.code).toBe('unreadable-file');
  });

  it('a crash mid-import (child process SIGKILLed) leaves no half import; the next import is complete', () => {
    // Seed the store with something that must survive untouched.
    const seed = importFile(db, dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'));
    expect(seed.ok).toBe(true);
    const barsBefore = count('SELECT COUNT(*) AS n FROM bars');
    closeDb(db);
    const file = join(dir, '20131007_trade.zip');
    copyFileSync(dataFile('lean/equity/usa/tick/spy/20131007_trade.zip'), file);
    const child = spawnSync(process.execPath, [join(import.meta.dirname, 'crash-child.ts'), join(dir, 'test.db'), file, '7'], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).toContain('killing after 7 chunks');
    db = openDb(join(dir, 'test.db'));
    expect(count('SELECT COUNT(*) AS n FROM imports')).toBe(1);
    expect(count('SELECT COALESCE(SUM(n), 0) AS n FROM tick_blocks')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM bars')).toBe(barsBefore);
    const r = importFile(db, file);
    expect(r.ok && r.value.rowsStored).toBe(250_601);
    expect(count('SELECT COALESCE(SUM(n), 0) AS n FROM tick_blocks')).toBe(250_601);
  });
});
