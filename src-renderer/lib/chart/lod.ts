// Level of detail for the chart (issue 17 point 1): never more than about two candles per device
// pixel column. When more bars are visible, bars are drawn as buckets of a power-of-two number of
// bars, aligned to absolute bar indexes (so a bucket does not change while panning): first open,
// max high, min low, last close, summed volume — a spike's high or low is always some bucket's
// extreme. Lines keep first, min, max and last per bucket; markers of one kind that would overlap
// are clustered with a count. The buckets are kept as a pyramid (4, 8, 16, … bars), updated from
// the first changed bar, so drawing all of a million bars reads about one bucket per pixel.
// Pure: no DOM, no uPlot.

/** the smallest bucket drawn instead of single bars */
export const LOD_MIN_BUCKET = 4;

/**
 * Bars per bucket to draw `bars` visible bars over `px` device pixels: 1 (every bar) while there are
 * at most two bars per pixel, else the smallest power of two ≥ LOD_MIN_BUCKET leaving ≤ 1 bucket per pixel.
 */
export function bucketFor(bars: number, px: number): number {
  if (!(px > 0) || bars <= 2 * px) return 1;
  let b = LOD_MIN_BUCKET;
  while (bars / b > px) b *= 2;
  return b;
}

export interface OhlcvSource {
  o: ArrayLike<number>; h: ArrayLike<number>; l: ArrayLike<number>; c: ArrayLike<number>; v: ArrayLike<number>;
}

/**
 * Buckets of `size` bars: bucket k covers bars [k·size, (k+1)·size) (the last one may be partial).
 * Single precision, like the line buckets: drawn only (the read-out shows the bars themselves).
 */
export interface OhlcvLevel { size: number; n: number; o: Float32Array; h: Float32Array; l: Float32Array; c: Float32Array; v: Float32Array }

/**
 * Line buckets; NaN (no value) is skipped, a bucket without values holds NaN. Single precision: they
 * are only drawn (a 24-bit mantissa is far finer than a pixel), and a line's pyramid holds about
 * half as many entries as it has bars, four times.
 */
export interface LineLevel { size: number; n: number; first: Float32Array; min: Float32Array; max: Float32Array; last: Float32Array }

function grow<A extends Float64Array | Float32Array>(a: A, n: number, keep: number): A {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (len: number) => A)(Math.max(n, a.length * 2, 64));
  b.set(a.subarray(0, keep));
  return b;
}

const emptyOhlcv = (size: number): OhlcvLevel => ({ size, n: 0, o: new Float32Array(0), h: new Float32Array(0), l: new Float32Array(0), c: new Float32Array(0), v: new Float32Array(0) });
const emptyLine = (size: number): LineLevel => ({ size, n: 0, first: new Float32Array(0), min: new Float32Array(0), max: new Float32Array(0), last: new Float32Array(0) });

/** Buckets k0… of `lv` (size S) from the finer `src` (bars, or the level of size S/2): `per` source items per bucket. */
function fillOhlcv(lv: OhlcvLevel, src: OhlcvSource, srcN: number, per: number, k0: number): void {
  const n = Math.ceil(srcN / per);
  lv.o = grow(lv.o, n, k0); lv.h = grow(lv.h, n, k0); lv.l = grow(lv.l, n, k0); lv.c = grow(lv.c, n, k0); lv.v = grow(lv.v, n, k0);
  const { o, h, l, c, v } = src;
  for (let k = k0; k < n; k++) {
    const a = k * per, b = Math.min(srcN, a + per);
    let hi = h[a]!, lo = l[a]!, vol = v[a]!;
    for (let i = a + 1; i < b; i++) {
      if (h[i]! > hi) hi = h[i]!;
      if (l[i]! < lo) lo = l[i]!;
      vol += v[i]!;
    }
    lv.o[k] = o[a]!; lv.h[k] = hi; lv.l[k] = lo; lv.c[k] = c[b - 1]!; lv.v[k] = vol;
  }
  lv.n = n;
}

function fillLine(lv: LineLevel, src: { first: ArrayLike<number>; min: ArrayLike<number>; max: ArrayLike<number>; last: ArrayLike<number> }, srcN: number, per: number, k0: number): void {
  const n = Math.ceil(srcN / per);
  lv.first = grow(lv.first, n, k0); lv.min = grow(lv.min, n, k0); lv.max = grow(lv.max, n, k0); lv.last = grow(lv.last, n, k0);
  for (let k = k0; k < n; k++) {
    const a = k * per, b = Math.min(srcN, a + per);
    let first = NaN, last = NaN, lo = Infinity, hi = -Infinity;
    for (let i = a; i < b; i++) {
      const f = src.first[i]!;
      if (Number.isNaN(f)) continue;
      if (Number.isNaN(first)) first = f;
      last = src.last[i]!;
      if (src.min[i]! < lo) lo = src.min[i]!;
      if (src.max[i]! > hi) hi = src.max[i]!;
    }
    lv.first[k] = first; lv.last[k] = last;
    lv.min[k] = Number.isNaN(first) ? NaN : lo; lv.max[k] = Number.isNaN(first) ? NaN : hi;
  }
  lv.n = n;
}

