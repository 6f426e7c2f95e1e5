// Issue 17 point 5 on the real engine worker: an import and the recompute after an indicator-parameter
// change report their phases (job.progressed); job.cancel, sent while the worker is busy with the job,
// is answered at once and stops it; nothing of it stays stored; the worker answers the calls that
// waited, and the next import runs to its end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEngine, type EngineHost } from '../../../src-main/server/engine-host.ts';
import { dataFile } from '../../helpers/data.ts';
import { until } from '../../helpers/wait.ts';
import type { JobProgress } from '../../../src-shared/progress.ts';

const WORKER = fileURLToPath(new URL('../../../src-main/engine/worker.ts', import.meta.url));
const FILE = dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv');
const dir = mkdtempSync(join(tmpdir(), 'as-jobs-'));
let host: EngineHost;
const jobs: JobProgress[] = [];

beforeAll(() => {
  host = startEngine({ dbPath: join(dir, 'a.db'), sampleDir: join(dir, 'no-samples'), mode: 'browser', workerUrl: WORKER });
  host.onEvent((topic, payload) => { if (topic === 'job.progressed') jobs.push(payload as JobProgress); });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('jobs on the engine worker', () => {
  it('cancels an import in its indicator phase: nothing stored, the waiting calls answered after', async () => {
    const started = host.call('import.start', { path: FILE });
    await until(() => jobs.some((j) => j.kind === 'import' && j.phase === 'indicators' && j.done > 0), 60_000, 20);
    const waiting = host.call('imports.list', {}); // not urgent: answered when the job has ended
    const cancel = await host.call('job.cancel', {});
    expect(cancel).toMatchObject({ ok: true, value: { cancelled: true } });
    const r = await started;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem.code).toBe('cancelled');
    expect(await waiting).toEqual({ ok: true, value: [] });
    expect(await host.call('instruments.list', {})).toEqual({ ok: true, value: [] });
    const last = jobs.at(-1)!;
    expect(last).toMatchObject({ kind: 'import', state: 'cancelled', label: 'btc-perp-20211231-20220201_1m.csv' });
    expect([...new Set(jobs.map((j) => j.phase))]).toEqual(['reading', 'bars', 'indicators']);
  }, 120_000);

  it('imports the same file to its end afterwards, through every phase', async () => {
    jobs.length = 0;
    const r = await host.call('import.start', { path: FILE });
    expect(r).toMatchObject({ ok: true, value: { rowsStored: 45_031, duplicate: false } });
    expect([...new Set(jobs.map((j) => j.phase))]).toEqual(['reading', 'bars', 'indicators', 'writing']);
    expect(jobs.at(-1)).toMatchObject({ state: 'done', message: '45031 rows stored' });
    const running = jobs.filter((j) => j.state === 'running' && j.etaSec !== null);
    expect(running.length).toBeGreaterThan(0);
    expect(running.every((j) => j.rowsPerSec >= 0 && j.done <= j.total)).toBe(true);
  }, 120_000);

  it('a profile switch recomputes the stored indicators as a job; cancelled, the values stay as they were', async () => {
    const before = await host.call('indicators.get', { symbol: 'BTC-PERP', timeframe: '30m' });
    jobs.length = 0;
    const switched = host.call('trading.setProfile', { profile: 'active' });
    await until(() => jobs.some((j) => j.kind === 'recompute' && j.phase === 'indicators' && j.done > 0), 60_000, 20);
    expect((await host.call('job.cancel', {})).ok).toBe(true);
    expect((await switched).ok).toBe(true); // the profile is in force; its indicator values were not stored
    expect(jobs.at(-1)).toMatchObject({ kind: 'recompute', state: 'cancelled', label: '1 instrument' }); // the job's own label, not the part it stopped in
    expect(await host.call('indicators.get', { symbol: 'BTC-PERP', timeframe: '30m' })).toEqual(before);
    jobs.length = 0;
    expect((await host.call('trading.setProfile', { profile: 'spec' })).ok).toBe(true);
    // back again: a recompute that runs to its end, the values as before
    expect(jobs.at(-1)).toMatchObject({ kind: 'recompute', state: 'done', message: 'indicator values of 1 instrument recomputed' });
    expect(await host.call('indicators.get', { symbol: 'BTC-PERP', timeframe: '30m' })).toEqual(before);
  }, 120_000);

  it('values left stale by a cancelled recompute are recomputed at the next start, as a job with progress', async () => {
    const before = await host.call('indicators.get', { symbol: 'BTC-PERP', timeframe: '30m' });
    jobs.length = 0;
    const switched = host.call('trading.setProfile', { profile: 'active' });
    await until(() => jobs.some((j) => j.kind === 'recompute' && j.phase === 'indicators' && j.done > 0), 60_000, 20);
    expect((await host.call('job.cancel', {})).ok).toBe(true);
    expect((await switched).ok).toBe(true);
    await host.close();
    jobs.length = 0;
    host = startEngine({ dbPath: join(dir, 'a.db'), sampleDir: join(dir, 'no-samples'), mode: 'browser', workerUrl: WORKER });
    host.onEvent((topic, payload) => { if (topic === 'job.progressed') jobs.push(payload as JobProgress); });
    await until(() => jobs.some((j) => j.kind === 'recompute' && j.state === 'done'), 120_000, 50);
    expect([...new Set(jobs.map((j) => j.phase))]).toEqual(['indicators', 'writing']);
    expect(jobs.some((j) => j.state === 'running' && j.phase === 'indicators' && j.done > 0 && j.done < j.total)).toBe(true);
    const after = await host.call('indicators.get', { symbol: 'BTC-PERP', timeframe: '30m' });
    expect(after.ok).toBe(true);
    expect(after).not.toEqual(before); // the active profile's values, not the spec's
  }, 240_000);
});
