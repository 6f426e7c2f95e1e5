// Typed by its use in MIGRATIONS (index.ts), not by importing `Migration` from there: no import cycle.
import type Database from 'better-sqlite3';
import type { WriteDb } from '../handles.ts';
import { rebuildAllBarLevels } from '../bar-levels.ts';

export const migration0160 = {
  version: 160,
  name: 'bar-levels',
  up(db: Database.Database, progress?: (done: number, total: number) => void): void {
    // Issue 17: the chart's pyramid of pre-aggregated bars (bar-levels.ts), kept with the import. size =
    // the bucket's length in minutes, t = its first bar's start. A store made before gets its levels here.
    db.exec(`
      CREATE TABLE bar_levels (
        instrument_id INTEGER NOT NULL,
        tf            INTEGER NOT NULL,
        size          INTEGER NOT NULL,
        t             INTEGER NOT NULL,
        o REAL NOT NULL, h REAL NOT NULL, l REAL NOT NULL, c REAL NOT NULL, v REAL NOT NULL,
        PRIMARY KEY (instrument_id, tf, size, t)
      ) WITHOUT ROWID;
    `);
    rebuildAllBarLevels(db as WriteDb, progress);
  },
};