/** A pyramid of buckets over growing columns; `invalidateFrom(i)` after bars from index i changed. */
abstract class Pyramid<L extends { size: number; n: number }> {
  protected levels: L[] = [];
  #dirty = 0;
  #len = 0;

  invalidateFrom(i: number): void { this.#dirty = Math.min(this.#dirty, Math.max(0, i)); }
  reset(): void { this.#dirty = 0; this.#len = 0; for (const l of this.levels) l.n = 0; }

  protected abstract make(size: number): L;
  protected abstract fill(lv: L, prev: L | null, n: number, k0: number): void;

  /** The level of `size` (a power of two ≥ LOD_MIN_BUCKET) over the first `n` bars, brought up to date. */
  protected get(size: number, n: number): L {
    // a grown or shrunk column: its last (partial) bucket is filled again
    if (n !== this.#len) { this.#dirty = Math.min(this.#dirty, this.#len, Math.max(0, n - 1)); this.#len = n; }
    if (n === 0) for (const lv of this.levels) lv.n = 0;
    if (this.#dirty < n) {
      for (let s = LOD_MIN_BUCKET, j = 0; s <= Math.max(size, LOD_MIN_BUCKET) || j < this.levels.length; s *= 2, j++) {
        const lv = (this.levels[j] ??= this.make(s));
        this.fill(lv, j === 0 ? null : this.levels[j - 1]!, n, Math.floor(this.#dirty / s));
      }
      this.#dirty = n;
    } else {
      for (let s = LOD_MIN_BUCKET, j = 0; s <= size; s *= 2, j++) {
        if (this.levels[j]) continue;
        this.levels[j] = this.make(s);
        this.fill(this.levels[j]!, j === 0 ? null : this.levels[j - 1]!, n, 0);
      }
    }
    for (const lv of this.levels) if (lv.size === size) return lv;
    throw new Error(`no level of ${size} bars`);
  }
}

/** OHLCV buckets of the chart's bars. */
export class OhlcvPyramid extends Pyramid<OhlcvLevel> {
  #src: OhlcvSource = { o: [], h: [], l: [], c: [], v: [] };

  level(src: OhlcvSource, n: number, size: number): OhlcvLevel {
    this.#src = src;
    return this.get(size, n);
  }

  protected make(size: number): OhlcvLevel { return emptyOhlcv(size); }

  protected fill(lv: OhlcvLevel, prev: OhlcvLevel | null, n: number, k0: number): void {
    if (prev) fillOhlcv(lv, prev, prev.n, 2, k0);
    else fillOhlcv(lv, this.#src, n, LOD_MIN_BUCKET, k0);
  }
}

/** Line buckets of one column (an indicator), NaN skipped. */
export class LinePyramid extends Pyramid<LineLevel> {
  #ys: ArrayLike<number> = [];

  level(ys: ArrayLike<number>, n: number, size: number): LineLevel {
    this.#ys = ys;
    return this.get(size, n);
  }

  protected make(size: number): LineLevel { return emptyLine(size); }

  protected fill(lv: LineLevel, prev: LineLevel | null, n: number, k0: number): void {
    const ys = this.#ys;
    if (prev) fillLine(lv, prev, prev.n, 2, k0);
    else fillLine(lv, { first: ys, min: ys, max: ys, last: ys }, n, LOD_MIN_BUCKET, k0);
  }
}

const linePyramids = new WeakMap<object, LinePyramid>();

/** The line pyramid of a column (kept while the column object lives; columns are replaced, not edited). */
export function linePyramidOf(ys: ArrayLike<number>): LinePyramid {
  let p = linePyramids.get(ys);
  if (!p) { p = new LinePyramid(); linePyramids.set(ys, p); }
  return p;
}

export interface Cluster<T> { x: number; count: number; items: T[] }

/**
 * Groups items of one key whose x (device px) lie within `gap` of the cluster's first item,
 * in x order: each cluster is drawn once, with its count when it holds more than one.
 */
export function clusterByX<T>(items: readonly T[], x: (t: T) => number, key: (t: T) => string, gap: number): Cluster<T>[] {
  const sorted = [...items].sort((a, b) => x(a) - x(b));
  const open = new Map<string, Cluster<T>>();
  const out: Cluster<T>[] = [];
  for (const it of sorted) {
    const k = key(it), xi = x(it);
    const c = open.get(k);
    if (c && xi - c.x <= gap) {
      c.count++;
      c.items.push(it);
      continue;
    }
    const nc = { x: xi, count: 1, items: [it] };
    open.set(k, nc);
    out.push(nc);
  }
  return out;
}
