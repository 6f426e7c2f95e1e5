// The instruments table: the full spec each stored symbol was imported with (issue 13). Rows written
// before migration 0110 have no currency: those of kind 'other' held a guessed spec and read as
// "needs a definition"; the others came from the catalogue and are read from it.
import type { Db, WriteDb } from './db.ts';
import type { CommissionModel, InstrumentSpec } from '../../src-shared/instruments/types.ts';
import { findInstrument } from '../../src-shared/instruments.ts';
import { TIMEFRAMES, TIMEFRAME_MINUTES } from '../../src-shared/domain/bars.ts';
import type { InstrumentInfo } from '../../src-shared/ipc.ts';
import { tickRange } from './ticks.ts';

interface Row {
  id: number; symbol: string; name: string; kind: string; exchange_tz: string; tick_size: number; point_value: number;
  exchange: string | null; currency: string | null; quantity_step: number | null; lot_size: number | null;
  unit: InstrumentSpec['unit'] | null; calendar: InstrumentSpec['calendar'] | null;
  commission_json: string | null; data_tz_json: string | null; source: string | null;
}

export type StoredSpec = InstrumentSpec & { id: number };

/** A stored row: its bars' zone is known; `spec` is null when the row needs a definition. */
export interface StoredInstrument { id: number; symbol: string; name: string; exchangeTz: string; spec: InstrumentSpec | null }

function rowSpec(r: Row): InstrumentSpec | null {
  if (r.currency !== null) {
    return {
      symbol: r.symbol, name: r.name, kind: r.kind as InstrumentSpec['kind'], exchange: r.exchange ?? '', exchangeTz: r.exchange_tz,
      tickSize: r.tick_size, pointValue: r.point_value, currency: r.currency, quantityStep: r.quantity_step!, lotSize: r.lot_size!,
      unit: r.unit!, commission: JSON.parse(r.commission_json!) as CommissionModel, calendar: r.calendar!,
      ...(r.data_tz_json ? { dataTz: JSON.parse(r.data_tz_json) as InstrumentSpec['dataTz'] } : {}), source: r.source ?? '',
    };
  }
  if (r.kind === 'other') return null;
  // An older version's catalogue row: today's catalogue entry, if the bars were aligned in its zone.
  const cat = findInstrument(r.symbol);
  return cat && cat.exchangeTz === r.exchange_tz ? cat : null;
}

const toStored = (r: Row): StoredInstrument => ({ id: r.id, symbol: r.symbol, name: r.name, exchangeTz: r.exchange_tz, spec: rowSpec(r) });

function specValues(spec: InstrumentSpec): unknown[] {
  return [spec.name, spec.kind, spec.tickSize, spec.pointValue, spec.exchange, spec.currency, spec.quantityStep, spec.lotSize,
    spec.unit, spec.calendar, JSON.stringify(spec.commission), spec.dataTz ? JSON.stringify(spec.dataTz) : null, spec.source];
}
const SPEC_COLUMNS = 'name, kind, tick_size, point_value, exchange, currency, quantity_step, lot_size, unit, calendar, commission_json, data_tz_json, source';

/**
 * Insert the instrument if new, else store `spec` as its definition (a trader's definition replaces a
 * guessed or older one); returns its id. The exchange zone of a stored row is kept: its bars are aligned there.
 */
export function ensureInstrument(db: WriteDb, spec: InstrumentSpec): number {
  const found = db.prepare('SELECT id FROM instruments WHERE symbol = ?').get(spec.symbol) as { id: number } | undefined;
  if (found) {
    const sets = SPEC_COLUMNS.split(', ').map((c) => `${c} = ?`).join(', ');
    db.prepare(`UPDATE instruments SET ${sets} WHERE id = ?`).run(...specValues(spec), found.id);
    return found.id;
  }
  const info = db.prepare(`INSERT INTO instruments (symbol, exchange_tz, ${SPEC_COLUMNS}) VALUES (?, ?, ${SPEC_COLUMNS.split(', ').map(() => '?').join(', ')})`)
    .run(spec.symbol, spec.exchangeTz, ...specValues(spec));
  return Number(info.lastInsertRowid);
}

/** The stored row of a symbol, with or without a usable spec. */
export function storedInstrument(db: Db, symbol: string): StoredInstrument | undefined {
  const r = db.prepare('SELECT * FROM instruments WHERE symbol = ?').get(symbol.toUpperCase()) as Row | undefined;
  return r ? toStored(r) : undefined;
}

/** The stored spec of a symbol; undefined when there is no row or the row needs a definition. */
export function getInstrument(db: Db, symbol: string): StoredSpec | undefined {
  const s = storedInstrument(db, symbol);
  return s?.spec ? { ...s.spec, id: s.id } : undefined;
}

export function listInstruments(db: Db): InstrumentInfo[] {
  const rows = db.prepare('SELECT * FROM instruments ORDER BY symbol').all() as Row[];
  const barStats = db.prepare('SELECT tf, COUNT(*) AS n, MIN(t) AS first, MAX(t) AS last FROM bars WHERE instrument_id = ? GROUP BY tf');
  return rows.map((r) => {
    const stats = barStats.all(r.id) as { tf: number; n: number; first: number; last: number }[];
    const s = rowSpec(r);
    return {
      symbol: r.symbol, name: r.name, needsDefinition: s === null, exchangeTz: r.exchange_tz,
      kind: s?.kind ?? null, exchange: s?.exchange ?? null, tickSize: s?.tickSize ?? null, pointValue: s?.pointValue ?? null,
      currency: s?.currency ?? null, quantityStep: s?.quantityStep ?? null, lotSize: s?.lotSize ?? null, unit: s?.unit ?? null,
      commission: s?.commission ?? null, calendar: s?.calendar ?? null, source: s?.source ?? null,
      bars: TIMEFRAMES.map((tf) => {
        const b = stats.find((x) => x.tf === TIMEFRAME_MINUTES[tf]);
        return { timeframe: tf, count: b?.n ?? 0, first: b?.first ?? null, last: b?.last ?? null };
      }),
      ticks: tickRange(db, r.id).count,
    };
  });
}
