// Rolling-origin folds: purge and embargo, time order, every later sample tested exactly once.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src-main/engine/indicators/prng.ts';
import { rollingFolds, type FoldOptions } from '../../../src-main/engine/training/folds.ts';

const H = 3_600_000;

/** n samples, decision times 0–3 h apart (some equal), label windows of 0–60 h */
function timed(n: number, seed: number) {
  const u = mulberry32(seed);
  let t = 0;
  return Array.from({ length: n }, () => {
    t += Math.floor(u() * 4) * H;
    return { time: t, knownAt: t + Math.floor(u() * 60) * H };
  });
}

const opts: FoldOptions = { minTrainFraction: 0.3, minTestSize: 40, maxFolds: 6, embargoMs: 50 * H };

describe('rollingFolds', () => {
  for (const seed of [1, 2, 3]) {
    const s = timed(400, seed);
    const folds = rollingFolds(s, opts);

    it(`seed ${seed}: no training label window reaches into [test start − embargo, test end]`, () => {
      expect(folds.length).toBeGreaterThan(1);
      for (const f of folds) {
        const lo = f.testFrom - opts.embargoMs, hi = f.testTo;
        for (const i of f.train) {
          const overlaps = s[i]!.time <= hi && s[i]!.knownAt >= lo;
          expect(overlaps).toBe(false);
        }
      }
    });

    it(`seed ${seed}: folds in time order, every sample after the first training part tested exactly once`, () => {
      const count = new Map<number, number>();
      for (const f of folds) for (const i of f.test) count.set(i, (count.get(i) ?? 0) + 1);
      const first = Math.min(...count.keys());
      expect(first).toBeGreaterThanOrEqual(Math.ceil(0.3 * s.length));
      for (let i = first; i < s.length; i++) expect(count.get(i)).toBe(1);
      for (let k = 1; k < folds.length; k++) expect(folds[k]!.testFrom).toBeGreaterThan(folds[k - 1]!.testTo);
      for (const f of folds) {
        expect(Math.max(...f.train)).toBeLessThan(Math.min(...f.test));
        expect(f.train.length + f.purged).toBe(Math.min(...f.test));
      }
    });

    it(`seed ${seed}: samples decided at the same time never straddle a block boundary`, () => {
      for (let k = 1; k < folds.length; k++) {
        const a = folds[k]!.test[0]!;
        expect(s[a]!.time).not.toBe(s[a - 1]!.time);
      }
    });
  }

  it('purges a training trade that closes inside the embargo, keeps one that closed before it', () => {
    const s = [
      { time: 0, knownAt: 10 * H }, { time: H, knownAt: 70 * H }, { time: 2 * H, knownAt: 3 * H },
      { time: 100 * H, knownAt: 101 * H }, { time: 101 * H, knownAt: 102 * H },
    ];
    const folds = rollingFolds(s, { minTrainFraction: 0.6, minTestSize: 2, maxFolds: 1, embargoMs: 50 * H });
    expect(folds).toHaveLength(1);
    expect(folds[0]!.test).toEqual([3, 4]);
    expect(folds[0]!.train).toEqual([0, 2]); // sample 1 closes at 70 h, inside [50 h, 101 h]
    expect(folds[0]!.purged).toBe(1);
  });

  it('no fold when there is too little data for one test block; unsorted input throws', () => {
    expect(rollingFolds(timed(30, 4), { ...opts, minTestSize: 40 })).toEqual([]);
    expect(() => rollingFolds([{ time: 2, knownAt: 3 }, { time: 1, knownAt: 2 }], opts)).toThrow(/not sorted/);
  });
});
