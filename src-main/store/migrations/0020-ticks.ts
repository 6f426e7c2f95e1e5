import type { Migration } from './index.ts';

export const migration0020: Migration = {
  version: 20,
  name: 'ticks',
  up(db) {
    // vol_only: 1 when the trade counts for volume but not for OHLC (vendor sale-condition rule).
    db.exec(`
      CREATE TABLE ticks (
        instrument_id INTEGER NOT NULL,
        t             INTEGER NOT NULL,
        price         REAL NOT NULL,
        size          REAL NOT NULL,
        vol_only      INTEGER NOT NULL DEFAULT 0,
        import_id     INTEGER NOT NULL
      );
      CREATE INDEX ticks_by_time ON ticks (instrument_id, t);
    `);
  },
};
