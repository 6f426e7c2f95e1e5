// Migration 0110 on a database built with the old schema (0010…0090): the old rows' guessed specs
// are not trusted, catalogue rows read as the catalogue's, and a full spec round-trips.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { runMigrations } from '../../../src-main/store/migrations/index.ts';
import { ensureInstrument, getInstrument, listInstruments, storedInstrument } from '../../../src-main/store/instruments.ts';
import { findInstrument } from '../../../src-shared/instruments.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments/types.ts';
import type { WriteDb } from '../../../src-main/store/db.ts';

/** A database as version 0090 left it, with what the old import wrote: NQ from the catalogue, ADABTC under the silent generic spec. */
function oldDb(): WriteDb {
  const db = new Database(':memory:');
  expect(runMigrations(db, 90)).toBe(90);
  const ins = db.prepare('INSERT INTO instruments (symbol, name, kind, exchange_tz, tick_size, point_value) VALUES (?, ?, ?, ?, ?, ?)');
  ins.run('NQ', 'E-mini Nasdaq-100', 'future', 'America/Chicago', 0.25, 20);
  ins.run('ADABTC', 'ADABTC', 'other', 'UTC', 0.01, 1);
  db.prepare('INSERT INTO bars (instrument_id, tf, t, o, h, l, c, v) VALUES (2, 1, 0, 1, 1, 1, 1, 1)').run();
  return db as unknown as WriteDb;
}

const ADA: InstrumentSpec = {
  symbol: 'ADABTC', name: 'Cardano / Bitcoin', kind: 'crypto', exchange: 'BINANCE', exchangeTz: 'UTC', tickSize: 1e-8, pointValue: 1,
  currency: 'BTC', quantityStep: 0.1, lotSize: 1, unit: 'coin', commission: { kind: 'bps', bps: 10, minPerOrder: 0 },
  calendar: 'crypto-24x7', source: 'config.yaml (user)',
};

describe('instruments table, migration 0110', () => {
  it('keeps old rows: the generic one needs a definition, the catalogue one reads as the catalogue', () => {
    const db = oldDb();
    expect(runMigrations(db)).toBeGreaterThanOrEqual(110);
    const ada = storedInstrument(db, 'ADABTC')!;
    expect(ada.spec).toBeNull();
    expect(ada.exchangeTz).toBe('UTC');
    expect(getInstrument(db, 'ADABTC')).toBeUndefined();
    const list = listInstruments(db);
    const row = list.find((i) => i.symbol === 'ADABTC')!;
    expect(row).toMatchObject({ needsDefinition: true, tickSize: null, pointValue: null, currency: null, commission: null, kind: null });
    expect(row.bars.find((b) => b.timeframe === '1m')?.count).toBe(1);
    const nq = getInstrument(db, 'NQ')!;
    expect(nq).toEqual({ ...findInstrument('NQ')!, id: 1 });
    expect(list.find((i) => i.symbol === 'NQ')).toMatchObject({ needsDefinition: false, currency: findInstrument('NQ')!.currency });
  });

  it('a definition completes the old row (same id, its bars kept) and the full spec round-trips', () => {
    const db = oldDb();
    runMigrations(db);
    expect(ensureInstrument(db, ADA)).toBe(2);
    expect(getInstrument(db, 'ADABTC')).toEqual({ ...ADA, id: 2 });
    expect(listInstruments(db).find((i) => i.symbol === 'ADABTC')).toMatchObject({
      needsDefinition: false, kind: 'crypto', exchange: 'BINANCE', currency: 'BTC', tickSize: 1e-8, pointValue: 1, quantityStep: 0.1,
      lotSize: 1, unit: 'coin', calendar: 'crypto-24x7', commission: { kind: 'bps', bps: 10, minPerOrder: 0 },
    });
  });

  it('stores a new instrument with its data zones and a commission without a rate', () => {
    const db = new Database(':memory:') as unknown as WriteDb;
    runMigrations(db);
    const es: InstrumentSpec = { ...ADA, symbol: 'XX', kind: 'future', commission: { kind: 'per_contract', perSide: null }, dataTz: { lean: 'UTC' } };
    const id = ensureInstrument(db, es);
    expect(getInstrument(db, 'xx')).toEqual({ ...es, id });
  });
});
