// One timeframe's indicator values as growable columns (Float64Array, NaN = not ready), keyed by
// the `indicators` CLI column names. Rows are bar starts in time order; a replay appends and may
// drop everything at or after a time (its reset).
import type { IndicatorFrame } from '../../../src-shared/ipc.ts';
import { lowerBound } from '../search.ts';

export class FrameStore {
  readonly tfMs: number;
  #len = 0;
  #t: Float64Array = new Float64Array(0);
  #cols: Map<string, Float64Array> = new Map();

  constructor(tfMs: number) {
    this.tfMs = tfMs;
  }

  get length(): number { return this.#len; }
  get t(): Float64Array { return this.#t.subarray(0, this.#len); }

  /** The column `name` (length `length`), or null when the engine never sent it. */
  col(name: string): Float64Array | null {
    const c = this.#cols.get(name);
    return c ? c.subarray(0, this.#len) : null;
  }

  clear(): void { this.#len = 0; }

  load(f: IndicatorFrame): void {
    this.#len = 0;
    this.#cols.clear();
    this.upsert(f);
  }

  /** Replace everything with typed columns (an `indicators.range` frame), kept as they are (no copy). */
  loadColumns(t: Float64Array, cols: Record<string, Float64Array>): void {
    this.#t = t;
    this.#len = t.length;
    this.#cols = new Map(Object.entries(cols));
  }

  /** Index of the first row with start >= t. */
  lowerBound(t: number): number {
    return lowerBound(this.#t, t, this.#len);
  }

  truncateFrom(t: number): void {
    this.#len = this.lowerBound(t);
  }

  /** Append rows after the last one, or overwrite rows with the same start. Rows we never had before the last are ignored. */
  upsert(f: IndicatorFrame): void {
    const names = Object.keys(f.series);
    for (const name of names) {
      if (!this.#cols.has(name)) this.#cols.set(name, new Float64Array(this.#t.length).fill(NaN));
    }
    const m = f.t.length;
    this.#reserve(this.#len + m);
    for (let k = 0; k < m; k++) {
      const t = f.t[k]!;
      const n = this.#len;
      let i: number;
      if (n === 0 || t > this.#t[n - 1]!) {
        i = n;
        this.#len = n + 1;
        this.#t[i] = t;
        for (const c of this.#cols.values()) c[i] = NaN; // columns this frame does not carry
      } else {
        i = this.lowerBound(t);
        if (this.#t[i] !== t) continue;
      }
      for (const name of names) this.#cols.get(name)![i] = f.series[name]![k] ?? NaN;
    }
  }

  #reserve(n: number): void {
    if (n <= this.#t.length) return;
    let cap = Math.max(256, this.#t.length);
    while (cap < n) cap *= 2;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(cap).fill(NaN);
      b.set(a.subarray(0, this.#len));
      return b;
    };
    this.#t = grow(this.#t);
    for (const [name, c] of this.#cols) this.#cols.set(name, grow(c));
  }
}
