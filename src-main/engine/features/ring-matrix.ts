// An N×F float32 ring of matrix rows (SPEC §3: ring buffer of N rows, oldest first, ready only at N).
// Storage is "mirrored": every row is written twice, at slot s and at slot s+N of a 2N-row buffer,
// so the N newest rows always sit contiguously at slots head…head+N−1 and `matrix()` is one memcpy
// from a view made at construction. Nothing is allocated after the constructor.
// `matrix()` copies into an owned N×F buffer at byte offset 0 (safe to hand to ONNX Runtime) that is
// valid until the next append; copy what you keep.
export class RingMatrix {
  /** N, the number of rows of a full matrix */
  readonly rows: number;
  /** F, the number of features per row */
  readonly features: number;
  readonly featureNames: readonly string[];
  #store: Float32Array; // 2N × F
  #times: Float64Array; // 2N bar starts, mirrored like #store
  #windows: Float32Array[]; // #windows[h] = store slots h … h+N−1
  #timeWindows: Float64Array[];
  #out: Float32Array;
  #outTimes: Float64Array;
  #head = 0; // slot of the next write, also the oldest slot once full
  #size = 0;
  #stale = true; // #out no longer matches the ring

  constructor(rows: number, featureNames: readonly string[]) {
    if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`RingMatrix: rows must be an integer ≥ 1, got ${rows}`);
    if (featureNames.length < 1) throw new RangeError('RingMatrix: no features');
    const f = featureNames.length;
    this.rows = rows;
    this.features = f;
    this.featureNames = featureNames;
    this.#store = new Float32Array(2 * rows * f);
    this.#times = new Float64Array(2 * rows);
    this.#windows = [];
    this.#timeWindows = [];
    for (let h = 0; h < rows; h++) {
      this.#windows.push(this.#store.subarray(h * f, (h + rows) * f));
      this.#timeWindows.push(this.#times.subarray(h, h + rows));
    }
    this.#out = new Float32Array(rows * f);
    this.#outTimes = new Float64Array(rows);
  }

  /** rows held, 0 … N */
  get size(): number { return this.#size; }
  /** SPEC: a matrix is ready only when it holds N rows */
  get ready(): boolean { return this.#size === this.rows; }

  /** Appends one row (F values, converted to float32) labelled by its bar start; drops the oldest when full. */
  append(row: ArrayLike<number>, barStart: number): void {
    if (row.length !== this.features) {
      throw new RangeError(`RingMatrix: row has ${row.length} values, expected ${this.features}`);
    }
    const s = this.#head;
    const f = this.features;
    this.#store.set(row, s * f);
    this.#store.set(row, (s + this.rows) * f);
    this.#times[s] = barStart;
    this.#times[s + this.rows] = barStart;
    this.#head = s + 1 === this.rows ? 0 : s + 1;
    if (this.#size < this.rows) this.#size++;
    this.#stale = true;
  }

  /** N×F row-major, oldest row first, newest last; null until ready. Reused buffer, no allocation. */
  matrix(): Float32Array | null {
    if (!this.ready) return null;
    this.#refresh();
    return this.#out;
  }

  /** Bar starts of the rows of `matrix()`, oldest first; null until ready. Reused buffer. */
  barStarts(): Float64Array | null {
    if (!this.ready) return null;
    this.#refresh();
    return this.#outTimes;
  }

  reset(): void {
    this.#head = 0;
    this.#size = 0;
    this.#stale = true;
    this.#store.fill(0);
    this.#times.fill(0);
  }

  #refresh(): void {
    if (!this.#stale) return;
    // full ⇒ head is the oldest slot, and the window starting there is contiguous thanks to the mirror
    this.#out.set(this.#windows[this.#head]!);
    this.#outTimes.set(this.#timeWindows[this.#head]!);
    this.#stale = false;
  }
}
