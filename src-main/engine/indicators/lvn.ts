// Low-volume nodes (SPEC §2.4), 30m standard bars. Each bar rebuilds the volume profile of the
// last W bars on the tick grid (rebuilt, not patched: no float drift, so a replay is bit-exact),
// then scores the LVN nearest to the close. Cost per bar: W·(range/tick) + history.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { DEFAULT_CONFIG, type IndicatorConfig } from '../../../src-shared/config.ts';
import { Ring, type Indicator } from './types.ts';

export type LvnConfig = IndicatorConfig['lvn'];
const MAX_LEVELS = 1_000_000;

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
  readonly #out: LvnOutput = { ready: false, empty: false, nearestPrice: 0, strength: 0, distance: 0, poc: 0 };

  /** `tickSize` is the instrument's; a non-null `cfg.tick_size` overrides it. */
  constructor(tickSize: number, cfg: LvnConfig = DEFAULT_CONFIG.indicators.lvn) {
    this.tick = cfg.tick_size ?? tickSize;
    if (!(this.tick > 0) || !Number.isFinite(this.tick)) throw new RangeError(`lvn: bad tick size ${this.tick}`);
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
    const vol = this.#vol, n = this.#levels, d = this.tick;
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
    const w = this.#cfg.profile_window, d = this.tick, eps = 1e-6;
    let minL = Infinity, maxH = -Infinity;
    for (let b = 0; b < w; b++) { minL = Math.min(minL, this.#l.get(b)); maxH = Math.max(maxH, this.#h.get(b)); }
    const q0 = Math.floor(minL / d), q1 = Math.ceil(maxH / d);
    const n = q1 - q0 + 1;
    // a wrong tick size or a bad print would otherwise allocate without bound
    if (!(n <= MAX_LEVELS)) throw new RangeError(`lvn: profile spans ${n} levels of ${d} (wrong tick size?)`);
    if (n > this.#vol.length) this.#vol = new Float64Array(Math.max(n, 2 * this.#vol.length));
    const vol = this.#vol;
    vol.fill(0, 0, n); // every level starts at 0 (the original's NaN start found no LVN ever)
    for (let b = w - 1; b >= 0; b--) { // oldest first
      const lo = Math.ceil(this.#l.get(b) / d - eps), hi = Math.floor(this.#h.get(b) / d + eps);
      const v = this.#v.get(b);
      if (hi >= lo) {
        const share = v / (hi - lo + 1);
        for (let q = lo; q <= hi; q++) vol[q - q0] = vol[q - q0]! + share;
      } else {
        const q = Math.round(this.#c.get(b) / d);
        vol[q - q0] = vol[q - q0]! + v;
      }
    }
    this.#q0 = q0;
    this.#levels = n;
  }

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

  /** The last built profile (for tests and the UI; allocates a small view): level i is at firstPrice + i·tick. */
  profile(): { firstPrice: number; tick: number; volumes: Float64Array } {
    return { firstPrice: this.#q0 * this.tick, tick: this.tick, volumes: this.#vol.subarray(0, this.#levels) };
  }

  reset(): void {
    this.#h.clear(); this.#l.clear(); this.#c.clear(); this.#v.clear();
    this.#levels = 0;
    const o = this.#out;
    o.ready = o.empty = false;
    o.nearestPrice = o.strength = o.distance = o.poc = 0;
  }
}
