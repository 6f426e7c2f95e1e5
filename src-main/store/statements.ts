// Statements prepared once per connection: a decision step runs about ten of them, and preparing
// costs more than running these small ones.
import type Database from 'better-sqlite3';
import type { Db } from './handles.ts';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

export function cached(db: Db, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare(sql)));
  return st;
}
