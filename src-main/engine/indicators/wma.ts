// WMA_n, the linearly weighted moving average of SPEC §2.0, on a stream of numbers.
//   WMA_n[t] = Σ_{j=0}^{n−1} (n−j)·x[t−j] / (n(n+1)/2), ready from the n-th input (t = n−1).
// The window is summed directly every update (O(n)) instead of keeping running sums: the periods
// used here are ≤ 20, and a direct sum has no float drift, so a value depends only on its window
// and is bit-identical however long the stream has run (the causality harness relies on that).
import { Ring } from './types.ts';

export class Wma {
  readonly period: number;
  #ring: Ring;
  #denom: number;
  #value = 0;

  constructor(period: number) {
    if (!Number.isInteger(period) || period < 1) throw new Error(`WMA period must be an integer ≥ 1, got ${period}`);
    this.period = period;
    this.#ring = new Ring(period);
    this.#denom = (period * (period + 1)) / 2;
  }

  /** true once `period` inputs have arrived */
  get ready(): boolean { return this.#ring.full; }
  /** the latest WMA, 0 while not ready */
  get value(): number { return this.#value; }

  /**
   * Adds one input and returns the new value (0 while not ready). Callers feed only ready inputs,
   * which is how "not ready while any input in its window is not ready" is met.
   */
  update(x: number): number {
    const ring = this.#ring;
    ring.push(x);
    if (!ring.full) return 0;
    const n = this.period;
    let s = 0;
    for (let j = 0; j < n; j++) s += (n - j) * ring.get(j);
    this.#value = s / this.#denom;
    return this.#value;
  }

  reset(): void {
    this.#ring.clear();
    this.#value = 0;
  }
}
