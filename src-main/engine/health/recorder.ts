// Keeps a process's health in its database so `npm run cli -- health --db <file>` can show it:
//   recordRunHealth   one record now — at the end of a run (final), or a single heartbeat;
//   LiveHealthRecorder a running app's heartbeat (one row rewritten every `everyMs`, default 2 s)
//                      and, at stop(), the final record of the session (the heartbeat row goes).
// A write is one small upsert or insert (a few KB of JSON); rows are bounded by the store
// (src-main/store/run-health.ts). Nothing here reads the records back.
import type { Alert, Health } from '../../../src-shared/ipc.ts';
import type { WriteDb } from '../../store/db.ts';
import { raisedAlerts } from '../../store/alerts.ts';
import { endLiveHealth, saveFinalHealth, saveLiveHealth, type NewHealthRecord } from '../../store/run-health.ts';
import type { Metrics } from './metrics.ts';
import { sampleHealth, toHealth } from './snapshot.ts';

/** RSS when this module was loaded: the memory-growth baseline when the caller has none. */
const RSS_AT_LOAD = process.memoryUsage().rss;

export const HEARTBEAT_MS = 2_000;

export interface RecordOptions {
  /** the trading run the figures belong to (trading_runs.id), if any */
  runId?: number | null;
  /** who ran it: 'cli replay', 'app', … */
  source: string;
  /** true (default): the final record of a run; false: a heartbeat of a running process */
  final?: boolean;
  /** default process.pid */
  pid?: number;
  /** wall ms; default Date.now() */
  at?: number;
  /** the database's file, for its and its WAL's sizes; default the connection's own name */
  dbPath?: string;
  /** RSS at the start of the run (for rssGrowthMb); default the RSS when this module was loaded */
  rssAtStart?: number;
  /** alerts raised; default the alerts table's raised ones */
  alerts?: readonly Alert[];
}

/** Snapshots `metrics` into the contract's Health and stores it; returns what was stored. */
export function recordRunHealth(db: WriteDb, metrics: Metrics, o: RecordOptions): Health {
  const at = o.at ?? Date.now();
  const sample = sampleHealth({ metrics, db, dbPath: o.dbPath ?? db.name, rssAtStart: o.rssAtStart ?? RSS_AT_LOAD, at });
  const health = toHealth(sample, o.alerts ?? raisedAlerts(db));
  writeHealth(db, health, { runId: o.runId ?? null, source: o.source, pid: o.pid ?? process.pid, at }, o.final ?? true, false);
  return health;
}

function writeHealth(db: WriteDb, health: Health, r: Omit<NewHealthRecord, 'healthJson'>, final: boolean, endLive: boolean): void {
  const rec = { ...r, healthJson: JSON.stringify(health) };
  if (final) saveFinalHealth(db, rec, endLive);
  else saveLiveHealth(db, rec);
}

export interface LiveOptions {
  /** default 'app' */
  source?: string;
  /** default HEARTBEAT_MS */
  everyMs?: number;
  /** default process.pid */
  pid?: number;
  /** the run in progress at each write (trading_runs.id), or null */
  runId?: () => number | null;
  /** wall clock, ms; default Date.now */
  now?: () => number;
  /** a write failed (busy, closed, bad run id); reported once until a write succeeds again */
  onError?: (e: Error) => void;
}

/** A running process's heartbeat in the store; see the file comment. */
export class LiveHealthRecorder {
  #db: WriteDb | null = null;
  #snapshot: () => Health = () => { throw new Error('not started'); };
  #timer: ReturnType<typeof setInterval> | null = null;
  #o: Required<LiveOptions> = {
    source: 'app', everyMs: HEARTBEAT_MS, pid: process.pid, runId: () => null, now: Date.now,
    onError: (e) => process.stderr.write(`health recorder: ${e.message}\n`),
  };
  #failing = false;

  get running(): boolean { return this.#db !== null; }

  /** Writes a heartbeat now and every `everyMs` until stop(). `snapshot` is the process's current Health. */
  start(db: WriteDb, snapshot: () => Health, o: LiveOptions = {}): void {
    if (this.#db) throw new Error('the health recorder is already running');
    this.#o = { ...this.#o, ...o };
    if (!(this.#o.everyMs > 0)) throw new Error(`heartbeat interval must be positive, got ${this.#o.everyMs}`);
    this.#db = db;
    this.#snapshot = snapshot;
    this.beat();
    this.#timer = setInterval(() => this.beat(), this.#o.everyMs);
    this.#timer.unref(); // never keeps a process alive
  }

  /** One heartbeat now; false if it could not be written (reported through onError). */
  beat(): boolean {
    return this.#write(false);
  }

  /**
   * Stops the heartbeat. `final` (default true): stores the session's last health as a final record
   * and removes the heartbeat row, in one transaction. Call before the database is closed.
   */
  stop(final = true): void {
    if (!this.#db) return;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    if (final) this.#write(true);
    else this.#guard(() => endLiveHealth(this.#db!, this.#o.pid));
    this.#db = null;
  }

  #write(final: boolean): boolean {
    const db = this.#db;
    if (!db) return false;
    return this.#guard(() => {
      const at = this.#o.now();
      writeHealth(db, this.#snapshot(), { runId: this.#o.runId(), source: this.#o.source, pid: this.#o.pid, at }, final, final);
    });
  }

  #guard(write: () => void): boolean {
    if (!this.#db?.open) return false;
    try {
      write();
      this.#failing = false;
      return true;
    } catch (e) {
      if (!this.#failing) this.#o.onError(e instanceof Error ? e : new Error(String(e)));
      this.#failing = true;
      return false;
    }
  }
}
