// `health --db <path>`: the contract's Health structure as JSON for a stored database, without an
// engine. The file is opened read-only (never created or migrated). Where the figures come from,
// first that applies (the top-level `recorded` key says which):
//   live  the heartbeat of an app running on this file: its process id is alive and the row was
//         written in the last LIVE_FRESH_MS (the app rewrites it every 2 s; engine/health/recorder.ts);
//   run   the newest final record: the health at the end of the last run recorded in the file;
//   none  no record (a file from before migration 0090, or never run): stages idle with zero counts.
// Stage figures, process numbers, loop lag and events/s are the recorded process's; the DB and WAL
// sizes and the raised alerts are read from the file now (they describe it as it is). `recorded`
// sits beside the validated Health, not inside it: the IPC schema stays what `health.get` returns.
import { existsSync } from 'node:fs';
import { parseArgs, str, UsageError } from './args.ts';
import { Health } from '../../src-shared/ipc.ts';
import { Metrics } from '../engine/health/metrics.ts';
import { sampleHealth, toHealth } from '../engine/health/snapshot.ts';
import { raisedAlerts } from '../store/alerts.ts';
import { hasTable, openDbReadOnly, type Db } from '../store/db.ts';
import { finalHealthRecords, hasRunHealth, liveHealthRecords, type HealthRecord } from '../store/run-health.ts';

/** a heartbeat older (or further ahead of this clock) than this is not live */
export const LIVE_FRESH_MS = 10_000;

export interface Recorded {
  kind: 'live' | 'run' | 'none';
  run_id: number | null;
  source: string | null;
  /** when the record was written, ISO 8601 UTC */
  at: string | null;
  pid: number | null;
}

interface Picked { kind: 'live' | 'run'; rec: HealthRecord; health: Health }

/** Whether a process with this id exists (EPERM: it does, under another user). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false; // 0 and negatives would signal process groups
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseRecord(r: HealthRecord): Health | null {
  let json: unknown;
  try { json = JSON.parse(r.healthJson); } catch { json = undefined; }
  const h = Health.safeParse(json);
  if (h.success) return h.data;
  process.stderr.write(`health: skipped health record ${r.id} (${r.kind}, ${r.source}, ${new Date(r.at).toISOString()}): not a valid Health\n`);
  return null;
}

function pick(db: Db, now: number): Picked | null {
  if (!hasRunHealth(db)) return null;
  for (const rec of liveHealthRecords(db)) {
    if (Math.abs(now - rec.at) > LIVE_FRESH_MS || !pidAlive(rec.pid)) continue;
    const health = parseRecord(rec);
    if (health) return { kind: 'live', rec, health };
  }
  for (const rec of finalHealthRecords(db)) {
    const health = parseRecord(rec);
    if (health) return { kind: 'run', rec, health };
  }
  return null;
}

export function runHealth(argv: string[]): number {
  const rssAtStart = process.memoryUsage().rss;
  const a = parseArgs(argv, ['db']);
  const dbPath = str(a, 'db');
  if (a.positionals.length > 0) throw new UsageError('health takes no file; name the database with --db <path>');
  if (!dbPath) throw new UsageError('health needs --db <path>');
  if (!existsSync(dbPath)) {
    process.stderr.write(`health: no database at ${dbPath}\n`);
    return 1;
  }
  const db = openDbReadOnly(dbPath);
  try {
    const now = Date.now();
    const hasAlerts = hasTable(db, 'alerts');
    const here = toHealth(sampleHealth({ metrics: new Metrics(), db, dbPath, rssAtStart, at: now }), hasAlerts ? raisedAlerts(db) : []);
    const p = pick(db, now);
    // Validated like an IPC response: the CLI is one more client of the same contract.
    const h = Health.parse(p ? { ...p.health, dbBytes: here.dbBytes, walBytes: here.walBytes, alerts: here.alerts } : here);
    const recorded: Recorded = p
      ? { kind: p.kind, run_id: p.rec.runId, source: p.rec.source, at: new Date(p.rec.at).toISOString(), pid: p.rec.pid }
      : { kind: 'none', run_id: null, source: null, at: null, pid: null };
    process.stdout.write(`${JSON.stringify({ recorded, ...h }, null, 2)}\n`);
    return 0;
  } finally {
    db.close();
  }
}
