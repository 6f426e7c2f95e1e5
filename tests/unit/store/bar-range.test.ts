// bars.range (issue 17 point 2): typed-array columns of a range, the newest `limit` before `to`,
// buckets against a brute-force aggregate, the replay clock's cut, and the WebSocket's binary
// message decoded as the browser decodes it — always the same bars as bars.get.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb, type WriteDb } from '../../../src-main/store/db.ts';
import { upsertBars } from '../../../src-main/store/bars.ts';
import { ensureInstrument } from '../../../src-main/store/instruments.ts';
import { barRange } from '../../../src-main/store/bar-range.ts';
import { dataHandlers } from '../../../src-main/engine/data-handlers.ts';
import { resolveInstrument } from '../../../src-shared/instruments.ts';
import { commands } from '../../../src-shared/ipc.ts';
import { decodeFrame, encodeFrame } from '../../../src-shared/binary-frame.ts';
import { rng } from '../../../src-shared/rng.ts';
import type { Bar } from '../../../src-shared/domain/bars.ts';

const M = 60_000;
const T0 = Date.UTC(2024, 0, 2, 14, 30);
let dir: string;
let db: WriteDb;
let id: number;
const bars: Bar[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-range-'));
  db = openDb(join(dir, 'r.db'));
  id = ensureInstrument(db, resolveInstrument('NQ')!);
  const rnd = rng(4);
  bars.length = 0;
  let p = 16000;
  for (let i = 0; i < 5000; i++) {
    if (i % 700 === 350) continue; // gaps
    const o = p, c = p + (rnd() - 0.5) * 8;
    bars.push({ t: T0 + i * M, o, h: Math.max(o, c) + rnd() * 3, l: Math.min(o, c) - rnd() * 3, c, v: Math.floor(rnd() * 500) });
    p = c;
  }
  db.transaction(() => upsertBars(db, id, 1, bars))();
});
afterEach(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('barRange', () => {
  it('reads a range, and the newest `limit` before `to`, as Float64Array columns', () => {
    const all = barRange(db, id, 1);
    expect(all.t).toBeInstanceOf(Float64Array);
    expect(Array.from(all.c)).toEqual(bars.map((b) => b.c));
    const to = bars[3000]!.t;
    const last = barRange(db, id, 1, { to, limit: 1000 });
    expect(Array.from(last.t)).toEqual(bars.slice(2000, 3000).map((b) => b.t));
    const mid = barRange(db, id, 1, { from: bars[10]!.t, to: bars[20]!.t });
    expect(Array.from(mid.o)).toEqual(bars.slice(10, 20).map((b) => b.o));
  });

  it('aggregates buckets like a brute-force reference (first open, max high, min low, last close, summed volume)', () => {
    const B = 17 * M;
    const got = barRange(db, id, 1, { bucketMs: B });
    const groups = new Map<number, Bar[]>();
    for (const b of bars) { const k = b.t - (b.t % B); groups.set(k, [...(groups.get(k) ?? []), b]); }
    const want = [...groups.values()];
    expect(got.t.length).toBe(want.length);
    want.forEach((g, k) => {
      expect(got.t[k]).toBe(g[0]!.t);
      expect(got.o[k]).toBe(g[0]!.o);
      expect(got.h[k]).toBe(Math.max(...g.map((b) => b.h)));
      expect(got.l[k]).toBe(Math.min(...g.map((b) => b.l)));
      expect(got.c[k]).toBe(g.at(-1)!.c);
      expect(got.v[k]).toBe(g.reduce((s, b) => s + b.v, 0));
    });
    const newest = barRange(db, id, 1, { bucketMs: B, limit: 5 });
    expect(Array.from(newest.t)).toEqual(want.slice(-5).map((g) => g[0]!.t));
  });
});

describe('bars.range', () => {
  it('answers the contract with typed columns that cross the WebSocket encoding as the bars of bars.get, cut at the replay clock', () => {
    const until = bars[4000]!.t + 30_000; // the clock inside bar 4000: bars up to 3999 are known
    const h = dataHandlers({ db: () => db, until: () => until });
    const res = h['bars.range']({ symbol: 'NQ', timeframe: '1m', limit: 1500 });
    expect(commands['bars.range'].res.safeParse(res).success).toBe(true);
    if (!res.ok) throw new Error(res.problem.message);
    // the browser's path: one binary message, decoded in place
    const sent = encodeFrame(res);
    if (typeof sent === 'string') throw new Error('expected a binary message');
    const got = decodeFrame(sent.slice().buffer) as typeof res;
    expect(commands['bars.range'].res.safeParse(got).success).toBe(true);
    if (!got.ok) throw new Error('failed');
    const cols = got.value.cols;
    const ref = h['bars.get']({ symbol: 'NQ', timeframe: '1m', limit: 1500 });
    if (!ref.ok) throw new Error(ref.problem.message);
    expect(Array.from(cols.t)).toEqual(ref.value.bars.t);
    expect(Array.from(cols.h)).toEqual(ref.value.bars.h);
    expect(cols.t.at(-1)).toBe(bars[3999]!.t);
    expect(res.value.n).toBe(1500);
    expect(res.value.more).toBe(true);
    const older = h['bars.range']({ symbol: 'NQ', timeframe: '1m', to: cols.t[0]!, limit: 1_000_000 });
    expect(older.ok && older.value.more).toBe(false);
    expect(older.ok && older.value.n).toBe(4000 - 1500); // bars[] holds the stored bars only
    expect(h['bars.range']({ symbol: 'NQ', timeframe: '1m', bucket: 90_000 }).ok).toBe(false);
  });
});
