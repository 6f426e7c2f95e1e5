// Typed by its use in MIGRATIONS (index.ts), not by importing `Migration` from there: no import cycle.
import type Database from 'better-sqlite3';

export const migration0150 = {
  version: 150,
  name: 'sweep-folds',
  up(db: Database.Database): void {
    // Issue 15: a sweep task may trade one walk-forward fold of its file (window [from, to) in ms), and it
    // keeps the whole input a worker needs (data path, config, model, window) so that any worker, a queue's
    // on another machine or the app re-running it for its report, runs exactly that task.
    db.exec(`
      ALTER TABLE sweep_tasks ADD COLUMN fold INTEGER;
      ALTER TABLE sweep_tasks ADD COLUMN window_from INTEGER;
      ALTER TABLE sweep_tasks ADD COLUMN window_to INTEGER;
      ALTER TABLE sweep_tasks ADD COLUMN input_json TEXT;
    `);
  },
};
