// The chart's pre-aggregated levels (issue 17 point 2, bar-levels.ts): after real imports — a
// first one, an overlapping one with --replace that changes bars, a tick file — and after the
// migration that adds them to an older store, bars.range's buckets read from the levels equal a
// brute-force aggregate of the stored bars (first open, max high, min low, last close, summed
// volume, epoch-aligned), whole, as the newest `limit`, and cut at a replay clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb, type WriteDb } from '../../../src-main/store/db.ts';
import { barRange, type F64Columns } from '../../../src-main/store/bar-range.ts';
import { levelBuckets, levelRows, rebuildAllBarLevels } from '../../../src-main/store/bar-levels.ts';
import { upsertBars } from '../../../src-main/store/bars.ts';
import { runMigrations } from '../../../src-main/store/migrations/index.ts';
import { onMigrationProgress, type MigrationStep } from '../../../src-main/store/migrations/progress.ts';
import { ensureInstrument, storedInstrument } from '../../../src-main/store/instruments.ts';
import { resolveInstrument } from '../../../src-shared/instruments.ts';
import { importFile } from '../../../src-main/engine/ingest/import-file.ts';
import { dataFile } from '../../helpers/data.ts';
import { TIMEFRAMES, TIMEFRAME_MINUTES } from '../../../src-shared/domain/bars.ts';

const NQ_1M = dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv');
let dir: string;
let db: WriteDb;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'algospace-levels-')); db = openDb(join(dir, 's.db')); });
afterEach(() => { closeDb(db); rmSync(dir, { recursive: true, force: true }); });

/** buckets of `ms` over bars in time order, computed here from the bars alone */
function bruteForce(bars: F64Columns, ms: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < bars.t.length; i++) {
    const t = bars.t[i]!, b = t - (((t % ms) + ms) % ms), last = out.at(-1);
    if (last && last[6] === b) {
      last[2] = Math.max(last[2]!, bars.h[i]!); last[3] = Math.min(last[3]!, bars.l[i]!);
      last[4] = bars.c[i]!; last[5] = last[5]! + bars.v[i]!;
    } else out.push([t, bars.o[i]!, bars.h[i]!, bars.l[i]!, bars.c[i]!, bars.v[i]!, b]);
  }
  return out.map((r) => r.slice(0, 6));
}
const rows = (c: F64Columns) => Array.from(c.t, (t, i) => [t, c.o[i]!, c.h[i]!, c.l[i]!, c.c[i]!, c.v[i]!]);

/** every level of every timeframe of `symbol`, whole, newest 7, and cut at three clocks, against the brute force */
function expectLevelsMatch(d: Database.Database, symbol: string): number {
  const id = storedInstrument(d, symbol)!.id;
  let checked = 0;
  for (const tf of TIMEFRAMES) {
    const m = TIMEFRAME_MINUTES[tf], all = barRange(d, id, m);
    if (all.t.length === 0) continue;
    for (const ms of levelBuckets(m)) {
      const kept = levelRows(d, id, m, ms, Infinity)!;
      expect(kept.t.length).toBeGreaterThan(0); // read from the levels, not scanned
      expect(rows(barRange(d, id, m, { bucketMs: ms }))).toEqual(bruteForce(all, ms));
      expect(rows(barRange(d, id, m, { bucketMs: ms, limit: 7 }))).toEqual(bruteForce(all, ms).slice(-7));
      for (const f of [0.31, 0.5, 0.77]) {
        const to = all.t[Math.floor(all.t.length * f)]! + 1; // a clock inside a bucket: its tail from the bars
        const cut = barRange(d, id, m, { to });
        expect(rows(barRange(d, id, m, { bucketMs: ms, to }))).toEqual(bruteForce(cut, ms));
        expect(rows(barRange(d, id, m, { bucketMs: ms, to, limit: 3 }))).toEqual(bruteForce(cut, ms).slice(-3));
      }
      checked += kept.t.length;
    }
  }
  return checked;
}

