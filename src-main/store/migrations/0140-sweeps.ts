// Typed by its use in MIGRATIONS (index.ts), not by importing `Migration` from there: no import cycle.
import type Database from 'better-sqlite3';

export const migration0140 = {
  version: 140,
  name: 'sweeps',
  up(db: Database.Database): void {
    // Issue 15: parameter sweeps. A sweep is found again by its key (its name and task hashes), so the
    // same command after a kill resumes it; a task's result is keyed by its hash (one per sweep), and a
    // second result for a hash that is done is a no-op. Trades keep their order in the report (seq).
    db.exec(`
      CREATE TABLE sweeps (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,
        name        TEXT NOT NULL,
        spec_json   TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE TABLE sweep_tasks (
        id           INTEGER PRIMARY KEY,
        sweep_id     INTEGER NOT NULL REFERENCES sweeps(id),
        task_hash    TEXT NOT NULL,
        idx          INTEGER NOT NULL,
        data_file    TEXT NOT NULL,
        params_json  TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('queued', 'done', 'failed')),
        metrics_json TEXT,
        error        TEXT,
        finished_at  INTEGER,
        UNIQUE (sweep_id, task_hash),
        UNIQUE (sweep_id, idx)
      );
      CREATE INDEX sweep_tasks_hash ON sweep_tasks(task_hash, status);
      CREATE TABLE sweep_trades (
        task_id     INTEGER NOT NULL REFERENCES sweep_tasks(id),
        seq         INTEGER NOT NULL,
        decision_id INTEGER NOT NULL,
        pattern     TEXT NOT NULL,
        direction   INTEGER NOT NULL,
        path        TEXT NOT NULL,
        p           REAL,
        size        REAL NOT NULL,
        entry_t     INTEGER NOT NULL,
        entry_price REAL NOT NULL,
        exit_t      INTEGER NOT NULL,
        exit_price  REAL NOT NULL,
        exit_kind   TEXT NOT NULL,
        pnl         REAL NOT NULL,
        risk_money  REAL NOT NULL,
        r           REAL NOT NULL,
        bars        INTEGER NOT NULL,
        PRIMARY KEY (task_id, seq)
      );
    `);
  },
};
