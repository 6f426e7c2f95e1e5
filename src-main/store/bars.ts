import type { Db, WriteDb } from './db.ts';
import { BATCH_ROWS, batchInsert, cached } from './statements.ts';
import type { Bar, BarColumns } from '../../src-shared/domain/bars.ts';
import { emptyColumns } from '../../src-shared/domain/bars.ts';

const BAR_COLS = '(instrument_id, tf, t, o, h, l, c, v)';

/** The parameters of bars [from, from + n) for a statement of n rows. */
function barArgs(args: unknown[], instrumentId: number, tfMinutes: number, bars: readonly Bar[], from: number, n: number): unknown[] {
  args.length = n * 8;
  for (let k = 0; k < n; k++) {
    const b = bars[from + k]!, o = k * 8;
    args[o] = instrumentId; args[o + 1] = tfMinutes; args[o + 2] = b.t; args[o + 3] = b.o;
    args[o + 4] = b.h; args[o + 5] = b.l; args[o + 6] = b.c; args[o + 7] = b.v;
  }
  return args;
}

/** Insert or replace bars of one timeframe (caller holds the transaction); rows in order, so a later equal time wins. */
export function upsertBars(db: WriteDb, instrumentId: number, tfMinutes: number, bars: readonly Bar[]): void {
  const args: unknown[] = [];
  for (let i = 0; i < bars.length; i += BATCH_ROWS) {
    const n = Math.min(BATCH_ROWS, bars.length - i);
    batchInsert(db, `INSERT OR REPLACE INTO bars ${BAR_COLS}`, 8, n).run(barArgs(args, instrumentId, tfMinutes, bars, i, n));
  }
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
  const get = cached(db, 'SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t = ?');
  const upd = cached(db, 'UPDATE bars SET o = ?, h = ?, l = ?, c = ?, v = ? WHERE instrument_id = ? AND tf = ? AND t = ?');
  const args: unknown[] = [];
  for (let i = 0; i < bars.length; i += BATCH_ROWS) {
    const n = Math.min(BATCH_ROWS, bars.length - i);
    const ins = batchInsert(db, `INSERT INTO bars ${BAR_COLS}`, 8, n, ' ON CONFLICT (instrument_id, tf, t) DO NOTHING');
    if (ins.run(barArgs(args, instrumentId, tfMinutes, bars, i, n)).changes === n) continue;
    for (let k = i; k < i + n; k++) {
      const b = bars[k]!;
      const s = get.get(instrumentId, tfMinutes, b.t) as Bar;
      if (s.o === b.o && s.h === b.h && s.l === b.l && s.c === b.c && s.v === b.v) continue;
      onConflict({ stored: s, given: { t: b.t, o: b.o, h: b.h, l: b.l, c: b.c, v: b.v } });
      if (replace) upd.run(b.o, b.h, b.l, b.c, b.v, instrumentId, tfMinutes, b.t);
    }
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

const PAGE_ROWS = 32_768;

/**
 * Stored bars as objects in time order, for re-aggregation (1m → 5m/30m after an import) and the
 * indicator pass. Read a page at a time (~1.4× the speed of a row cursor; memory stays bounded).
 */
export function* iterateBars(db: Db, instrumentId: number, tfMinutes: number, from: number, to: number): Generator<Bar> {
  const first = cached(db, 'SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ? ORDER BY t LIMIT ?');
  const next = cached(db, 'SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t > ? AND t < ? ORDER BY t LIMIT ?');
  let rows = first.all(instrumentId, tfMinutes, from, to, PAGE_ROWS) as Bar[];
  for (;;) {
    yield* rows;
    if (rows.length < PAGE_ROWS) return;
    rows = next.all(instrumentId, tfMinutes, rows[rows.length - 1]!.t, to, PAGE_ROWS) as Bar[];
  }
}

export function countBars(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM bars').get() as { n: number }).n;
}

/** Whether any bar of this timeframe is stored for the instrument (starting after `after`, if given). */
export function hasBars(db: Db, instrumentId: number, tfMinutes: number, after = -8.64e15): boolean {
  return db.prepare('SELECT 1 FROM bars WHERE instrument_id = ? AND tf = ? AND t > ? LIMIT 1').get(instrumentId, tfMinutes, after) !== undefined;
}
