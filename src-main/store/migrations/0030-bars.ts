import type { Migration } from './index.ts';

export const migration0030: Migration = {
  version: 30,
  name: 'bars',
  up(db) {
    // tf in minutes; t = bar start (UTC ms), aligned in the instrument's exchange zone.
    db.exec(`
      CREATE TABLE bars (
        instrument_id INTEGER NOT NULL,
        tf            INTEGER NOT NULL,
        t             INTEGER NOT NULL,
        o REAL NOT NULL, h REAL NOT NULL, l REAL NOT NULL, c REAL NOT NULL, v REAL NOT NULL,
        PRIMARY KEY (instrument_id, tf, t)
      ) WITHOUT ROWID;
    `);
  },
};
