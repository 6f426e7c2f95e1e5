// LVN's adaptive price grid (issue 12): the tick while the profile fits MAX_LEVELS levels, else the
// smallest 1-2-5 multiple of the tick that fits. Hand-computed steps and a hand-computed profile on
// a coarse grid, a property check against exact integer arithmetic, and no failure on wide ranges.
import { describe, it, expect } from 'vitest';
import { Lvn, lvnGridStep, MAX_LEVELS, type LvnOutput } from '../../../../src-main/engine/indicators/lvn.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

const bar = (o: number, h: number, l: number, c: number, v: number, i = 0): Bar => ({ t: i * 1_800_000, o, h, l, c, v });
const W3 = { ...DEFAULT_CONFIG.indicators.lvn, profile_window: 3 };
const snap = (o: LvnOutput) => ({ ...o });

describe('lvnGridStep', () => {
  it('keeps the tick while the levels fit, else takes the next 1-2-5 multiple that fits', () => {
    // 100–130 on tick 1: step 1 → 31 levels, 2 → q 50…65 = 16, 5 → q 20…26 = 7
    expect(lvnGridStep(100, 130, 1, 31)).toBe(1);
    expect(lvnGridStep(100, 130, 1, 30)).toBe(2);
    expect(lvnGridStep(100, 130, 1, 16)).toBe(2);
    expect(lvnGridStep(100, 130, 1, 15)).toBe(5);
    expect(lvnGridStep(100, 130, 1, 7)).toBe(5);
    // 0–1000 in 3 levels: 1000/δ ≤ 2 first holds at the ladder's 500 (1, 2, 5, 10, …, 200, 500)
    expect(lvnGridStep(0, 1000, 1, 3)).toBe(500);
  });

  it('BTC on the generic 0.01 tick: 46,000–50,985 → 0.05; the reported 10,985 span → 0.2', () => {
    // 0.01: 5,098,500 − 4,600,000 + 1 = 498,501; 0.02: 2,549,250 − 2,300,000 + 1 = 249,251;
    // 0.05: 1,019,700 − 920,000 + 1 = 99,701 ≤ 100,000
    expect(MAX_LEVELS).toBe(100_000);
    expect(lvnGridStep(46_000, 50_985, 0.01)).toBe(0.05);
    // 40,000–50,985: 1,098,501 levels of 0.01; 0.1 → 109,851; 0.2 → 254,925 − 200,000 + 1 = 54,926
    expect(lvnGridStep(40_000, 50_985, 0.01)).toBe(0.2);
  });

  it('leaves instruments with a proper tick on it (NQ: 15,800–16,100 on 0.25 is 1,201 levels)', () => {
    expect(lvnGridStep(15_800, 16_100, 0.25)).toBe(0.25);
  });

  it('picks the smallest fitting ladder step (checked in exact integer cents)', () => {
    let s = 12345;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const ladder = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8].flatMap((d) => [d, 2 * d, 5 * d]);
    // levels of a k-cent grid over [lo, hi] cents, exactly: ceil(hi/k) − floor(lo/k) + 1
    const levels = (lo: number, hi: number, k: number) => Math.ceil(hi / k) - Math.floor(lo / k) + 1;
    for (let i = 0; i < 500; i++) {
      const lo = Math.floor(rnd() * 5_000_000), hi = lo + Math.floor(rnd() ** 3 * 3_000_000);
      const max = 3 + Math.floor(rnd() * 200_000);
      const want = ladder.find((k) => levels(lo, hi, k) <= max)!;
      expect(Math.round(lvnGridStep(lo / 100, hi / 100, 0.01, max) * 100), `${lo}–${hi} cents in ${max} levels`).toBe(want);
    }
  });

  it('rejects prices that are not real with a clear error', () => {
    expect(() => lvnGridStep(Number.NaN, 1, 1)).toThrow(/bad price range/);
    expect(() => lvnGridStep(2, 1, 1)).toThrow(/bad price range/);
    expect(() => new Lvn(1, W3, { maxLevels: 2 })).toThrow(/maxLevels must be an integer ≥ 3/);
  });
});

describe('Lvn on a coarse grid', () => {
  it('R8 bars with at most 4 levels: step 2, profile 150/750/100/0, nearest LVN 104, strength 59.6667', () => {
    // R8: A (101, 102, 100, 101.5, 300), B (101.5, 103, 101, 102, 600), C (104.5, 105, 104, 104.5, 100)
    const lvn = new Lvn(1, W3, { maxLevels: 4 });
    lvn.update(bar(101, 102, 100, 101.5, 300));
    lvn.update(bar(101.5, 103, 101, 102, 600));
    const o = snap(lvn.update(bar(104.5, 105, 104, 104.5, 100)));
    // 100–105: tick 1 → 6 levels > 4; step 2 → q 50…53 = 4 levels at 100, 102, 104, 106
    expect(lvn.gridStep).toBe(2);
    expect(lvn.coarseBars).toBe(1);
    const p = lvn.profile();
    expect(p).toMatchObject({ firstPrice: 100, step: 2, tick: 1 });
    // A spreads 300 over 100, 102; B's only level in 101–103 is 102 (600); C's in 104–105 is 104 (100)
    expect(Array.from(p.volumes)).toEqual([150, 750, 100, 0]);
    expect(o.poc).toBe(102);
    // LVNs: volume < 0.3·750 = 225 → 100, 104, 106; nearest to 104.5 is 104 (0.5)
    expect(o.nearestPrice).toBe(104);
    expect(o.distance).toBe(0.5);
    // volume 40·(1 − 100/750) + interaction 0 (< 50 bars) + recency 20 (C touches 104) + distance 10·(1 − 0.5/1)
    expect(o.strength).toBeCloseTo(40 * (1 - 100 / 750) + 20 + 5, 9);
    expect(o.strength).toBeCloseTo(59.6667, 4);
  });

  it('returns to the tick when the window range allows again', () => {
    const lvn = new Lvn(1, W3, { maxLevels: 4 });
    lvn.update(bar(101, 102, 100, 101.5, 300));
    lvn.update(bar(101.5, 103, 101, 102, 600));
    lvn.update(bar(104.5, 105, 104, 104.5, 100));
    expect(lvn.gridStep).toBe(2);
    // three bars within 104–105: 2 levels of 1
    for (let i = 0; i < 3; i++) lvn.update(bar(104, 105, 104, 104.5, 10));
    expect(lvn.gridStep).toBe(1);
    expect(lvn.profile()).toMatchObject({ firstPrice: 104, step: 1 });
    expect(lvn.coarseBars).toBe(2); // bar 3 (100–105) and bar 4 (B's 101–103 still in the window: 5 levels)
  });

  it('never fails on a huge range (0.01 tick, 1 → 1,000,000): bounded levels, finite outputs', () => {
    const lvn = new Lvn(0.01, W3);
    lvn.update(bar(1, 2, 1, 1.5, 10));
    lvn.update(bar(500_000, 1_000_000, 400_000, 900_000, 10));
    const o = snap(lvn.update(bar(3, 4, 2, 3, 10)));
    expect(lvn.profile().volumes.length).toBeLessThanOrEqual(MAX_LEVELS);
    // 1–1,000,000: step 10 → 100,000 − 0 + 1 = 100,001 levels, one too many; 20 → 50,001
    expect(lvn.gridStep).toBe(20);
    for (const v of [o.nearestPrice, o.strength, o.distance, o.poc]) expect(Number.isFinite(v)).toBe(true);
  });
});
