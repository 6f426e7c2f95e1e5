// The chart's level of detail (src-renderer/lib/chart/lod.ts) against brute-force references:
// every bucket of every level, after loads, appends, edits of the forming bar and truncation, and no
// spike ever vanishes from the buckets drawn.
import { describe, expect, it } from 'vitest';
import { bucketFor, clusterByX, LinePyramid, LOD_MIN_BUCKET, OhlcvPyramid, type OhlcvSource } from '../../../src-renderer/lib/chart/lod.ts';
import { rng } from '../../../src-shared/rng.ts';

function randomBars(n: number, seed = 7): { o: number[]; h: number[]; l: number[]; c: number[]; v: number[] } {
  const rnd = rng(seed);
  const b = { o: [] as number[], h: [] as number[], l: [] as number[], c: [] as number[], v: [] as number[] };
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p, c = p + (rnd() - 0.5) * 2;
    b.o.push(o); b.c.push(c);
    b.h.push(Math.max(o, c) + rnd()); b.l.push(Math.min(o, c) - rnd()); b.v.push(Math.floor(rnd() * 100));
    p = c;
  }
  return b;
}

/** the reference: bucket k of `size` over the first n bars, computed directly */
function reference(s: OhlcvSource, n: number, size: number, k: number): number[] {
  const a = k * size, b = Math.min(n, a + size);
  let hi = -Infinity, lo = Infinity, vol = 0;
  for (let i = a; i < b; i++) { hi = Math.max(hi, s.h[i]!); lo = Math.min(lo, s.l[i]!); vol += s.v[i]!; }
  return [s.o[a]!, hi, lo, s.c[b - 1]!, vol];
}

function expectLevels(p: OhlcvPyramid, s: OhlcvSource, n: number): void {
  for (let size = LOD_MIN_BUCKET; size <= 4 * n; size *= 2) {
    const lv = p.level(s, n, size);
    expect(lv.n).toBe(Math.ceil(n / size));
    for (let k = 0; k < lv.n; k++) {
      const got = [lv.o[k]!, lv.h[k]!, lv.l[k]!, lv.c[k]!, lv.v[k]!];
      const want = reference(s, n, size, k);
      // single precision: the extremes are the bars' values rounded; summed volume within float32 rounding
      for (let j = 0; j < 4; j++) expect(got[j]).toBe(Math.fround(want[j]!));
      expect(Math.abs(got[4]! - want[4]!)).toBeLessThanOrEqual(Math.abs(want[4]!) * 1e-6);
    }
  }
}

describe('bucketFor', () => {
  it('draws every bar up to two bars per pixel, then power-of-two buckets with at most one per pixel', () => {
    expect(bucketFor(100, 1000)).toBe(1);
    expect(bucketFor(2000, 1000)).toBe(1);
    expect(bucketFor(2001, 1000)).toBe(4);
    expect(bucketFor(1_000_000, 2600)).toBe(512);
    for (const bars of [3000, 12_345, 1_000_000, 5e7]) {
      const b = bucketFor(bars, 1000);
      expect(bars / b).toBeLessThanOrEqual(1000);
      expect(bars / (b / 2)).toBeGreaterThan(b === LOD_MIN_BUCKET ? 0 : 1000);
    }
  });
});

describe('OhlcvPyramid', () => {
  it('matches the brute-force buckets at every level', () => {
    const s = randomBars(1234);
    expectLevels(new OhlcvPyramid(), s, 1234);
  });

  it('stays right through appends, an edited forming bar, truncation and a reset', () => {
    const all = randomBars(3000, 11);
    const s = { o: all.o.slice(), h: all.h.slice(), l: all.l.slice(), c: all.c.slice(), v: all.v.slice() };
    const p = new OhlcvPyramid();
    expectLevels(p, s, 1000);
    for (const n of [1001, 1017, 1500, 2999]) expectLevels(p, s, n); // appended bars
    s.h[2998] = 1e6; s.c[2998] = 500; // the forming bar changed
    p.invalidateFrom(2998);
    expectLevels(p, s, 2999);
    expectLevels(p, s, 700); // truncated
    s.l[3] = -1e6;
    p.reset();
    expectLevels(p, s, 3000);
    expectLevels(p, s, 0);
  });

  it('never loses a spike: the bucket holding it has its high (or low) at every level', () => {
    const n = 100_000;
    const s = randomBars(n, 3);
    const rnd = rng(5);
    const spikes = Array.from({ length: 50 }, () => Math.floor(rnd() * n));
    for (const [j, i] of spikes.entries()) {
      if (j % 2) s.h[i] = 1000 + j; else s.l[i] = -1000 - j;
    }
    const p = new OhlcvPyramid();
    for (let size = LOD_MIN_BUCKET; size <= n; size *= 2) {
      const lv = p.level(s, n, size);
      for (const [j, i] of spikes.entries()) {
        const k = Math.floor(i / size);
        if (j % 2) expect(lv.h[k]).toBeGreaterThanOrEqual(1000 + j);
        else expect(lv.l[k]).toBeLessThanOrEqual(-1000 - j);
      }
    }
  });
});

describe('LinePyramid', () => {
  it('keeps first, min, max and last per bucket, skipping NaN', () => {
    const rnd = rng(9);
    const ys = Array.from({ length: 777 }, (_, i) => (i < 40 || (i > 300 && i < 333) ? NaN : Math.sin(i / 10) * 10 + rnd()));
    ys[500] = 99; // a spike
    const p = new LinePyramid();
    for (let size = LOD_MIN_BUCKET; size <= 1024; size *= 2) {
      const lv = p.level(ys, ys.length, size);
      for (let k = 0; k < lv.n; k++) {
        const vals = ys.slice(k * size, (k + 1) * size).filter((v) => !Number.isNaN(v));
        if (vals.length === 0) {
          expect(lv.first[k]).toBeNaN();
          expect(lv.max[k]).toBeNaN();
          continue;
        }
        // single precision (lod.ts LineLevel): rounding is monotonic, so min/max of the rounded values are the rounded min/max
        expect([lv.first[k], lv.min[k], lv.max[k], lv.last[k]]).toEqual([vals[0]!, Math.min(...vals), Math.max(...vals), vals.at(-1)!].map(Math.fround));
      }
      expect(lv.max[Math.floor(500 / size)]).toBe(99);
    }
  });
});

describe('clusterByX', () => {
  it('merges markers of one kind closer than the gap and counts them; other kinds stay apart', () => {
    const items = [{ x: 10, k: 'a' }, { x: 12, k: 'a' }, { x: 13, k: 'b' }, { x: 30, k: 'a' }, { x: 15, k: 'a' }, { x: 17, k: 'a' }];
    const cl = clusterByX(items, (i) => i.x, (i) => i.k, 6);
    expect(cl.map((c) => [c.x, c.items[0]!.k, c.count])).toEqual([[10, 'a', 3], [13, 'b', 1], [17, 'a', 1], [30, 'a', 1]]);
    expect(cl.reduce((s, c) => s + c.count, 0)).toBe(items.length);
  });
});
