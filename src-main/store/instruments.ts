import type { Db, WriteDb } from './db.ts';
import type { InstrumentSpec } from '../../src-shared/instruments.ts';
import { TIMEFRAMES, TIMEFRAME_MINUTES } from '../../src-shared/domain/bars.ts';
import type { InstrumentInfo } from '../../src-shared/ipc.ts';
import { tickRange } from './ticks.ts';

interface Row {
  id: number; symbol: string; name: string; kind: InstrumentSpec['kind'];
  exchange_tz: string; tick_size: number; point_value: number;
}

const rowToSpec = (r: Row): InstrumentSpec & { id: number } => ({
  id: r.id, symbol: r.symbol, name: r.name, kind: r.kind, exchangeTz: r.exchange_tz, tickSize: r.tick_size, pointValue: r.point_value,
});

/** Insert the instrument if new; returns its id. An existing row keeps its stored spec. */
export function ensureInstrument(db: WriteDb, spec: InstrumentSpec): number {
  const found = db.prepare('SELECT id FROM instruments WHERE symbol = ?').get(spec.symbol) as { id: number } | undefined;
  if (found) return found.id;
  const info = db.prepare(`INSERT INTO instruments (symbol, name, kind, exchange_tz, tick_size, point_value)
    VALUES (?, ?, ?, ?, ?, ?)`).run(spec.symbol, spec.name, spec.kind, spec.exchangeTz, spec.tickSize, spec.pointValue);
  return Number(info.lastInsertRowid);
}

export function getInstrument(db: Db, symbol: string): (InstrumentSpec & { id: number }) | undefined {
  const r = db.prepare('SELECT * FROM instruments WHERE symbol = ?').get(symbol.toUpperCase()) as Row | undefined;
  return r ? rowToSpec(r) : undefined;
}

export function listInstruments(db: Db): InstrumentInfo[] {
  const rows = db.prepare('SELECT * FROM instruments ORDER BY symbol').all() as Row[];
  const barStats = db.prepare('SELECT tf, COUNT(*) AS n, MIN(t) AS first, MAX(t) AS last FROM bars WHERE instrument_id = ? GROUP BY tf');
  return rows.map((r) => {
    const stats = barStats.all(r.id) as { tf: number; n: number; first: number; last: number }[];
    const spec = rowToSpec(r);
    return {
      symbol: spec.symbol, name: spec.name, kind: spec.kind, exchangeTz: spec.exchangeTz,
      tickSize: spec.tickSize, pointValue: spec.pointValue,
      bars: TIMEFRAMES.map((tf) => {
        const s = stats.find((x) => x.tf === TIMEFRAME_MINUTES[tf]);
        return { timeframe: tf, count: s?.n ?? 0, first: s?.first ?? null, last: s?.last ?? null };
      }),
      ticks: tickRange(db, r.id).count,
    };
  });
}
