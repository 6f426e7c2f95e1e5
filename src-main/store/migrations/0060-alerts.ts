import type { Migration } from './index.ts';

export const migration0060: Migration = {
  version: 60,
  name: 'alerts',
  up(db) {
    // Health alerts: raised once when a threshold is crossed, cleared (cleared_at set) when the
    // condition ends. Wall times in ms. The partial index finds the raised ones.
    db.exec(`
      CREATE TABLE alerts (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL,
        severity    TEXT NOT NULL CHECK (severity IN ('warning', 'critical')),
        message     TEXT NOT NULL,
        value       REAL,
        threshold   REAL,
        raised_at   INTEGER NOT NULL,
        cleared_at  INTEGER
      );
      CREATE INDEX alerts_raised ON alerts (key) WHERE cleared_at IS NULL;
    `);
  },
};
