// A log-linear (HDR-style) histogram of durations in a fixed-size typed array: memory does not grow
// with the number of samples, recording is O(1) and allocation-free, a quantile is one pass over
// the buckets.
//
// Values are counted in units of 1/64 µs. Below 128 units every unit has its own bucket; above,
// each power-of-two range [2^k, 2^(k+1)) is split into 64 equal buckets, so a bucket is at most
// 1/64 (1.6 %) of its lower bound wide. A quantile is reported as the middle of its bucket: the
// relative error is ≤ 1/128 (0.8 %) for every value from 1 µs up to the top of the range
// (2^32 units ≈ 67 s). Larger values land in the top bucket; `max` and `min` are kept exactly.

const UNITS_PER_MS = 64_000; // 1/64 µs
const SUB = 64; // buckets per power of two above the linear part
const LINEAR = 2 * SUB; // values below this many units get one bucket each
const MAX_UNITS = 0xffff_ffff;
/** shift of the largest value: 31 − log2(SUB) */
const TOP_SHIFT = 31 - 6;
export const BUCKETS = TOP_SHIFT * SUB + LINEAR; // 1728 buckets, 13.8 kB as Float64Array
/** the largest duration with the stated precision (longer ones are clamped into the top bucket) */
export const HISTOGRAM_RANGE_MS = MAX_UNITS / UNITS_PER_MS;
/** worst relative error of quantile() for values from 1 µs to HISTOGRAM_RANGE_MS */
export const HISTOGRAM_RELATIVE_ERROR = 1 / (2 * SUB);

function bucketOf(units: number): number {
  if (units < LINEAR) return units;
  const shift = 31 - Math.clz32(units) - 6; // ≥ 1 here: units >> shift is in [SUB, 2·SUB)
  return shift * SUB + (units >>> shift);
}

/** [lower, upper) of a bucket, in units. */
function bucketRange(i: number): [number, number] {
  if (i < LINEAR) return [i, i + 1];
  const shift = Math.floor(i / SUB) - 1;
  const lower = (i - shift * SUB) * 2 ** shift;
  return [lower, lower + 2 ** shift];
}

export class Histogram {
  readonly counts = new Float64Array(BUCKETS);
  count = 0;
  /** exact, ms; 0 while empty */
  max = 0;
  /** exact, ms; 0 while empty */
  min = 0;
  sum = 0;

  record(ms: number): void {
    if (!(ms >= 0)) ms = 0; // negative or NaN: a clock step backwards, not a duration
    let u = Math.floor(ms * UNITS_PER_MS); // floor: a bucket [lo, hi) then holds exactly the values in it
    if (u > MAX_UNITS) u = MAX_UNITS;
    this.counts[bucketOf(u)]!++;
    if (this.count === 0 || ms > this.max) this.max = ms;
    if (this.count === 0 || ms < this.min) this.min = ms;
    this.count++;
    this.sum += ms;
  }

  get mean(): number { return this.count === 0 ? 0 : this.sum / this.count; }

  /** The q-quantile (0 ≤ q ≤ 1) in ms, within HISTOGRAM_RELATIVE_ERROR; 0 when empty. */
  quantile(q: number): number {
    return quantileOf([this], q);
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.max = 0;
    this.min = 0;
    this.sum = 0;
  }
}

/** The q-quantile over several histograms taken together (a sliding window of two, say). */
export function quantileOf(hs: readonly Histogram[], q: number): number {
  let total = 0, max = 0, min = Infinity;
  for (const h of hs) {
    if (h.count === 0) continue;
    total += h.count;
    if (h.max > max) max = h.max;
    if (h.min < min) min = h.min;
  }
  if (total === 0) return 0;
  if (q >= 1) return max;
  if (q <= 0) return min;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) {
    for (const h of hs) seen += h.counts[i]!;
    if (seen >= rank) {
      const [lo, hi] = bucketRange(i);
      const mid = ((lo + hi) / 2) / UNITS_PER_MS;
      // the exact extremes bound every quantile
      return Math.min(max, Math.max(min, mid));
    }
  }
  return max;
}
