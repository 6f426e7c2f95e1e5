// Issue 13 in the app's import path: a file of an instrument neither the catalogue nor the config knows
// stores nothing and answers "instrument needed" with guesses; the trader's definition goes into
// config.yaml (validated, written, re-read) and the file is then imported under it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb, type WriteDb } from '../../src-main/store/db.ts';
import { ConfigService } from '../../src-main/engine/config/config-service.ts';
import { Imports } from '../../src-main/engine/imports.ts';
import { importFile } from '../../src-main/engine/ingest/import-file.ts';
import { Metrics } from '../../src-main/engine/health/metrics.ts';
import { createLogger } from '../../src-main/engine/log/logger.ts';
import { listInstruments } from '../../src-main/store/instruments.ts';
import { resolveInstrument } from '../../src-shared/instruments.ts';
import type { UserInstrumentInput } from '../../src-shared/ipc-instruments.ts';
import { dataFile } from '../helpers/data.ts';

const ADA = dataFile('nautilus_trader/binance/ADABTC-1m-2021-11-28.csv');
const STOXX = dataFile('backtrader/2006-min-005.txt');

let dir: string;
let db: WriteDb;
let config: ConfigService;
let imports: Imports;
const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-define-'));
  db = openDb(join(dir, 'a.db'));
  config = new ConfigService({ path: join(dir, 'config.yaml'), db, env: {} });
  imports = new Imports({
    db, config: () => config.config, metrics: new Metrics(), now: Date.now, sampleDir: join(dir, 'none'), emit: () => {},
    logs: createLogger({ dir: null, level: 'error', maxFileMb: 1, retainFiles: 1 }),
    defineInstrument: (u) => config.defineInstrument(u),
  });
});
afterEach(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

const ADA_DEF: UserInstrumentInput = {
  symbol: 'ADABTC', kind: 'crypto', exchange: 'BINANCE', exchange_tz: 'UTC', tick_size: 1e-8, point_value: 1, currency: 'BTC',
  calendar: 'crypto-24x7', commission: { kind: 'bps', bps: 10 },
};

describe('an unknown instrument is never silent', () => {
  it('stores nothing and answers instrument-needed (Binance ADABTC klines)', () => {
    const r = imports.start({ path: ADA });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ code: 'instrument-needed', file: 'ADABTC-1m-2021-11-28.csv', got: 'ADABTC' });
    expect(r.problem.message).toMatch(/unknown instrument ADABTC.*nothing was stored/);
    expect([count('instruments'), count('imports'), count('bars')]).toEqual([0, 0, 0]);
    // a named symbol nobody defines is no way around it
    const named = importFile(db, ADA, { instrument: 'ADABTC' });
    expect(!named.ok && named.problem.code).toBe('unknown-instrument');
    // both say which symbols are known and how to define one (the CLI prints it as is)
    expect(!named.ok && named.problem.message).toMatch(/Known: .*ES.*define others under `instruments:` in config.yaml/);
    expect(count('instruments')).toBe(0);
  });

  it('inspection guesses the definition from the file name and the first rows', () => {
    const r = imports.inspect({ path: ADA });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.instrumentSource).toBeNull();
    expect(r.value.symbol).toBe('ADABTC');
    expect(r.value.draft).toEqual({
      symbol: 'ADABTC', kind: 'crypto', exchange: 'BINANCE', exchange_tz: r.value.sourceTz, tick_size: 1e-8, point_value: 1, currency: 'BTC',
      calendar: 'crypto-24x7', commission: { kind: 'bps', bps: 10, min_per_order: 0 },
    });
    expect(r.value.sourceTz).toBe('UTC'); // epoch-ms stamps
  });

  it('a file that names no symbol gets the tick from its prices and nothing made up (backtrader Euro Stoxx 5m)', () => {
    const r = imports.inspect({ path: STOXX });
    expect(r.ok && r.value.draft).toMatchObject({ symbol: null, kind: null, tick_size: 0.01, point_value: null, currency: null, calendar: null });
    expect(imports.start({ path: STOXX }).ok).toBe(false);
    expect(count('bars')).toBe(0);
  });

  it('the definition is written into config.yaml, re-read, resolved, and the file imported under it', () => {
    const r = imports.start({ path: ADA, define: ADA_DEF });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ symbol: 'ADABTC', rowsStored: 11, rowsRejected: 0 });
    const text = readFileSync(join(dir, 'config.yaml'), 'utf8');
    expect(text).toMatch(/^instruments:\n {2}- symbol: ADABTC\n/m);
    expect(text).toContain('# AlgoSpace Workstation configuration'); // the rest of the file is kept
    // a fresh service (the next start of the app) reads it back and it resolves to the spec
    const again = new ConfigService({ path: join(dir, 'config.yaml'), db, env: {} });
    expect(again.state().fileProblems).toEqual([]);
    const spec = resolveInstrument('ADABTC', again.config.instruments)!;
    expect(spec).toMatchObject({ symbol: 'ADABTC', kind: 'crypto', tickSize: 1e-8, pointValue: 1, currency: 'BTC', calendar: 'crypto-24x7', exchangeTz: 'UTC' });
    expect(listInstruments(db)).toMatchObject([{
      symbol: 'ADABTC', needsDefinition: false, currency: 'BTC', tickSize: 1e-8, pointValue: 1, commission: { kind: 'bps', bps: 10, minPerOrder: 0 },
    }]);
    expect(config.history().at(0)?.diff.map((d) => d.path)).toEqual(['instruments']);
    // once defined, the same kind of file imports with no extra step
    expect(imports.inspect({ path: ADA }).ok && (imports.inspect({ path: ADA }) as { value: { instrumentSource: string } }).value.instrumentSource).toBe('config');
  });

  it('a bad definition is refused with its field; nothing is written or stored', () => {
    const before = readFileSync(join(dir, 'config.yaml'), 'utf8');
    const r = imports.start({ path: ADA, define: { ...ADA_DEF, tick_size: 0 } });
    expect(!r.ok && r.problem).toMatchObject({ field: 'tick_size' });
    const z = imports.start({ path: ADA, define: { ...ADA_DEF, exchange_tz: 'Mars/Olympus' } });
    expect(!z.ok && z.problem).toMatchObject({ field: 'exchange_tz', code: 'config-bad-zone' });
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe(before);
    expect([count('instruments'), count('imports')]).toEqual([0, 0]);
  });

  it('a known instrument imports exactly as before, no definition asked', () => {
    const r = imports.start({ path: dataFile('firstratedata/nq_futures_2023-11/NQ_5min_sample.csv') });
    expect(r.ok && r.value.symbol).toBe('NQ');
    expect(listInstruments(db)[0]).toMatchObject({ symbol: 'NQ', needsDefinition: false, currency: 'USD', pointValue: 20 });
  });
});

