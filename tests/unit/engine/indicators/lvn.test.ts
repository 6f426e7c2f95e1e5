// LVN (SPEC §2.4): the R8 profile, POC, LVN set, nearest LVN and strength; the interaction term
// once 50 bars exist; the empty-set flag; real NQ 30m bars (finite, causal).
import { describe, it, expect } from 'vitest';
import { Lvn, type LvnOutput } from '../../../../src-main/engine/indicators/lvn.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { expectCausal, readOhlcCsv, NQ_30M_ETH } from '../../../helpers/causal.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

const bar = (o: number, h: number, l: number, c: number, v: number, i = 0): Bar => ({ t: i * 1_800_000, o, h, l, c, v });
const A = bar(101, 102, 100, 101.5, 300), B = bar(101.5, 103, 101, 102, 600), C = bar(104.5, 105, 104, 104.5, 100);
const W3 = { ...DEFAULT_CONFIG.indicators.lvn, profile_window: 3 };
const snap = (o: LvnOutput) => ({ ...o });

describe('Lvn', () => {
  it('R8: profile, POC at the lowest of the tie, LVN set {104, 105}, nearest 104, strength 58.3333', () => {
    const lvn = new Lvn(1.0, W3);
    expect(lvn.warmup).toBe(2);
    const outs = [A, B, C].map((b) => snap(lvn.update(b)));
    expect(outs.slice(0, 2).every((o) => !o.ready && !o.empty && o.strength === 0)).toBe(true);
    const p = lvn.profile();
    expect(p.firstPrice).toBe(100);
    expect(Array.from(p.volumes)).toEqual([100, 300, 300, 200, 50, 50]);
    const o = outs[2]!;
    expect(o.poc).toBe(101);
    // LVN set: volume < 0.3 · POC volume = 90
    const lvns = Array.from(p.volumes).flatMap((v, i) => (v < 90 ? [p.firstPrice + i * p.tick] : []));
    expect(lvns).toEqual([104, 105]);
    expect(o.ready).toBe(true);
    expect(o.empty).toBe(false);
    expect(o.nearestPrice).toBe(104);
    expect(o.distance).toBe(0.5);
    expect(o.strength).toBeCloseTo(40 * (1 - 50 / 300) + 0 + 20 + 5, 9);
    expect(o.strength).toBeCloseTo(58.3333, 4);
    // SPEC §3.1 columns 4 and 5, computed here from the outputs
    expect(Math.exp((-100 * o.distance) / C.c)).toBeCloseTo(0.619732, 6);
    expect(Math.min(1, Math.max(0, o.strength / 100))).toBeCloseTo(0.583333, 6);
  });

  it('the interaction term counts once the history holds 50 bars', () => {
    // fillers far above P = 104 never test it; then A, B, C as in R8
    const filler = (n: number) => Array.from({ length: n }, (_, i) => bar(200, 200, 200, 200, 10, i));
    const short = new Lvn(1.0, W3);
    const s = [...filler(46), A, B, C].map((b) => snap(short.update(b))).at(-1)!; // 49 bars
    expect(s.strength).toBeCloseTo(58.3333333333, 9);
    const long = new Lvn(1.0, W3);
    const o = [...filler(49), A, B, C].map((b) => snap(long.update(b))).at(-1)!; // 52 bars
    // A tests from above (no rejection); B tests from below and is rejected, magnitude 1/2.0001;
    // C tests from below and closes above → 3 tests: 9 + 15·(1/2.0001)
    const interaction = 9 + 15 * (1 / 2.0001);
    expect(o.nearestPrice).toBe(104);
    expect(o.strength).toBeCloseTo(40 * (5 / 6) + interaction + 20 + 5, 9);
  });

  it('recency scores the most recent touching bar; distance is 0 for a zero-range last bar', () => {
    const lvn = new Lvn(1.0, W3);
    lvn.update(bar(100, 101, 100, 100.5, 200));
    lvn.update(bar(104, 105, 104, 104.2, 100));
    const o = snap(lvn.update(bar(105, 105, 105, 105, 100)));
    // levels 100 (100), 101 (100), 102..103 (0), 104 (50), 105 (150): POC 105, LVNs < 45 → 102, 103
    expect(o.poc).toBe(105);
    expect(o.nearestPrice).toBe(103);
    expect(o.distance).toBe(2);
    // td = 0 (last range 0): the newest bar touching 103 is none → recency 0; distance part 0
    expect(o.strength).toBeCloseTo(40, 12);
  });

  it('flags an empty LVN set (not ready, zeros) and uses the close when no level is inside a bar', () => {
    const lvn = new Lvn(1.0, W3);
    [bar(100, 101, 99, 100, 30), bar(100, 101, 99, 100, 30)].forEach((b) => lvn.update(b));
    const o = snap(lvn.update(bar(100.2, 100.4, 100.1, 100.3, 5)));
    // 100.1–100.4 holds no level: its 5 go to round(100.3) = 100 → 99: 20, 100: 25, 101: 20
    expect(Array.from(lvn.profile().volumes)).toEqual([20, 25, 20]);
    expect(o).toEqual({ ready: false, empty: true, nearestPrice: 0, strength: 0, distance: 0, poc: 100 });
  });

  it('takes the instrument tick unless lvn.tick_size is set', () => {
    expect(new Lvn(0.25).tick).toBe(0.25);
    expect(new Lvn(0.25, { ...DEFAULT_CONFIG.indicators.lvn, tick_size: 1 }).tick).toBe(1);
    expect(() => new Lvn(0)).toThrow(RangeError);
  });

  describe('NQ 30m ETH (tick 0.25)', () => {
    const bars = readOhlcCsv(NQ_30M_ETH);

    it('is finite on the whole file, ready from index 19, strengths within 0–100', () => {
      const lvn = new Lvn(0.25);
      let firstReady = -1, bad = 0, ready = 0, empty = 0;
      const t0 = performance.now();
      bars.forEach((b, i) => {
        const o = lvn.update(b);
        if (o.ready) { ready++; if (firstReady < 0) firstReady = i; }
        if (o.empty) empty++;
        for (const v of [o.nearestPrice, o.strength, o.distance, o.poc]) if (!Number.isFinite(v)) bad++;
        if (o.strength < 0 || o.strength > 100 || (o.ready && Math.abs(o.nearestPrice - b.c) !== o.distance)) bad++;
      });
      const ns = ((performance.now() - t0) * 1e6) / bars.length;
      console.log(`lvn: ${bars.length} bars, ${ns.toFixed(0)} ns/bar, ready ${ready}, empty ${empty}`);
      expect(firstReady).toBe(19);
      expect(bad).toBe(0);
    });

    it('is causal (R14)', () => {
      expectCausal(() => new Lvn(0.25), bars.slice(0, 300), snap, 60);
    });
  });
});
