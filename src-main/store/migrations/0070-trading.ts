import type { Migration } from './index.ts';

export const migration0070: Migration = {
  version: 70,
  name: 'trading',
  up(db) {
    // The trading side (issue 6). A run is one stream of steps (a CLI replay of a file, or the app's
    // replay of a symbol) with its config and model; `key` finds it again to resume. Every other row
    // is written in the same transaction as the state change it records, together with the run's
    // cursor and state snapshot, so a kill leaves the store at a step boundary.
    // Market times (t, *_t) are UTC ms of exchange time; wall_t is the trader's clock.
    db.exec(`
      CREATE TABLE trading_runs (
        id           INTEGER PRIMARY KEY,
        key          TEXT NOT NULL UNIQUE,
        source       TEXT NOT NULL,
        symbol       TEXT NOT NULL,
        timeframe    TEXT NOT NULL CHECK (timeframe IN ('5m', '30m')),
        profile      TEXT NOT NULL,
        config_json  TEXT NOT NULL,
        model        TEXT,
        auto_approve INTEGER NOT NULL,
        created_at   INTEGER NOT NULL,
        cursor_t     INTEGER,
        steps        INTEGER NOT NULL DEFAULT 0,
        state_json   TEXT,
        finished_at  INTEGER
      );
      CREATE TABLE synergies (
        id               INTEGER PRIMARY KEY,
        run_id           INTEGER NOT NULL REFERENCES trading_runs (id),
        t                INTEGER NOT NULL,
        bar_start        INTEGER NOT NULL,
        step             INTEGER NOT NULL,
        pattern          TEXT NOT NULL,
        direction        INTEGER NOT NULL CHECK (direction IN (-1, 1)),
        price            REAL NOT NULL,
        quality          REAL NOT NULL,
        bars_to_complete INTEGER NOT NULL,
        signals_json     TEXT NOT NULL,
        path             TEXT NOT NULL CHECK (path IN ('model', 'rule')),
        p                REAL,
        threshold        REAL NOT NULL,
        accepted         INTEGER NOT NULL,
        reason           TEXT NOT NULL,
        UNIQUE (run_id, t)
      );
      CREATE TABLE decisions (
        id             INTEGER PRIMARY KEY,
        run_id         INTEGER NOT NULL REFERENCES trading_runs (id),
        synergy_id     INTEGER NOT NULL UNIQUE REFERENCES synergies (id),
        t              INTEGER NOT NULL,
        view_json      TEXT NOT NULL,
        shown_hash     TEXT NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'rejected_by_risk', 'expired')),
        risk_reasons   TEXT NOT NULL,
        expires_step   INTEGER,
        correlation_id TEXT NOT NULL
      );
      CREATE INDEX decisions_pending ON decisions (run_id) WHERE status = 'pending';
      CREATE TABLE approvals (
        id          INTEGER PRIMARY KEY,
        decision_id INTEGER NOT NULL UNIQUE REFERENCES decisions (id),
        action      TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'expire', 'auto_approve')),
        reason      TEXT,
        shown_hash  TEXT NOT NULL,
        exchange_t  INTEGER NOT NULL,
        wall_t      INTEGER NOT NULL,
        actor       TEXT NOT NULL
      );
      CREATE TABLE orders (
        id           INTEGER PRIMARY KEY,
        run_id       INTEGER NOT NULL REFERENCES trading_runs (id),
        decision_id  INTEGER NOT NULL UNIQUE REFERENCES decisions (id),
        direction    INTEGER NOT NULL,
        size         INTEGER NOT NULL,
        stop         REAL NOT NULL,
        target       REAL NOT NULL,
        submitted_t  INTEGER NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('queued', 'filled', 'closed', 'cancelled'))
      );
      CREATE TABLE fills (
        id         INTEGER PRIMARY KEY,
        order_id   INTEGER NOT NULL REFERENCES orders (id),
        kind       TEXT NOT NULL CHECK (kind IN ('entry', 'stop', 'target', 'time')),
        t          INTEGER NOT NULL,
        price      REAL NOT NULL,
        size       INTEGER NOT NULL,
        commission REAL NOT NULL,
        pnl        REAL,
        UNIQUE (order_id, kind)
      );
      CREATE TABLE positions (
        id          INTEGER PRIMARY KEY,
        run_id      INTEGER NOT NULL REFERENCES trading_runs (id),
        order_id    INTEGER NOT NULL UNIQUE REFERENCES orders (id),
        direction   INTEGER NOT NULL,
        size        INTEGER NOT NULL,
        entry_price REAL NOT NULL,
        entry_t     INTEGER NOT NULL,
        stop        REAL NOT NULL,
        target      REAL NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        exit_price  REAL,
        exit_t      INTEGER,
        exit_kind   TEXT,
        pnl         REAL
      );
    `);
  },
};
