// RollingNormalizer RN(α, warm), SPEC §2.0, used by the matrix assemblers (§3).
// A running mean/variance that is an exact cumulative average for the first `warm` values
// (a = 1/n) and an exponential one afterwards (a = α):
//   n = 1: mean = v, var = 0;  else δ = v − mean, mean += a·δ, var = (1−a)(var + a·δ²).
//   z(v) = clip((v − mean)/√var, −3, 3), and z = 0 when n < 2 or √var < 1e-10.
// A row's raw value is fed in BEFORE that value is normalised: `update(v)` does both in that order.
export class RollingNormalizer {
  readonly alpha: number;
  readonly warm: number;
  #n = 0;
  #mean = 0;
  #var = 0;

  constructor(alpha: number, warm = 100) {
    if (!(alpha > 0 && alpha <= 1)) throw new Error(`RollingNormalizer alpha must be in (0, 1], got ${alpha}`);
    if (!Number.isInteger(warm) || warm < 0) throw new Error(`RollingNormalizer warm must be an integer ≥ 0, got ${warm}`);
    this.alpha = alpha;
    this.warm = warm;
  }

  get n(): number { return this.#n; }
  get mean(): number { return this.#mean; }
  get variance(): number { return this.#var; }

  /** Feeds v into the statistics (no normalisation). */
  observe(v: number): void {
    if (!Number.isFinite(v)) throw new Error(`RollingNormalizer: non-finite input ${v}`);
    const n = ++this.#n;
    if (n === 1) {
      this.#mean = v;
      this.#var = 0;
      return;
    }
    const a = n > this.warm ? this.alpha : 1 / n;
    const d = v - this.#mean;
    this.#mean += a * d;
    this.#var = (1 - a) * (this.#var + a * d * d);
  }

  /** z-score of v against the current statistics, clipped to ±3. */
  z(v: number): number {
    if (this.#n < 2) return 0;
    const sd = Math.sqrt(this.#var);
    if (!(sd >= 1e-10)) return 0;
    const z = (v - this.#mean) / sd;
    return z > 3 ? 3 : z < -3 ? -3 : z;
  }

  /** observe(v) then z(v): SPEC's order for a new row. */
  update(v: number): number {
    this.observe(v);
    return this.z(v);
  }

  reset(): void {
    this.#n = 0;
    this.#mean = 0;
    this.#var = 0;
  }
}
