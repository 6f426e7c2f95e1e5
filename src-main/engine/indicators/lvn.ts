// Low-volume nodes (SPEC §2.4), 30m standard bars. Each bar rebuilds the volume profile of the
// last W bars on the tick grid (rebuilt, not patched: no float drift, so a replay is bit-exact),
// then scores the LVN nearest to the close. Cost per bar: W·levels + history.
//
// Adaptive grid (a deviation from SPEC, which puts every level on the tick): when the window's
// range would need more than `maxLevels` levels of one tick (a 0.01 default tick on BTC: ~500k),
// the profile uses the smallest 1-2-5 multiple of the tick (2, 5, 10, 20, 50, … ticks) that fits.
// Real data then never makes LVN fail, memory and time per bar stay bounded, and instruments with a
// proper tick (NQ, ES, CL, SPY: a few thousand levels) keep SPEC's exact tick grid. `gridStep` says
// which step the last profile used; `coarseBars` counts the bars whose profile was coarser.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { DEFAULT_CONFIG, type IndicatorConfig } from '../../../src-shared/config.ts';
import { Ring, type Indicator } from './types.ts';

export type LvnConfig = IndicatorConfig['lvn'];
/** most levels a profile may have before the grid coarsens (800 KB of float64) */
export const MAX_LEVELS = 100_000;
/** tolerance in grid units, SPEC §2.4's δ·1e-6: a price within it of a level counts as on it */
const EPS = 1e-6;
/** tick multiples tried per decade: 1, 2, 5, then 10, 20, 50, … */
const LADDER = [1, 2, 5] as const;

/** Grid index of the lowest level of a profile starting at `lo` (SPEC: floor(minL/δ)). */
const firstLevel = (lo: number, step: number): number => Math.floor(lo / step + EPS);
/** Grid index of the highest level of a profile reaching `hi` (SPEC: ceil(maxH/δ)). */
const lastLevel = (hi: number, step: number): number => Math.ceil(hi / step - EPS);

/**
 * The level spacing of a profile over [lo, hi]: the tick when that gives at most `maxLevels` levels,
 * else the smallest tick·{1, 2, 5}·10^k that does. Throws only for prices that are not real
 * (non-finite, or lo > hi): those are rejected upstream.
 */
export function lvnGridStep(lo: number, hi: number, tick: number, maxLevels: number = MAX_LEVELS): number {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo <= hi)) throw new RangeError(`lvn: bad price range ${lo}–${hi}`);
  // ≥ 3 levels always fit (at worst floor(lo/δ) = −1 and ceil(hi/δ) = 1), so the loop ends
  for (let decade = 1; ; decade *= 10) {
    for (let i = 0; i < LADDER.length; i++) {
      const step = tick * (LADDER[i]! * decade); // one rounding: 0.01·20 = 0.2 exactly as written
      if (lastLevel(hi, step) - firstLevel(lo, step) + 1 <= maxLevels) return step;
    }
  }
}

export interface LvnOptions {
  /** most profile levels before the grid coarsens (≥ 3); MAX_LEVELS unless a test sets it */
  maxLevels?: number;
}

export interface LvnOutput {
  /** the window is full and the LVN set is non-empty */
  ready: boolean;
  /** the window is full but no level qualifies as an LVN (then price, strength, distance are 0) */
  empty: boolean;
  nearestPrice: number;
  /** 0–100 */
  strength: number;
  /** |C − P|, unsigned */
  distance: number;
  /** price of the profile's max-volume level (lowest on ties); set whenever the window is full */
  poc: number;
}

export class Lvn implements Indicator<LvnOutput> {
  readonly name = 'lvn';
  readonly warmup: number;
  readonly tick: number;
  readonly #cfg: LvnConfig;
  // the last `history` bars; the profile reads the newest W of them
  readonly #h: Ring;
  readonly #l: Ring;
  readonly #c: Ring;
  readonly #v: Ring;
  #vol = new Float64Array(256); // profile volume per level q0 + i
  #q0 = 0;
  #levels = 0;
  #step: number;
  /** most levels a profile may have before its grid coarsens */
  readonly maxLevels: number;
  /** bars whose profile used a grid coarser than the tick (since construction; reset keeps it) */
  coarseBars = 0;
  readonly #out: LvnOutput = { ready: false, empty: false, nearestPrice: 0, strength: 0, distance: 0, poc: 0 };

  /** `tickSize` is the instrument's; a non-null `cfg.tick_size` overrides it. */
  constructor(tickSize: number, cfg: LvnConfig = DEFAULT_CONFIG.indicators.lvn, opts: LvnOptions = {}) {
    this.tick = cfg.tick_size ?? tickSize;
    if (!(this.tick > 0) || !Number.isFinite(this.tick)) throw new RangeError(`lvn: bad tick size ${this.tick}`);
    this.maxLevels = opts.maxLevels ?? MAX_LEVELS;
    if (!(Number.isInteger(this.maxLevels) && this.maxLevels >= 3)) throw new RangeError(`lvn: maxLevels must be an integer ≥ 3, got ${this.maxLevels}`);
    this.#step = this.tick;
    this.#cfg = cfg;
    this.warmup = cfg.profile_window - 1;
    const cap = Math.max(cfg.history, cfg.profile_window, cfg.interaction_lookback + 1);
    this.#h = new Ring(cap); this.#l = new Ring(cap); this.#c = new Ring(cap); this.#v = new Ring(cap);
  }

