import { cached } from './statements.ts';
import type { Db, WriteDb } from './db.ts';
import type { ImportRecord } from '../../src-shared/ipc.ts';
import type { Problem } from '../../src-shared/result.ts';

interface Row {
  id: number; file: string; sha256: string; format: string; layout: string; kind: 'ticks' | 'bars';
  symbol: string; source_tz: string; rows_read: number; rows_stored: number; rows_rejected: number;
  problems_json: string; first_t: number | null; last_t: number | null; finished_at: number;
}

const rowToRecord = (r: Row, duplicate = false): ImportRecord => ({
  id: r.id, file: r.file, sha256: r.sha256, format: r.format, layout: r.layout, kind: r.kind, symbol: r.symbol,
  sourceTz: r.source_tz, rowsRead: r.rows_read, rowsStored: r.rows_stored, rowsRejected: r.rows_rejected,
  problems: JSON.parse(r.problems_json) as Problem[], firstT: r.first_t, lastT: r.last_t, finishedAt: r.finished_at, duplicate,
});

const SELECT = `SELECT i.*, s.symbol FROM imports i JOIN instruments s ON s.id = i.instrument_id`;

export function findImportByHash(db: Db, sha256: string): ImportRecord | undefined {
  const r = db.prepare(`${SELECT} WHERE i.sha256 = ?`).get(sha256) as Row | undefined;
  return r ? rowToRecord(r, true) : undefined;
}

export function listImports(db: Db): ImportRecord[] {
  return (db.prepare(`${SELECT} ORDER BY i.id DESC`).all() as Row[]).map((r) => rowToRecord(r));
}

export interface NewImport {
  file: string; sha256: string; format: string; layout: string; kind: 'ticks' | 'bars';
  instrumentId: number; sourceTz: string;
}

/** A bar file's import record, removed when the same file is imported again with --replace (nothing refers to it). */
export function deleteImportRecord(db: WriteDb, id: number): void {
  db.prepare(`DELETE FROM imports WHERE id = ? AND kind = 'bars'`).run(id);
}

/** Reserve the import row inside the caller's transaction (so its id can tag the ticks). */
export function insertImport(db: WriteDb, n: NewImport, now: number): number {
  const info = db.prepare(`INSERT INTO imports (file, sha256, format, layout, kind, instrument_id, source_tz,
      rows_read, rows_stored, rows_rejected, problems_json, finished_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, '[]', ?)`).run(n.file, n.sha256, n.format, n.layout, n.kind, n.instrumentId, n.sourceTz, now);
  return Number(info.lastInsertRowid);
}

export interface ImportTotals {
  rowsRead: number; rowsStored: number; rowsRejected: number; problems: Problem[];
  firstT: number | null; lastT: number | null;
}

export function completeImport(db: WriteDb, id: number, t: ImportTotals, now: number): ImportRecord {
  const info = db.prepare(`UPDATE imports SET rows_read = ?, rows_stored = ?, rows_rejected = ?, problems_json = ?,
      first_t = ?, last_t = ?, finished_at = ? WHERE id = ?`)
    .run(t.rowsRead, t.rowsStored, t.rowsRejected, JSON.stringify(t.problems), t.firstT, t.lastT, now, id);
  if (info.changes !== 1) throw new Error(`import ${id} vanished while being completed`);
  return rowToRecord(db.prepare(`${SELECT} WHERE i.id = ?`).get(id) as Row);
}

/** Ticks of an earlier import replaced by a later one (import --replace): its stored count goes down; the file name of the import. */
export function reduceStoredRows(db: WriteDb, id: number, by: number): string | null {
  cached(db, 'UPDATE imports SET rows_stored = rows_stored - ? WHERE id = ?').run(by, id);
  return (cached(db, 'SELECT file FROM imports WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

export function totalRejected(db: Db): number {
  return (db.prepare('SELECT COALESCE(SUM(rows_rejected), 0) AS n FROM imports').get() as { n: number }).n;
}
