// Numbered migrations (steps of 10), run in one transaction; a database from a newer app is refused.
// A shipped migration is never edited: add the next one.
import type Database from 'better-sqlite3';
import { migration0010 } from './0010-instruments-imports.ts';
import { migration0020 } from './0020-ticks.ts';
import { migration0030 } from './0030-bars.ts';
import { migration0040 } from './0040-indicator-values.ts';
import { migration0050 } from './0050-config-changes.ts';
import { migration0060 } from './0060-alerts.ts';
import { migration0070 } from './0070-trading.ts';
import { migration0080 } from './0080-tick-blocks.ts';
import { migration0090 } from './0090-run-health.ts';
import { migration0110 } from './0110-instrument-spec.ts';
import { migration0120 } from './0120-fill-native-money.ts';
import { migration0130 } from './0130-synergy-evidence.ts';
import { migration0140 } from './0140-sweeps.ts';
import { migration0150 } from './0150-sweep-folds.ts';
import { migration0160 } from './0160-bar-levels.ts';
import { reportMigration } from './progress.ts';

export interface Migration {
  version: number;
  name: string;
  /** `progress`: a long migration tells how far it is (progress.ts) */
  up(db: Database.Database, progress?: (done: number, total: number) => void): void;
}

export const MIGRATIONS: readonly Migration[] = [migration0010, migration0020, migration0030, migration0040, migration0050, migration0060, migration0070, migration0080, migration0090, migration0110, migration0120, migration0130, migration0140, migration0150, migration0160];

export class DbFromFutureError extends Error {}

export function latestVersion(): number {
  return MIGRATIONS[MIGRATIONS.length - 1]!.version;
}

export function runMigrations(db: Database.Database, upTo = latestVersion()): number {
  for (let i = 1; i < MIGRATIONS.length; i++) {
    if (MIGRATIONS[i]!.version <= MIGRATIONS[i - 1]!.version) throw new Error('migration numbers must go up');
  }
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latestVersion()) {
    throw new DbFromFutureError(`database schema version ${current} is newer than this app supports (${latestVersion()})`);
  }
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= upTo);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db, (done, total) => reportMigration({ version: m.version, name: m.name, done, total }));
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  })();
  return pending[pending.length - 1]!.version;
}
