// The chart's time labels find bucket starts by search (a million bars per frame would be too many
// zone conversions): the same labels as walking every bar.
import { describe, expect, it } from 'vitest';
import { nextBucketStart } from '../../../src-renderer/lib/chart/bucket-search.ts';

/** the walk it replaces */
function brute(bucketOf: (i: number) => number, p: number, end: number): number {
  for (let j = p; j <= end; j++) if (bucketOf(j) !== bucketOf(j - 1)) return j;
  return -1;
}

describe('nextBucketStart', () => {
  it('finds the first bar of the next bucket like a walk over every bar, with gaps of any length', () => {
    // minute bars with session breaks: bucket = hour of the bar
    const t: number[] = [];
    let m = 0;
    for (let i = 0; i < 20_000; i++) { m += i % 997 === 0 ? 600 : i % 61 === 0 ? 45 : 1; t.push(m); }
    for (const step of [5, 60, 1440]) {
      const bucketOf = (i: number) => Math.floor(t[i]! / step);
      for (let p = 1; p < t.length; p += 37) {
        for (const end of [p, p + 3, p + 500, t.length - 1]) {
          const e = Math.min(end, t.length - 1);
          expect(nextBucketStart(bucketOf, p, e)).toBe(brute(bucketOf, p, e));
        }
      }
    }
  });
});
