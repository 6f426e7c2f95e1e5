import type { Migration } from './index.ts';

export const migration0010: Migration = {
  version: 10,
  name: 'instruments and imports',
  up(db) {
    db.exec(`
      CREATE TABLE instruments (
        id          INTEGER PRIMARY KEY,
        symbol      TEXT NOT NULL UNIQUE,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL,
        exchange_tz TEXT NOT NULL,
        tick_size   REAL NOT NULL,
        point_value REAL NOT NULL
      );
      -- One row per completed import. Written in the same transaction as the data, so a crash
      -- mid-import leaves neither the row nor any of its data.
      CREATE TABLE imports (
        id            INTEGER PRIMARY KEY,
        file          TEXT NOT NULL,
        sha256        TEXT NOT NULL UNIQUE,
        format        TEXT NOT NULL,
        layout        TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('ticks', 'bars')),
        instrument_id INTEGER NOT NULL REFERENCES instruments(id),
        source_tz     TEXT NOT NULL,
        rows_read     INTEGER NOT NULL,
        rows_stored   INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL,
        problems_json TEXT NOT NULL,
        first_t       INTEGER,
        last_t        INTEGER,
        finished_at   INTEGER NOT NULL
      );
    `);
  },
};
