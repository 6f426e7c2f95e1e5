// Typed by its use in MIGRATIONS (index.ts), not by importing `Migration` from there: no import cycle.
import type Database from 'better-sqlite3';

export const migration0110 = {
  version: 110,
  name: 'instrument-spec',
  up(db: Database.Database): void {
    // The rest of the instrument spec (issue 13). Rows stored by earlier versions keep NULL here:
    // those of kind 'other' carried a guessed spec (one-cent ticks, $1 a point) and read as
    // "needs a definition"; the others came from the catalogue and are read from it.
    // commission_json: the CommissionModel; data_tz_json: the spec's dataTz map (or NULL).
    db.exec(`
      ALTER TABLE instruments ADD COLUMN exchange        TEXT;
      ALTER TABLE instruments ADD COLUMN currency        TEXT;
      ALTER TABLE instruments ADD COLUMN quantity_step   REAL;
      ALTER TABLE instruments ADD COLUMN lot_size        REAL;
      ALTER TABLE instruments ADD COLUMN unit            TEXT;
      ALTER TABLE instruments ADD COLUMN calendar        TEXT;
      ALTER TABLE instruments ADD COLUMN commission_json TEXT;
      ALTER TABLE instruments ADD COLUMN data_tz_json    TEXT;
      ALTER TABLE instruments ADD COLUMN source          TEXT;
    `);
  },
};
