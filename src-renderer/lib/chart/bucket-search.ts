// Where the next time bucket starts among the chart's bars (time-axis.ts), by search: a million
// visible bars cost a few dozen zone conversions per label instead of one per bar. Pure.

/** First j in [p, end] whose bucket differs from bar j−1's (buckets never decrease), or −1. */
export function nextBucketStart(bucketOf: (i: number) => number, p: number, end: number): number {
  const b = bucketOf(p - 1);
  if (bucketOf(p) !== b) return p;
  let lo = p, stride = 1;
  let hi = Math.min(end, p + stride);
  while (bucketOf(hi) === b) {
    if (hi === end) return -1;
    lo = hi;
    stride *= 2;
    hi = Math.min(end, p + stride);
  }
  while (hi - lo > 1) { // bucketOf(lo) === b, bucketOf(hi) !== b
    const mid = (lo + hi) >> 1;
    if (bucketOf(mid) === b) lo = mid; else hi = mid;
  }
  return hi;
}
