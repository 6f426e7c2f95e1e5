// A replay reports to the health registry: `replay` per step, `feed` per chunk read, `bars` per
// chunk pushed (pipeline time excluded), and the pipeline's stages per bar.
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb } from '../../../src-main/store/db.ts';
import { importFile } from '../../../src-main/engine/ingest/import-file.ts';
import { Replayer } from '../../../src-main/engine/replay/replayer.ts';
import { Metrics } from '../../../src-main/engine/health/metrics.ts';
import { dataFile } from '../../helpers/data.ts';

const dir = mkdtempSync(join(tmpdir(), 'algospace-replay-metrics-'));
const db = openDb(join(dir, 'r.db'));
afterAll(() => { closeDb(db); rmSync(dir, { recursive: true, force: true }); });

describe('replay metrics', () => {
  it('counts every replayed tick in feed, bars and replay, and every 5m bar in the 5m stage', () => {
    const r = importFile(db, dataFile('lean/equity/usa/tick/spy/20131007_trade.zip'), { indicators: false });
    if (!r.ok) throw new Error(r.problem.message);
    const metrics = new Metrics();
    let queued: (() => void) | null = null;
    let wall = 0;
    const rp = new Replayer(db, {
      metrics, bars: () => {}, state: () => {}, now: () => wall,
      schedule: (fn) => { queued = fn; return 1; }, cancel: () => { queued = null; },
    });
    const loaded = rp.load('SPY', 0); // from the first tick
    if (typeof loaded === 'string') throw new Error(loaded);
    const warmed = metrics.component('indicators.5m').processed; // nothing stored before the start
    rp.setSpeed('max');
    rp.play();
    for (let i = 0; queued && i < 100_000; i++) { const fn: () => void = queued; queued = null; wall += 16; fn(); }
    expect(rp.state.status).toBe('ended');
    const c = (n: string) => metrics.component(n);
    expect(c('feed').processed).toBe(250_601);
    expect(c('bars').processed).toBe(250_601);
    expect(c('replay').processed).toBe(250_601);
    expect(c('replay').snapshot().p99Ms).toBeGreaterThan(0);
    const stored5m = (db.prepare('SELECT COUNT(*) AS n FROM bars WHERE tf = 5').get() as { n: number }).n;
    expect(c('indicators.5m').processed - warmed).toBe(stored5m);
    expect(c('indicators.30m').processed).toBeGreaterThan(0);
    const perIndicator = ['5m.fvg', '5m.atr', '5m.features', '30m.mlmi', '30m.nwrqk', '30m.lvn', '30m.mmd', '30m.features'].map((u) => `indicators.${u}`);
    for (const n of ['feed', 'bars', 'replay', 'indicators.5m', 'indicators.30m', ...perIndicator, 'matrices']) {
      expect(c(n).errors, n).toBe(0);
      expect(c(n).status(), n).toBe('ok');
    }
  }, 120_000);
});
