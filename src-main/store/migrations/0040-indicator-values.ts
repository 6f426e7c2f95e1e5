import type { Migration } from './index.ts';

export const migration0040: Migration = {
  version: 40,
  name: 'indicator values and FVG zones',
  up(db) {
    // One row per bar and timeframe: the indicator outputs of that bar as a JSON object keyed by the
    // `indicators` CLI column names (null while not ready), computed with the config whose hash is kept.
    db.exec(`
      CREATE TABLE indicator_values (
        instrument_id INTEGER NOT NULL,
        tf            INTEGER NOT NULL,
        t             INTEGER NOT NULL,
        config_hash   TEXT NOT NULL,
        data          TEXT NOT NULL,
        PRIMARY KEY (instrument_id, tf, t)
      ) WITHOUT ROWID;
      -- FVG zones for the chart: flagged on the 5m bar from_t, ended (mitigated / invalidated /
      -- expired) on the 5m bar to_t, or still active (NULL).
      CREATE TABLE fvg_zones (
        instrument_id INTEGER NOT NULL,
        from_t        INTEGER NOT NULL,
        dir           INTEGER NOT NULL CHECK (dir IN (1, -1)),
        lower         REAL NOT NULL,
        upper         REAL NOT NULL,
        to_t          INTEGER,
        end_reason    TEXT CHECK (end_reason IN ('mitigated', 'invalidated', 'expired')),
        PRIMARY KEY (instrument_id, from_t, dir)
      ) WITHOUT ROWID;
    `);
  },
};
