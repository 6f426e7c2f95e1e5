// Health alerts: one row per raise; clearing sets cleared_at. Times are wall ms passed in.
import type { Db, WriteDb } from './db.ts';
import type { Alert } from '../../src-shared/ipc.ts';

interface Row {
  id: number; key: string; severity: Alert['severity']; message: string;
  value: number | null; threshold: number | null; raised_at: number; cleared_at: number | null;
}

const rowToAlert = (r: Row): Alert => ({
  id: r.id, key: r.key, severity: r.severity, message: r.message, value: r.value, threshold: r.threshold,
  raisedAt: r.raised_at, clearedAt: r.cleared_at,
});

export type NewAlert = Omit<Alert, 'id' | 'clearedAt'>;

export function insertAlert(db: WriteDb, a: NewAlert): Alert {
  const r = db.prepare('INSERT INTO alerts (key, severity, message, value, threshold, raised_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(a.key, a.severity, a.message, a.value, a.threshold, a.raisedAt);
  if (r.changes !== 1) throw new Error('alert not recorded');
  return { ...a, id: Number(r.lastInsertRowid), clearedAt: null };
}

/** Sets cleared_at on a raised alert; returns it, or null if it was not raised (already cleared or unknown). */
export function clearAlert(db: WriteDb, id: number, at: number): Alert | null {
  const r = db.prepare('UPDATE alerts SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL').run(at, id);
  if (r.changes !== 1) return null;
  return rowToAlert(db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as Row);
}

/** Raised (not cleared) alerts, oldest first. */
export function raisedAlerts(db: Db): Alert[] {
  return (db.prepare('SELECT * FROM alerts WHERE cleared_at IS NULL ORDER BY id').all() as Row[]).map(rowToAlert);
}

/** Raised and cleared alerts, newest first. */
export function listAlerts(db: Db, limit = 500): Alert[] {
  return (db.prepare('SELECT * FROM alerts ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(rowToAlert);
}