describe('bar levels', () => {
  it('an import keeps them: equal to the bars aggregated, at every level and timeframe', () => {
    const r = importFile(db, NQ_1M, { indicators: false });
    expect(r.ok).toBe(true);
    expect(expectLevelsMatch(db, 'NQ')).toBeGreaterThan(14_714 / 16);
  });

  it('an overlapping import with --replace that changes bars refreshes them; a tick file gets them too', () => {
    expect(importFile(db, NQ_1M, { indicators: false }).ok).toBe(true);
    // the file's middle third again, every close and high 2 points up: the replaced bars must show
    const lines = readFileSync(NQ_1M, 'utf8').trim().split('\n');
    const third = Math.floor(lines.length / 3);
    const changed = lines.slice(third, 2 * third).map((line) => {
      const [ts, o, h, l, c, v] = line.split(',');
      return [ts, o, (+h! + 2).toFixed(2), l, (+c! + 2 > +h! + 2 ? +h! + 2 : +c! + 2).toFixed(2), v].join(',');
    });
    const file = join(dir, 'NQ_1min_changed.csv');
    writeFileSync(file, `${lines[0]}\n${changed.join('\n')}\n`);
    const r = importFile(db, file, { indicators: false, replace: true, instrument: 'NQ' });
    expect(r.ok && r.value.barsReplaced).toBeGreaterThan(1000);
    expectLevelsMatch(db, 'NQ');
    expect(importFile(db, dataFile('lean/equity/usa/tick/spy/20131007_trade.zip'), { indicators: false }).ok).toBe(true);
    expectLevelsMatch(db, 'SPY');
  });

  it('a store made before the levels gets them from its migration', () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    runMigrations(old, 150);
    const imported = openDb(join(dir, 'src.db'));
    expect(importFile(imported, NQ_1M, { indicators: false }).ok).toBe(true);
    const id = storedInstrument(imported, 'NQ')!.id;
    old.exec(`ATTACH '${join(dir, 'src.db')}' AS src; INSERT INTO instruments SELECT * FROM src.instruments; DETACH src`);
    for (const tf of TIMEFRAMES) {
      const m = TIMEFRAME_MINUTES[tf], c = barRange(imported, id, m);
      old.transaction(() => upsertBars(old as WriteDb, id, m, rows(c).map(([t, o, h, l, cl, v]) => ({ t: t!, o: o!, h: h!, l: l!, c: cl!, v: v! }))))();
    }
    closeDb(imported);
    const steps: MigrationStep[] = [];
    const unlisten = onMigrationProgress((s) => steps.push(s));
    runMigrations(old);
    unlisten();
    expect(expectLevelsMatch(old, 'NQ')).toBeGreaterThan(14_714 / 16);
    old.close();
    // its progress: from 0 to all of its steps (a slice of the levels each), one at a time, only 0160's
    expect(new Set(steps.map((s) => `${s.version} ${s.name}`))).toEqual(new Set(['160 bar-levels']));
    const total = steps[0]!.total;
    expect(total).toBeGreaterThanOrEqual(TIMEFRAMES.length);
    expect(steps.map((s) => [s.done, s.total])).toEqual(Array.from({ length: total + 1 }, (_, i) => [i, total]));
  });
});

describe('bar levels over a long history', () => {
  it('a refresh of more buckets than one insert batch holds (70,000 generated 1m bars) equals the brute force', () => {
    const id = ensureInstrument(db, resolveInstrument('NQ')!);
    const t0 = Date.UTC(2030, 0, 1);
    let p = 100;
    const bars = Array.from({ length: 70_000 }, (_, i) => {
      const o = p, c = (p = p + Math.sin(i * 0.37) * 0.5);
      return { t: t0 + i * 60_000, o, h: Math.max(o, c) + 0.25, l: Math.min(o, c) - 0.25, c, v: i % 97 };
    });
    db.transaction(() => upsertBars(db, id, 1, bars))();
    db.transaction(() => rebuildAllBarLevels(db))();
    const all = barRange(db, id, 1);
    for (const ms of levelBuckets(1)) expect(rows(barRange(db, id, 1, { bucketMs: ms }))).toEqual(bruteForce(all, ms));
  });
});
