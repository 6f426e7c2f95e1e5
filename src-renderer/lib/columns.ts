// Growable columns of bars (Float64Array with amortised doubling), the shape uPlot reads.
// `view()` hands out subarrays of the live buffers: no copy per update.
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { lowerBound } from './search.ts';

/** columns of numbers (arrays or typed arrays) */
export interface ArrayLikeColumns { t: ArrayLike<number>; o: ArrayLike<number>; h: ArrayLike<number>; l: ArrayLike<number>; c: ArrayLike<number>; v: ArrayLike<number> }

export interface BarRowLike { t: number; o: number; h: number; l: number; c: number; v: number }

export class Columns {
  #len = 0;
  #x = new Float64Array(0);
  #t = new Float64Array(0);
  #o = new Float64Array(0);
  #h = new Float64Array(0);
  #l = new Float64Array(0);
  #c = new Float64Array(0);
  #v = new Float64Array(0);

  get length(): number { return this.#len; }

  clear(): void { this.#len = 0; }

  /** Replace everything with `cols`. */
  load(cols: BarColumns | ArrayLikeColumns): void {
    const n = cols.t.length;
    this.#len = 0;
    this.#reserve(n);
    this.#t.set(cols.t); this.#o.set(cols.o); this.#h.set(cols.h);
    this.#l.set(cols.l); this.#c.set(cols.c); this.#v.set(cols.v);
    this.#len = n;
  }

  /** Put older bars (all starting before the first held) in front; returns how many were added. */
  prepend(cols: ArrayLikeColumns): number {
    const first = this.#len > 0 ? this.#t[0]! : Infinity;
    let m = 0;
    while (m < cols.t.length && cols.t[m]! < first) m++;
    if (m === 0) return 0;
    const n = this.#len;
    const old = [this.#t, this.#o, this.#h, this.#l, this.#c, this.#v].map((a) => a.subarray(0, n).slice());
    this.#len = 0;
    this.#reserve(n + m);
    const dst = [this.#t, this.#o, this.#h, this.#l, this.#c, this.#v];
    const src = [cols.t, cols.o, cols.h, cols.l, cols.c, cols.v];
    for (let j = 0; j < 6; j++) {
      const d = dst[j]!, s = src[j]!;
      for (let i = 0; i < m; i++) d[i] = s[i]!;
      d.set(old[j]!, m);
    }
    this.#len = n + m;
    return m;
  }

  /** Put newer bars (those after the last held) at the end; returns how many were added. */
  append(cols: ArrayLikeColumns): number {
    const last = this.#len > 0 ? this.#t[this.#len - 1]! : -Infinity;
    let s = 0;
    while (s < cols.t.length && cols.t[s]! <= last) s++;
    const m = cols.t.length - s, n = this.#len;
    if (m <= 0) return 0;
    this.#reserve(n + m);
    const dst = [this.#t, this.#o, this.#h, this.#l, this.#c, this.#v];
    const src = [cols.t, cols.o, cols.h, cols.l, cols.c, cols.v];
    for (let j = 0; j < 6; j++) {
      const d = dst[j]!, c = src[j]!;
      for (let i = 0; i < m; i++) d[n + i] = c[s + i]!;
    }
    this.#len = n + m;
    return m;
  }

  /** Drop the `k` oldest bars (every index moves down by k). */
  dropFront(k: number): void {
    k = Math.min(Math.max(0, k), this.#len);
    if (k === 0) return;
    for (const a of [this.#t, this.#o, this.#h, this.#l, this.#c, this.#v]) a.copyWithin(0, k, this.#len);
    this.#len -= k;
  }

  /** Keep the `n` oldest bars. */
  keepFront(n: number): void {
    this.#len = Math.min(this.#len, Math.max(0, n));
  }

  /** Index of the first bar with start >= t (binary search). */
  lowerBound(t: number): number {
    return lowerBound(this.#t, t, this.#len);
  }

  /** Drop bars with start >= t. */
  truncateFrom(t: number): void {
    this.#len = this.lowerBound(t);
  }

  /** Append a bar, or replace the bar with the same start (the forming bar, or a correction). */
  upsert(b: BarRowLike): void {
    const n = this.#len;
    let i: number;
    if (n === 0 || b.t > this.#t[n - 1]!) {
      this.#reserve(n + 1);
      i = n;
      this.#len = n + 1;
    } else if (b.t === this.#t[n - 1]) {
      i = n - 1;
    } else {
      i = this.lowerBound(b.t);
      if (this.#t[i] !== b.t) return; // an old bar we never had: ignore (reload fills gaps)
    }
    this.#t[i] = b.t; this.#o[i] = b.o; this.#h[i] = b.h; this.#l[i] = b.l; this.#c[i] = b.c; this.#v[i] = b.v;
  }

  upsertColumns(cols: BarColumns): void {
    const n = cols.t.length;
    for (let k = 0; k < n; k++) {
      this.upsert({ t: cols.t[k]!, o: cols.o[k]!, h: cols.h[k]!, l: cols.l[k]!, c: cols.c[k]!, v: cols.v[k]! });
    }
  }

  /** uPlot data: [x = bar index, o, h, l, c, v] plus the bar start times (UTC ms). */
  view(): { data: [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array]; t: Float64Array } {
    const n = this.#len;
    return {
      data: [this.#x.subarray(0, n), this.#o.subarray(0, n), this.#h.subarray(0, n), this.#l.subarray(0, n), this.#c.subarray(0, n), this.#v.subarray(0, n)],
      t: this.#t.subarray(0, n),
    };
  }

  bar(i: number): BarRowLike | null {
    if (i < 0 || i >= this.#len) return null;
    return { t: this.#t[i]!, o: this.#o[i]!, h: this.#h[i]!, l: this.#l[i]!, c: this.#c[i]!, v: this.#v[i]! };
  }

  #reserve(n: number): void {
    if (n <= this.#t.length) return;
    let cap = Math.max(1024, this.#t.length);
    while (cap < n) cap *= 2;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a.subarray(0, this.#len));
      return b;
    };
    this.#t = grow(this.#t); this.#o = grow(this.#o); this.#h = grow(this.#h);
    this.#l = grow(this.#l); this.#c = grow(this.#c); this.#v = grow(this.#v);
    const x = new Float64Array(cap);
    for (let i = 0; i < cap; i++) x[i] = i;
    this.#x = x;
  }
}
