// The database handle types. Branded so read paths cannot write. Their own module (db.ts re-exports
// them) so a store module a migration uses (ticks.ts: the tick-block codec) need not import db.ts,
// which imports the migrations: no import cycle, not even a type-only one.
import type Database from 'better-sqlite3';

export type Db = Database.Database;
export type WriteDb = Db & { readonly __write: true };
export type ReadDb = Db & { readonly __read?: true };
