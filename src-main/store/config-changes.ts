// The config change log: one row per applied change (time, source, leaf diff, effective config).
import type { Db, WriteDb } from './db.ts';
import type { ConfigChange } from '../../src-shared/ipc.ts';

interface Row { id: number; at: number; source: ConfigChange['source']; diff: string; config: string }

const rowToChange = (r: Row): ConfigChange => ({ at: r.at, source: r.source, diff: JSON.parse(r.diff) as ConfigChange['diff'] });

export function recordConfigChange(db: WriteDb, change: ConfigChange, config: unknown): void {
  const r = db.prepare('INSERT INTO config_changes (at, source, diff, config) VALUES (?, ?, ?, ?)')
    .run(change.at, change.source, JSON.stringify(change.diff), JSON.stringify(config));
  if (r.changes !== 1) throw new Error('config change not recorded');
}

/** Newest first. */
export function listConfigChanges(db: Db, limit = 500): ConfigChange[] {
  return (db.prepare('SELECT * FROM config_changes ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(rowToChange);
}

/** The effective config recorded with the last change, if any. */
export function lastRecordedConfig(db: Db): unknown {
  const r = db.prepare('SELECT config FROM config_changes ORDER BY id DESC LIMIT 1').get() as { config: string } | undefined;
  return r ? JSON.parse(r.config) as unknown : undefined;
}
