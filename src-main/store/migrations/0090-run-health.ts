// Typed by its use in MIGRATIONS (index.ts), not by importing `Migration` from there: no import cycle.
import type Database from 'better-sqlite3';

export const migration0090 = {
  version: 90,
  name: 'run-health',
  up(db: Database.Database): void {
    // What the pipeline's health was, so `health --db` can show it after the process is gone.
    // kind 'live':  the heartbeat of a running app (one row per process id, rewritten every few
    //               seconds; removed when the app shuts down and writes its final row).
    // kind 'final': the health at the end of a run (a CLI replay, an app session); the newest few
    //               are kept (src-main/store/run-health.ts).
    // run_id is the trading run it belongs to, if any; source says who wrote it ('cli replay', 'app').
    // at is wall ms; health_json is the contract's Health (src-shared/ipc.ts) as JSON.
    db.exec(`
      CREATE TABLE run_health (
        id          INTEGER PRIMARY KEY,
        run_id      INTEGER REFERENCES trading_runs (id),
        source      TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('live', 'final')),
        pid         INTEGER NOT NULL,
        at          INTEGER NOT NULL,
        health_json TEXT NOT NULL
      );
      CREATE UNIQUE INDEX run_health_live ON run_health (pid) WHERE kind = 'live';
      CREATE INDEX run_health_kind ON run_health (kind);
    `);
  },
};