  update(bar: Bar): LvnOutput {
    this.#h.push(bar.h); this.#l.push(bar.l); this.#c.push(bar.c); this.#v.push(bar.v);
    const out = this.#out;
    out.ready = false; out.empty = false;
    out.nearestPrice = 0; out.strength = 0; out.distance = 0; out.poc = 0;
    if (this.#h.size < this.#cfg.profile_window) return out;

    this.#buildProfile();
    const vol = this.#vol, n = this.#levels, d = this.#step;
    let poc = 0;
    for (let i = 1; i < n; i++) if (vol[i]! > vol[poc]!) poc = i; // strict: ties keep the lowest
    const pocVol = vol[poc]!;
    out.poc = (this.#q0 + poc) * d;
    const limit = (1 - this.#cfg.strength_threshold) * pocVol;
    const close = bar.c;
    let best = -1, bestDist = Infinity;
    for (let i = 0; i < n; i++) {
      if (!(vol[i]! < limit)) continue;
      const dist = Math.abs((this.#q0 + i) * d - close);
      if (dist < bestDist) { bestDist = dist; best = i; } // strict, ascending: ties go to the lower price
    }
    if (best < 0) { out.empty = true; return out; }
    const p = (this.#q0 + best) * d;
    out.ready = true;
    out.nearestPrice = p;
    out.distance = bestDist;
    const s = 40 * (1 - vol[best]! / pocVol) + this.#interaction(p) + this.#recency(p) + this.#distanceScore(p, close);
    out.strength = Math.min(100, Math.max(0, s));
    return out;
  }

  /** Spread each of the last W bars' volume evenly over the grid levels inside its range. */
  #buildProfile(): void {
    const w = this.#cfg.profile_window;
    let minL = Infinity, maxH = -Infinity;
    for (let b = 0; b < w; b++) { minL = Math.min(minL, this.#l.get(b)); maxH = Math.max(maxH, this.#h.get(b)); }
    const d = lvnGridStep(minL, maxH, this.tick, this.maxLevels);
    if (d !== this.tick) this.coarseBars++;
    const q0 = firstLevel(minL, d), q1 = lastLevel(maxH, d);
    const n = q1 - q0 + 1; // ≤ maxLevels by lvnGridStep
    if (n > this.#vol.length) this.#vol = new Float64Array(Math.max(n, 2 * this.#vol.length));
    const vol = this.#vol;
    vol.fill(0, 0, n); // every level starts at 0 (the original's NaN start found no LVN ever)
    for (let b = w - 1; b >= 0; b--) { // oldest first
      const lo = Math.ceil(this.#l.get(b) / d - EPS), hi = Math.floor(this.#h.get(b) / d + EPS);
      const v = this.#v.get(b);
      if (hi >= lo) {
        const share = v / (hi - lo + 1);
        for (let q = lo; q <= hi; q++) vol[q - q0] = vol[q - q0]! + share;
      } else {
        // clamped: a close outside its bar's range (bad data) must not write outside the profile
        const q = Math.min(q1, Math.max(q0, Math.round(this.#c.get(b) / d)));
        vol[q - q0] = vol[q - q0]! + v;
      }
    }
    this.#q0 = q0;
    this.#levels = n;
    this.#step = d;
  }

  /** Level spacing of the last profile: the tick, or a coarser 1-2-5 multiple of it (see the top). */
  get gridStep(): number { return this.#step; }

  /** 0–30: tests of P over the last `interaction_lookback` bars (each with its predecessor). */
  #interaction(p: number): number {
    const look = this.#cfg.interaction_lookback, size = this.#h.size;
    if (size < look) return 0;
    const k = this.#cfg.test_threshold;
    let tests = 0, rejections = 0, magSum = 0;
    // bar i = back steps ago; when the history holds exactly `look` bars the oldest has no predecessor
    for (let back = Math.min(look - 1, size - 2); back >= 0; back--) {
      const h = this.#h.get(back), l = this.#l.get(back), c = this.#c.get(back), cPrev = this.#c.get(back + 1);
      const td = k * (h - l);
      if (cPrev < p && h >= p - td) {
        tests++;
        if (c < p) { rejections++; magSum += (h - c) / (h - l + 1e-4); }
      } else if (cPrev > p && l <= p + td) {
        tests++;
        if (c > p) { rejections++; magSum += (c - l) / (h - l + 1e-4); }
      }
    }
    return Math.min(3 * tests, 15) + (rejections > 0 ? (15 * magSum) / rejections : 0);
  }

  /** 0–20: how recently a bar of the history reached P (within half the last bar's range). */
  #recency(p: number): number {
    const n = Math.min(this.#h.size, this.#cfg.history);
    const td = this.#cfg.test_threshold * (this.#h.get(0) - this.#l.get(0));
    for (let back = 0; back < n; back++) {
      if (this.#l.get(back) <= p + td && this.#h.get(back) >= p - td) return 20 * (1 - back / n);
    }
    return 0;
  }

  /** 0–10: closeness of P to the close relative to the last bar's range; 0 for a zero range. */
  #distanceScore(p: number, close: number): number {
    const range = this.#h.get(0) - this.#l.get(0);
    if (!(range > 0)) return 0;
    return 10 * (1 - Math.min(Math.abs(close - p) / range, 1));
  }

  /**
   * The last built profile (for tests and the UI; allocates a small view): level i is at
   * (q0 + i)·step = firstPrice + i·step; `tick` is the indicator's tick.
   */
  profile(): { firstPrice: number; step: number; tick: number; volumes: Float64Array } {
    const d = this.#step;
    return { firstPrice: this.#q0 * d, step: d, tick: this.tick, volumes: this.#vol.subarray(0, this.#levels) };
  }

  reset(): void {
    this.#h.clear(); this.#l.clear(); this.#c.clear(); this.#v.clear();
    this.#levels = 0;
    this.#step = this.tick;
    const o = this.#out;
    o.ready = o.empty = false;
    o.nearestPrice = o.strength = o.distance = o.poc = 0;
  }
}
