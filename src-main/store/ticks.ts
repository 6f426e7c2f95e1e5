import type { Db, WriteDb } from './db.ts';
import type { TickChunk } from '../engine/feed/types.ts';

/** Append a chunk of ticks (caller holds the transaction). */
export function appendTicks(db: WriteDb, instrumentId: number, importId: number, chunk: TickChunk): void {
  const stmt = db.prepare('INSERT INTO ticks (instrument_id, t, price, size, vol_only, import_id) VALUES (?, ?, ?, ?, ?, ?)');
  const { t, price, size, volOnly } = chunk;
  for (let i = 0; i < chunk.n; i++) stmt.run(instrumentId, t[i]!, price[i]!, size[i]!, volOnly[i]!, importId);
}

/** Ticks with time ≥ `from` (or after the cursor position), in time then file order, as a chunk. */
export function readTicks(db: Db, instrumentId: number, after: { t: number; rowid: number }, limit: number): { chunk: TickChunk; last: { t: number; rowid: number } } {
  const rows = db.prepare(`SELECT rowid, t, price, size, vol_only FROM ticks
      WHERE instrument_id = ? AND (t > ? OR (t = ? AND rowid > ?)) ORDER BY t, rowid LIMIT ?`)
    .raw().all(instrumentId, after.t, after.t, after.rowid, limit) as [number, number, number, number, number][];
  const n = rows.length;
  const chunk: TickChunk = { kind: 'ticks', n, t: new Float64Array(n), price: new Float64Array(n), size: new Float64Array(n), volOnly: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    chunk.t[i] = r[1]; chunk.price[i] = r[2]; chunk.size[i] = r[3]; chunk.volOnly[i] = r[4];
  }
  const lastRow = rows[n - 1];
  return { chunk, last: lastRow ? { t: lastRow[1], rowid: lastRow[0] } : after };
}

export function tickRange(db: Db, instrumentId: number): { count: number; first: number | null; last: number | null } {
  const r = db.prepare('SELECT COUNT(*) AS n, MIN(t) AS first, MAX(t) AS last FROM ticks WHERE instrument_id = ?').get(instrumentId) as { n: number; first: number | null; last: number | null };
  return { count: r.n, first: r.first, last: r.last };
}
