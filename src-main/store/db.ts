// Opens the SQLite store (WAL) and runs migrations. Branded handles keep read paths from writing.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runMigrations } from './migrations/index.ts';
import type { Db, WriteDb } from './handles.ts';

export type { Db, WriteDb, ReadDb } from './handles.ts';

export function openDb(path: string): WriteDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
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

/** Another process's store, read only (a sweep reading an instrument the app imported): no migration, no write. */
export function openDbReadOnly(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db as unknown as Db;
}
