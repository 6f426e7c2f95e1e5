// Typed by its use in MIGRATIONS (index.ts), not by importing `Migration` from there: no import cycle.
import type Database from 'better-sqlite3';

export const migration0120 = {
  version: 120,
  name: 'fill-native-money',
  up(db: Database.Database): void {
    // Issue 13: a fill's money in the instrument's own currency too (commission, pnl stay in the
    // account currency, converted at the stated rate). NULL on rows written before.
    db.exec(`
      ALTER TABLE fills ADD COLUMN currency          TEXT;
      ALTER TABLE fills ADD COLUMN commission_native REAL;
      ALTER TABLE fills ADD COLUMN pnl_native        REAL;
    `);
  },
};
