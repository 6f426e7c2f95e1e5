import type { Db, WriteDb } from './db.ts';
import { cached } from './statements.ts';
import type { Bar, BarColumns } from '../../src-shared/domain/bars.ts';
import { emptyColumns } from '../../src-shared/domain/bars.ts';

/** Insert or replace bars of one timeframe (caller holds the transaction). */
export function upsertBars(db: WriteDb, instrumentId: number, tfMinutes: number, bars: readonly Bar[]): void {
  const stmt = db.prepare('INSERT OR REPLACE INTO bars (instrument_id, tf, t, o, h, l, c, v) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const b of bars) stmt.run(instrumentId, tfMinutes, b.t, b.o, b.h, b.l, b.c, b.v);
}

/** Delete the bars of one timeframe with start in [from, to) (import --replace of a tick file; caller holds the transaction). */
export function deleteBarsBetween(db: WriteDb, instrumentId: number, tfMinutes: number, from: number, to: number): void {
  cached(db, 'DELETE FROM bars WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ?').run(instrumentId, tfMinutes, from, to);
}

/** A bar of an import at a time already stored with other values. */
export interface BarConflict { stored: Bar; given: Bar }

/**
 * An import's own bars (issue 16: stored data never changes silently): a new time is inserted, a bar
 * equal to the stored one changes nothing, and one that differs keeps the stored values unless
 * `replace` — either way `onConflict` hears of it. The fast path (new times) is one INSERT per bar.
 */
export function storeInputBars(db: WriteDb, instrumentId: number, tfMinutes: number, bars: readonly Bar[], replace: boolean,
  onConflict: (c: BarConflict) => void): void {
  // called once per chunk of an import: the statements are prepared once per connection
  const ins = cached(db, 'INSERT INTO bars (instrument_id, tf, t, o, h, l, c, v) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (instrument_id, tf, t) DO NOTHING');
  const get = cached(db, 'SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t = ?');
  const upd = cached(db, 'UPDATE bars SET o = ?, h = ?, l = ?, c = ?, v = ? WHERE instrument_id = ? AND tf = ? AND t = ?');
  for (const b of bars) {
    if (ins.run(instrumentId, tfMinutes, b.t, b.o, b.h, b.l, b.c, b.v).changes === 1) continue;
    const s = get.get(instrumentId, tfMinutes, b.t) as Bar;
    if (s.o === b.o && s.h === b.h && s.l === b.l && s.c === b.c && s.v === b.v) continue;
    onConflict({ stored: s, given: { t: b.t, o: b.o, h: b.h, l: b.l, c: b.c, v: b.v } });
    if (replace) upd.run(b.o, b.h, b.l, b.c, b.v, instrumentId, tfMinutes, b.t);
  }
}

export interface BarQuery { from?: number; to?: number; limit?: number }

/** Bars in time order; with a limit and no `from`, the most recent `limit` bars. */
export function getBars(db: Db, instrumentId: number, tfMinutes: number, q: BarQuery = {}): BarColumns {
  const from = q.from ?? -8.64e15;
  const to = q.to ?? 8.64e15;
  const limit = q.limit ?? -1;
  const sql = q.from === undefined && q.limit !== undefined
    ? `SELECT * FROM (SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ? ORDER BY t DESC LIMIT ?) ORDER BY t`
    : `SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ? ORDER BY t LIMIT ?`;
  const rows = db.prepare(sql).raw().all(instrumentId, tfMinutes, from, to, limit) as number[][];
  const cols = emptyColumns();
  for (const r of rows) {
    cols.t.push(r[0]!); cols.o.push(r[1]!); cols.h.push(r[2]!); cols.l.push(r[3]!); cols.c.push(r[4]!); cols.v.push(r[5]!);
  }
  return cols;
}

/** Stored bars as objects, for re-aggregation (1m → 5m/30m after an import). */
export function* iterateBars(db: Db, instrumentId: number, tfMinutes: number, from: number, to: number): Generator<Bar> {
  const stmt = db.prepare('SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ? ORDER BY t');
  for (const r of stmt.iterate(instrumentId, tfMinutes, from, to) as Iterable<Bar>) yield r;
}

export function countBars(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM bars').get() as { n: number }).n;
}

/** Whether any bar of this timeframe is stored for the instrument (starting after `after`, if given). */
export function hasBars(db: Db, instrumentId: number, tfMinutes: number, after = -8.64e15): boolean {
  return db.prepare('SELECT 1 FROM bars WHERE instrument_id = ? AND tf = ? AND t > ? LIMIT 1').get(instrumentId, tfMinutes, after) !== undefined;
}
