import type { Migration } from './index.ts';

export const migration0050: Migration = {
  version: 50,
  name: 'config changes',
  up(db) {
    // Every applied config change: when (wall ms), from where, the leaf diff, and the effective
    // config after it (so the config in force at any time can be audited and restored).
    db.exec(`
      CREATE TABLE config_changes (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        source  TEXT NOT NULL CHECK (source IN ('startup', 'editor', 'file')),
        diff    TEXT NOT NULL,
        config  TEXT NOT NULL
      );
    `);
  },
};
