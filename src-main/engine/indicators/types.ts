// Every indicator is a small class with an incremental update: O(1) or a bounded window per bar,
// never a recomputation over all history. It reads no clock, database or network: time arrives in
// the bar. Outputs are plain objects of numbers that the class OWNS and reuses (no allocation per
// bar): they are valid until the next update; copy what you keep.
// Not ready = `ready: false` (values then 0). NaN and ±Infinity never leave an indicator.
import type { Bar } from '../../../src-shared/domain/bars.ts';

export interface Indicator<Out> {
  readonly name: string;
  /** bars of the indicator's own timeframe before the first ready output (SPEC §2.7), 0-based index */
  readonly warmup: number;
  update(bar: Bar): Out;
  reset(): void;
}

/** A fixed-capacity ring of float64 values: push is O(1), get(j) is the value j steps back (0 = newest). */
export class Ring {
  readonly capacity: number;
  #buf: Float64Array;
  #head = 0; // index of the next write
  #size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#buf = new Float64Array(capacity);
  }

  get size(): number { return this.#size; }
  get full(): boolean { return this.#size === this.capacity; }

  push(v: number): void {
    this.#buf[this.#head] = v;
    this.#head = (this.#head + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size++;
  }

  /** value `back` steps back (0 = newest) */
  get(back: number): number {
    return this.#buf[(this.#head - 1 - back + 2 * this.capacity) % this.capacity]!;
  }

  /** the value that the next push will overwrite (only meaningful when full) */
  get oldest(): number {
    return this.get(this.#size - 1);
  }

  clear(): void {
    this.#head = 0;
    this.#size = 0;
  }
}
