// Opens the SQLite store (WAL) and runs migrations. Branded handles keep read paths from writing.
import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DbFromFutureError, latestVersion, runMigrations } from './migrations/index.ts';
import type { Db, WriteDb } from './handles.ts';

export type { Db, WriteDb, ReadDb } from './handles.ts';

/** A database that cannot be opened as ours: one line that says why and what to do (no stack trace). */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

export function openDb(path: string): WriteDb {
  try {
    return openUnchecked(path);
  } catch (e) {
    throw storeOpenError(path, e);
  }
}

/** The reason in words: a directory, not a database, a newer version's, read-only, locked, a full disk. */
export function storeOpenError(path: string, e: unknown): StoreOpenError {
  if (e instanceof StoreOpenError) return e;
  const code = (e as { code?: string }).code ?? '';
  const msg = (e as Error).message ?? String(e);
  const why = e instanceof DbFromFutureError ? `made by a newer version of AlgoSpace (${msg}): update the app, or use another database`
    : isDir(path) ? 'is a directory, not a database file'
      : code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' ? `is not an AlgoSpace database, or is damaged (SQLite: ${msg}); nothing was written to it`
        : code.startsWith('SQLITE_READONLY') || code === 'EACCES' ? `cannot be written (read-only: ${msg})`
          : code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' ? `is locked by another process (${msg}): close it there, or use another database`
            : code === 'SQLITE_FULL' ? 'cannot grow: the disk is full' : `cannot be opened (${code || 'error'}: ${msg})`;
  return new StoreOpenError(`${path}: ${why}`);
}

/** A file whose schema is newer than this version's migrations: read or written, it would be misread. */
function refuseNewer(db: Database.Database): void {
  const v = db.pragma('user_version', { simple: true }) as number;
  if (v > latestVersion()) throw new DbFromFutureError(`database schema version ${v} is newer than this app supports (${latestVersion()})`);
}

function isDir(path: string): boolean {
  try { return statSync(path).isDirectory(); } catch { return false; }
}

function openUnchecked(path: string): WriteDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // a newer version's file is refused before anything (even the journal mode) is written to it
  try {
    refuseNewer(db);
  } catch (e) {
    db.close();
    throw e;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536'); // 64 MiB page cache: bulk tick inserts touch many B-tree pages
  db.pragma('temp_store = MEMORY');
  runMigrations(db);
  return db as WriteDb;
}

/** Clean shutdown: fold the WAL back into the main file, then close. */
export function closeDb(db: Db): void {
  if (!db.open) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** A passive WAL checkpoint (never waits for readers): taken at quiet moments so a commit that matters does not pay for it. */
export function checkpointPassive(db: WriteDb): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

/** Whether the database has a table of that name (an old file may predate a migration). */
export function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function dbSizeBytes(db: Db): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return pages * size;
}

/**
 * A store read only (a sweep reading an instrument the app imported, `health --db`): no migration, no
 * write. A file that is no database, or a newer version's, is refused as openDb refuses it.
 */
export function openDbReadOnly(path: string): Db {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    refuseNewer(db);
    return db as unknown as Db;
  } catch (e) {
    db?.close();
    throw storeOpenError(path, e);
  }
}
