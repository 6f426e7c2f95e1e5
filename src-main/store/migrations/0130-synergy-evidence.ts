// Typed by its use in MIGRATIONS (index.ts), not by importing `Migration` from there: no import cycle.
import type Database from 'better-sqlite3';

export const migration0130 = {
  version: 130,
  name: 'synergy-evidence',
  up(db: Database.Database): void {
    // Issue 14: what a report needs to re-trade every synergy on its own (take-all and rule-only
    // baselines): the step's ATR the plan is sized from; and the SHA-256 of the model file that gave
    // the synergy's p (NULL on the rule path); and the run's first traded step bar, so its equity
    // curve starts where it did. NULL on rows written before.
    db.exec(`
      ALTER TABLE trading_runs ADD COLUMN first_t INTEGER;
      ALTER TABLE synergies ADD COLUMN atr          REAL;
      ALTER TABLE synergies ADD COLUMN model_sha256 TEXT;
    `);
  },
};
