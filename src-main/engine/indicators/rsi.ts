// RSI_n with Wilder smoothing, SPEC §2.0 (TA-Lib's convention): the averages are seeded with the
// plain mean of the first n changes, so the first value is at t = n (the (n+1)-th input). The
// original seeded one bar early with a phantom zero change; that is not copied.
export class RsiWilder {
  readonly period: number;
  #prev = 0;
  #count = 0; // inputs seen
  #sumG = 0;
  #sumL = 0;
  #ag = 0;
  #al = 0;
  #value = 0;

  constructor(period: number) {
    if (!Number.isInteger(period) || period < 1) throw new Error(`RSI period must be an integer ≥ 1, got ${period}`);
    this.period = period;
  }

  /** ready once n changes (n+1 inputs) have been seen: t = n */
  get ready(): boolean { return this.#count > this.period; }
  /** latest RSI in [0, 100], 0 while not ready */
  get value(): number { return this.#value; }
  /** Wilder average gain / loss (0 while not ready); exposed for reference tests */
  get avgGain(): number { return this.ready ? this.#ag : 0; }
  get avgLoss(): number { return this.ready ? this.#al : 0; }

  update(x: number): number {
    const n = this.period;
    this.#count++;
    if (this.#count === 1) {
      this.#prev = x;
      return 0;
    }
    const d = x - this.#prev;
    this.#prev = x;
    const g = d > 0 ? d : 0;
    const lo = d < 0 ? -d : 0;
    const changes = this.#count - 1;
    if (changes < n) {
      this.#sumG += g;
      this.#sumL += lo;
      return 0;
    }
    if (changes === n) {
      this.#ag = (this.#sumG + g) / n;
      this.#al = (this.#sumL + lo) / n;
    } else {
      this.#ag = (this.#ag * (n - 1) + g) / n;
      this.#al = (this.#al * (n - 1) + lo) / n;
    }
    // AL = 0 (no losses in the smoothing memory) is defined as 100, also for a flat series.
    this.#value = this.#al === 0 ? 100 : 100 - 100 / (1 + this.#ag / this.#al);
    return this.#value;
  }

  reset(): void {
    this.#prev = 0;
    this.#count = 0;
    this.#sumG = 0;
    this.#sumL = 0;
    this.#ag = 0;
    this.#al = 0;
    this.#value = 0;
  }
}
