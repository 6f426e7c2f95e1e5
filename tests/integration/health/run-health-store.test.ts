// The health records table stays small (one heartbeat row per process, the newest final records),
// and the recorders write what they are given, cheaply and without throwing out of a timer.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb, type WriteDb } from '../../../src-main/store/db.ts';
import {
  KEEP_FINAL, KEEP_LIVE, finalHealthRecords, latestFinalHealth, liveHealthRecords, saveFinalHealth, saveLiveHealth,
} from '../../../src-main/store/run-health.ts';
import { Metrics } from '../../../src-main/engine/health/metrics.ts';
import { LiveHealthRecorder, recordRunHealth } from '../../../src-main/engine/health/recorder.ts';
import { Health } from '../../../src-shared/ipc.ts';

let dir: string;
let n = 0;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'algospace-run-health-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fresh = (): WriteDb => openDb(join(dir, `h-${n++}.db`));
const count = (db: WriteDb) => (db.prepare('SELECT COUNT(*) AS n FROM run_health').get() as { n: number }).n;

describe('run_health store', () => {
  it('one heartbeat row per pid, rewritten in place; at most KEEP_LIVE rows of dead apps kept', () => {
    const db = fresh();
    for (let at = 1; at <= 5; at++) saveLiveHealth(db, { runId: null, source: 'app', pid: 111, at, healthJson: `{"beat":${at}}` });
    expect(liveHealthRecords(db)).toEqual([{ id: expect.any(Number), runId: null, source: 'app', kind: 'live', pid: 111, at: 5, healthJson: '{"beat":5}' }]);
    for (let pid = 1000; pid < 1000 + KEEP_LIVE + 10; pid++) saveLiveHealth(db, { runId: null, source: 'app', pid, at: pid, healthJson: '{}' });
    const live = liveHealthRecords(db);
    expect(live).toHaveLength(KEEP_LIVE);
    expect(live[0]!.pid).toBe(1000 + KEEP_LIVE + 9); // newest first, the oldest dropped
    closeDb(db);
  });

  it('keeps the newest KEEP_FINAL final records; a final with endLive removes that pid\'s heartbeat only', () => {
    const db = fresh();
    saveLiveHealth(db, { runId: null, source: 'app', pid: 7, at: 1, healthJson: '{}' });
    saveLiveHealth(db, { runId: null, source: 'app', pid: 8, at: 1, healthJson: '{}' });
    for (let i = 0; i < KEEP_FINAL + 20; i++) saveFinalHealth(db, { runId: null, source: 'cli replay', pid: 9, at: i, healthJson: `{"i":${i}}` });
    expect(finalHealthRecords(db)).toHaveLength(KEEP_FINAL);
    expect(latestFinalHealth(db)!.healthJson).toBe(`{"i":${KEEP_FINAL + 19}}`);
    expect(finalHealthRecords(db).at(-1)!.healthJson).toBe('{"i":20}');
    saveFinalHealth(db, { runId: null, source: 'app', pid: 7, at: 99, healthJson: '{}' }, true);
    expect(liveHealthRecords(db).map((r) => r.pid)).toEqual([8]);
    expect(count(db)).toBe(KEEP_FINAL + 1);
    closeDb(db);
  });

  it('a run id must name a stored run', () => {
    const db = fresh();
    expect(() => saveFinalHealth(db, { runId: 12345, source: 'cli replay', pid: 1, at: 1, healthJson: '{}' })).toThrow(/FOREIGN KEY/);
    expect(count(db)).toBe(0);
    closeDb(db);
  });
});

describe('recorders', () => {
  it('recordRunHealth stores a valid Health of the metrics as a final record', () => {
    const db = fresh();
    const m = new Metrics();
    m.component('indicators.5m').observe(2, 3);
    const h = recordRunHealth(db, m, { source: 'cli replay', at: 1234 });
    const rec = latestFinalHealth(db)!;
    expect(rec).toMatchObject({ runId: null, source: 'cli replay', kind: 'final', pid: process.pid, at: 1234 });
    expect(Health.parse(JSON.parse(rec.healthJson))).toEqual(h);
    expect(h.stages.find((s) => s.name === 'indicators.5m')).toMatchObject({ processed: 3, status: 'ok' });
    closeDb(db);
  });

  it('LiveHealthRecorder beats at start and every everyMs, and stop() leaves one final record and no heartbeat', async () => {
    const db = fresh();
    const m = new Metrics();
    let wall = 1000;
    const snap = () => healthOf(m, wall);
    const rec = new LiveHealthRecorder();
    rec.start(db, snap, { everyMs: 20, pid: 4242, now: () => wall, runId: () => null });
    expect(rec.running).toBe(true);
    expect(liveHealthRecords(db)).toMatchObject([{ pid: 4242, at: 1000, source: 'app' }]);
    wall = 2000;
    m.component('feed').observe(1, 5);
    await new Promise((r) => setTimeout(r, 120));
    const [beat] = liveHealthRecords(db);
    expect(beat!.at).toBe(2000);
    expect(JSON.parse(beat!.healthJson).stages[0]).toMatchObject({ name: 'feed', processed: 5 });
    expect(() => rec.start(db, snap)).toThrow(/already running/);
    wall = 3000;
    rec.stop();
    expect(rec.running).toBe(false);
    expect(liveHealthRecords(db)).toEqual([]);
    expect(finalHealthRecords(db)).toMatchObject([{ pid: 4242, at: 3000, source: 'app', kind: 'final' }]);
    rec.stop(); // twice is harmless
    expect(count(db)).toBe(1);
    closeDb(db);
  });

  it('a failing write is reported once (not thrown out of the timer) until one succeeds again', () => {
    const db = fresh();
    const errors: string[] = [];
    let runId: number | null = 999; // no such run: the foreign key refuses the row
    const rec = new LiveHealthRecorder();
    rec.start(db, () => healthOf(new Metrics(), 1), { everyMs: 60_000, runId: () => runId, onError: (e) => errors.push(e.message) });
    expect(rec.beat()).toBe(false);
    expect(rec.beat()).toBe(false);
    expect(errors).toEqual([expect.stringMatching(/FOREIGN KEY/)]);
    runId = null;
    expect(rec.beat()).toBe(true);
    runId = 999;
    expect(rec.beat()).toBe(false);
    expect(errors).toHaveLength(2);
    runId = null;
    rec.stop(false); // no final record, heartbeat removed
    expect(count(db)).toBe(0);
    closeDb(db);
  });
});

function healthOf(m: Metrics, at: number): Health {
  return { at, stages: m.snapshot(), process: { heapMb: 1, rssMb: 1, rssGrowthMb: 0 }, mainLoopLagMs: null, dbBytes: 0, walBytes: 0, ipcEventsPerSec: 0, alerts: [] };
}