describe('stored rows follow the config', () => {
  it('a row an older version stored under the generic spec takes the definition once the config has it', () => {
    db.prepare("INSERT INTO instruments (symbol, name, kind, exchange_tz, tick_size, point_value) VALUES ('ADABTC', 'ADABTC', 'other', 'UTC', 0.01, 1)").run();
    expect(listInstruments(db)[0]!.needsDefinition).toBe(true);
    expect(imports.syncDefinitions()).toEqual([]);
    expect(config.defineInstrument(ADA_DEF).ok).toBe(true);
    expect(imports.syncDefinitions()).toEqual(['ADABTC']);
    expect(listInstruments(db)[0]).toMatchObject({ needsDefinition: false, tickSize: 1e-8, currency: 'BTC' });
  });

  it('a definition in another zone than the stored bars is refused at import', () => {
    db.prepare("INSERT INTO instruments (symbol, name, kind, exchange_tz, tick_size, point_value) VALUES ('ADABTC', 'ADABTC', 'other', 'Asia/Tokyo', 0.01, 1)").run();
    const r = imports.start({ path: ADA, define: ADA_DEF });
    expect(!r.ok && r.problem).toMatchObject({ code: 'instrument-zone-conflict', field: 'exchange_tz', expected: 'Asia/Tokyo', got: 'UTC' });
    expect(count('imports')).toBe(0);
  });
});
