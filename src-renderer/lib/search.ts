// Binary search over sorted numbers (bar start times): the one copy the chart state uses.

/** First index i < n with a[i] >= v (n when there is none). */
export function lowerBound(a: ArrayLike<number>, v: number, n = a.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
