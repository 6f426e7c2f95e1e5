import type { Db, WriteDb } from './db.ts';
import type { TickChunk } from '../engine/feed/types.ts';

/** Rows per INSERT statement: one multi-row statement costs far less than as many single-row runs. */
const BATCH = 100;
const COLS = 7;
type Insert = ReturnType<Db['prepare']>;
const stmts = new WeakMap<Db, { many: Insert; one: Insert; args: unknown[] }>();

function statements(db: Db) {
  let s = stmts.get(db);
  if (!s) {
    const row = `(${Array(COLS).fill('?').join(',')})`;
    const sql = (k: number) => `INSERT INTO ticks (instrument_id, t, import_id, seq, price, size, vol_only) VALUES ${Array(k).fill(row).join(',')}`;
    s = { many: db.prepare(sql(BATCH)), one: db.prepare(sql(1)), args: new Array(BATCH * COLS) };
    stmts.set(db, s);
  }
  return s;
}

/** Where the cursor of a tick reader stands: the last row read. */
export interface TickCursor { t: number; importId: number; seq: number }

/**
 * Append a chunk of ticks (caller holds the transaction). `firstSeq` numbers the rows in file order
 * within the import, so equal timestamps replay in the order the file had them.
 */
export function appendTicks(db: WriteDb, instrumentId: number, importId: number, chunk: TickChunk, firstSeq: number): void {
  const { many, one, args } = statements(db);
  const { t, price, size, volOnly } = chunk;
  const n = chunk.n;
  let i = 0;
  for (; i + BATCH <= n; i += BATCH) {
    for (let j = 0, o = 0; j < BATCH; j++, o += COLS) {
      const k = i + j;
      args[o] = instrumentId; args[o + 1] = t[k]; args[o + 2] = importId; args[o + 3] = firstSeq + k;
      args[o + 4] = price[k]; args[o + 5] = size[k]; args[o + 6] = volOnly[k];
    }
    many.run(args);
  }
  for (; i < n; i++) one.run([instrumentId, t[i]!, importId, firstSeq + i, price[i]!, size[i]!, volOnly[i]!]);
}

/** The cursor that makes `readTicks` start at the first tick with time ≥ t. */
export const cursorAt = (t: number): TickCursor => ({ t, importId: -1, seq: -1 });

/** Up to `limit` ticks after the cursor, in time then file order, as a chunk. */
export function readTicks(db: Db, instrumentId: number, after: TickCursor, limit: number): { chunk: TickChunk; last: TickCursor } {
  const rows = db.prepare(`SELECT t, import_id, seq, price, size, vol_only FROM ticks
      WHERE instrument_id = ? AND (t, import_id, seq) > (?, ?, ?) ORDER BY t, import_id, seq LIMIT ?`)
    .raw().all(instrumentId, after.t, after.importId, after.seq, limit) as number[][];
  const n = rows.length;
  const chunk: TickChunk = { kind: 'ticks', n, t: new Float64Array(n), price: new Float64Array(n), size: new Float64Array(n), volOnly: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    chunk.t[i] = r[0]!; chunk.price[i] = r[3]!; chunk.size[i] = r[4]!; chunk.volOnly[i] = r[5]!;
  }
  const lastRow = rows[n - 1];
  return { chunk, last: lastRow ? { t: lastRow[0]!, importId: lastRow[1]!, seq: lastRow[2]! } : after };
}

export function tickRange(db: Db, instrumentId: number): { count: number; first: number | null; last: number | null } {
  const r = db.prepare('SELECT COUNT(*) AS n, MIN(t) AS first, MAX(t) AS last FROM ticks WHERE instrument_id = ?').get(instrumentId) as { n: number; first: number | null; last: number | null };
  return { count: r.n, first: r.first, last: r.last };
}
