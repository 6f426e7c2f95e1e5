// Health records (migration 0090): the live heartbeat of each running app process (one row per pid,
// rewritten in place) and the final health of finished runs (the newest KEEP_FINAL kept). Bounded:
// a heartbeat is an upsert, and every write drops rows past the limits, so the table stays a few
// dozen rows however long an app runs or however many runs a database sees. Times are wall ms.
import type { Db, WriteDb } from './db.ts';
import { cached } from './statements.ts';

/** final records kept (newest first, any source) */
export const KEEP_FINAL = 50;
/** heartbeat rows kept (newest first): more than any number of apps open on one file at once */
export const KEEP_LIVE = 16;

export type HealthKind = 'live' | 'final';

export interface HealthRecord {
  id: number;
  runId: number | null;
  source: string;
  kind: HealthKind;
  pid: number;
  at: number;
  /** the contract's Health as JSON, as written (readers validate it) */
  healthJson: string;
}

export type NewHealthRecord = Omit<HealthRecord, 'id' | 'kind'>;

interface Row { id: number; run_id: number | null; source: string; kind: HealthKind; pid: number; at: number; health_json: string }

const toRecord = (r: Row): HealthRecord => ({
  id: r.id, runId: r.run_id, source: r.source, kind: r.kind, pid: r.pid, at: r.at, healthJson: r.health_json,
});

const q = cached;

/** Whether the database has the table (a file written before migration 0090 does not). */
export function hasRunHealth(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'run_health'").get() !== undefined;
}

/** Writes (or rewrites) the heartbeat row of process `pid`. */
export function saveLiveHealth(db: WriteDb, r: NewHealthRecord): void {
  db.transaction(() => {
    q(db, `INSERT INTO run_health (run_id, source, kind, pid, at, health_json) VALUES (?, ?, 'live', ?, ?, ?)
      ON CONFLICT (pid) WHERE kind = 'live'
      DO UPDATE SET run_id = excluded.run_id, source = excluded.source, at = excluded.at, health_json = excluded.health_json`)
      .run(r.runId, r.source, r.pid, r.at, r.healthJson);
    // rows of apps that died without a final record: keep the newest few
    q(db, `DELETE FROM run_health WHERE kind = 'live' AND id NOT IN
      (SELECT id FROM run_health WHERE kind = 'live' ORDER BY at DESC, id DESC LIMIT ${KEEP_LIVE})`).run();
  })();
}

/** Adds a final record; returns its id. `endLive`: the process is stopping, drop its heartbeat row too. */
export function saveFinalHealth(db: WriteDb, r: NewHealthRecord, endLive = false): number {
  return db.transaction(() => {
    const id = Number(q(db, `INSERT INTO run_health (run_id, source, kind, pid, at, health_json) VALUES (?, ?, 'final', ?, ?, ?)`)
      .run(r.runId, r.source, r.pid, r.at, r.healthJson).lastInsertRowid);
    q(db, `DELETE FROM run_health WHERE kind = 'final' AND id <=
      (SELECT id FROM run_health WHERE kind = 'final' ORDER BY id DESC LIMIT 1 OFFSET ${KEEP_FINAL})`).run();
    if (endLive) endLiveHealth(db, r.pid);
    return id;
  })();
}

/** Drops the heartbeat row of process `pid` (it is shutting down). */
export function endLiveHealth(db: WriteDb, pid: number): void {
  q(db, "DELETE FROM run_health WHERE kind = 'live' AND pid = ?").run(pid);
}

/** Heartbeat rows, most recently written first (at most KEEP_LIVE). */
export function liveHealthRecords(db: Db): HealthRecord[] {
  return (q(db, "SELECT * FROM run_health WHERE kind = 'live' ORDER BY at DESC, id DESC").all() as Row[]).map(toRecord);
}

/** Final records, newest (last written) first. */
export function finalHealthRecords(db: Db, limit = KEEP_FINAL): HealthRecord[] {
  return (q(db, "SELECT * FROM run_health WHERE kind = 'final' ORDER BY id DESC LIMIT ?").all(limit) as Row[]).map(toRecord);
}

/** The newest final record, or null. */
export function latestFinalHealth(db: Db): HealthRecord | null {
  return finalHealthRecords(db, 1)[0] ?? null;
}
