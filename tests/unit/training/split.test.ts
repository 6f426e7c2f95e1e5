import { describe, expect, it } from 'vitest';
import { temporalSplit } from '../../../src-main/engine/training/split.ts';
import { mulberry32 } from '../../../src-main/engine/indicators/prng.ts';

const H = 3_600_000;

describe('temporalSplit', () => {
  it('is strictly temporal whatever the input order: every train decision and label precede every test decision', () => {
    const u = mulberry32(3);
    const xs = Array.from({ length: 50 }, (_, i) => ({ id: i, time: i * H, knownAt: i * H + 2 * H }));
    const shuffled = [...xs].sort(() => u() - 0.5);
    const s = temporalSplit(shuffled, 0.3);
    expect(s.test.length).toBe(15);
    expect(s.cut).toBe(35 * H);
    const maxTrain = Math.max(...s.train.map((x) => x.time)), minTest = Math.min(...s.test.map((x) => x.time));
    expect(maxTrain).toBeLessThan(minTest);
    expect(Math.max(...s.train.map((x) => x.knownAt))).toBeLessThanOrEqual(s.cut);
    // decisions 34 (known at 36 h) is still open at the cut (35 h): purged; 33 is known at 35 h: kept
    expect(s.purged.map((x) => x.id)).toEqual([34]);
    expect(s.train.map((x) => x.id)).toEqual(Array.from({ length: 34 }, (_, i) => i));
    expect(s.test.map((x) => x.id)).toEqual(Array.from({ length: 15 }, (_, i) => 35 + i));
  });

  it('samples decided at the cut time all go to test (ties are never split)', () => {
    const xs = [0, 1, 2, 3, 3, 3, 4].map((h, id) => ({ id, time: h * H, knownAt: h * H }));
    const s = temporalSplit(xs, 0.5); // index 4 (time 3) is the cut
    expect(s.cut).toBe(3 * H);
    expect(s.test.map((x) => x.id)).toEqual([3, 4, 5, 6]);
    expect(s.train.map((x) => x.id)).toEqual([0, 1, 2]);
  });

  it('rejects a fraction outside (0, 1)', () => {
    expect(() => temporalSplit([{ time: 0, knownAt: 0 }, { time: 1, knownAt: 1 }], 1)).toThrow(RangeError);
  });
});
