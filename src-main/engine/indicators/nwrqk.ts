// NW-RQK (30m), SPEC §2.2: a Nadaraya–Watson estimate with a rational-quadratic kernel over a
// FIXED window of the last x0+2 source prices (27 with defaults, as in the TradingView original):
//   w_j(h) = (1 + j²/(2·r·h²))^(−r),  ŷ(h)[t] = Σ_{j=0}^{x0+1} w_j·p[t−j] / Σ w_j
// yhat1 = ŷ(h), yhat2 = ŷ(h − lag). The original Python summed over the whole history (unbounded,
// up to ≈11 points off) and reported a bullish turn as −1; here a bullish change is +1.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { DEFAULT_CONFIG, type IndicatorConfig } from '../../../src-shared/config.ts';
import { Ring, type Indicator } from './types.ts';
import { source30Price } from './heikin-ashi.ts';

/** Kernel weights w_0 … w_{terms−1} for bandwidth h and relative weighting r. */
export function rqkWeights(h: number, r: number, terms: number): Float64Array {
  if (!(h > 0) || !(r > 0)) throw new Error(`NW-RQK kernel needs h > 0 and r > 0, got h=${h}, r=${r}`);
  const w = new Float64Array(terms);
  for (let j = 0; j < terms; j++) w[j] = Math.pow(1 + (j * j) / (2 * r * h * h), -r);
  return w;
}

export interface NwRqkOut {
  /** yhat1 / yhat2 ready (t ≥ x0+1) */
  ready: boolean;
  /** ŷ(h), SPEC's nwrqk_value */
  yhat1: number;
  /** ŷ(h − lag) */
  yhat2: number;
  /** (yhat1[t] − yhat1[t−1]) / yhat1[t−1], relative change per bar */
  slope: number;
  /** slope and trend ready (t ≥ x0+2) */
  slopeReady: boolean;
  /** sign(yhat1[t] − yhat1[t−1]) ∈ {−1, 0, 1} */
  trend: number;
  /** +1 bullish / −1 bearish change (or cross in smooth mode), else 0 */
  signal: number;
  /** change signals from t ≥ x0+3, cross signals from t ≥ x0+2 */
  signalReady: boolean;
}

export class NwRqk implements Indicator<NwRqkOut> {
  readonly name = 'nwrqk';
  readonly warmup: number;
  readonly source: IndicatorConfig['source30'];
  readonly smooth: boolean;
  readonly out: NwRqkOut = { ready: false, yhat1: 0, yhat2: 0, slope: 0, slopeReady: false, trend: 0, signal: 0, signalReady: false };
  #w1: Float64Array;
  #w2: Float64Array;
  #sum1: number;
  #sum2: number;
  #win: Ring;
  #readyCount = 0; // bars with a ready estimate so far (history of yhat1 that the events may use)
  #y1p1 = 0; // yhat1[t−1]
  #y1p2 = 0; // yhat1[t−2]
  #y2p1 = 0; // yhat2[t−1]

  constructor(cfg: IndicatorConfig['nwrqk'] = DEFAULT_CONFIG.indicators.nwrqk,
              source: IndicatorConfig['source30'] = DEFAULT_CONFIG.indicators.source30) {
    if (!Number.isInteger(cfg.x0) || cfg.x0 < 1) throw new Error(`nwrqk.x0 must be an integer ≥ 1, got ${cfg.x0}`);
    if (!(cfg.h - cfg.lag > 0)) throw new Error(`nwrqk.h − nwrqk.lag must be > 0 (the yhat2 bandwidth), got ${cfg.h - cfg.lag}`);
    const terms = cfg.x0 + 2;
    this.#w1 = rqkWeights(cfg.h, cfg.r, terms);
    this.#w2 = rqkWeights(cfg.h - cfg.lag, cfg.r, terms);
    this.#sum1 = this.#w1.reduce((a, b) => a + b, 0);
    this.#sum2 = this.#w2.reduce((a, b) => a + b, 0);
    this.#win = new Ring(terms);
    this.warmup = cfg.x0 + 1;
    this.source = source;
    this.smooth = cfg.smooth_colors;
  }

  update(bar: Bar): NwRqkOut {
    const p = source30Price(bar, this.source);
    if (!Number.isFinite(p)) throw new Error(`NW-RQK: non-finite source price at t=${bar.t}`);
    const win = this.#win;
    win.push(p);
    const out = this.out;
    if (!win.full) return out; // not ready: all fields stay 0 / false

    const w1 = this.#w1, w2 = this.#w2;
    let s1 = 0, s2 = 0;
    for (let j = 0; j < win.capacity; j++) {
      const x = win.get(j);
      s1 += w1[j]! * x;
      s2 += w2[j]! * x;
    }
    const y1 = s1 / this.#sum1, y2 = s2 / this.#sum2;
    const n = ++this.#readyCount;
    out.ready = true;
    out.yhat1 = y1;
    out.yhat2 = y2;

    if (n >= 2) {
      const prev = this.#y1p1;
      out.slopeReady = true;
      // A zero previous estimate (only possible for non-positive prices) would divide by 0.
      out.slope = prev !== 0 ? (y1 - prev) / prev : 0;
      out.trend = y1 > prev ? 1 : y1 < prev ? -1 : 0;
    }
    if (this.smooth) {
      out.signalReady = n >= 2;
      const bullX = y2 > y1 && this.#y2p1 <= this.#y1p1;
      const bearX = y2 < y1 && this.#y2p1 >= this.#y1p1;
      out.signal = n >= 2 ? (bullX ? 1 : bearX ? -1 : 0) : 0;
    } else {
      out.signalReady = n >= 3;
      const rising = y1 > this.#y1p1, falling = y1 < this.#y1p1;
      const bullish = rising && this.#y1p1 < this.#y1p2;
      const bearish = falling && this.#y1p1 > this.#y1p2;
      out.signal = n >= 3 ? (bullish ? 1 : bearish ? -1 : 0) : 0;
    }
    this.#y1p2 = this.#y1p1;
    this.#y1p1 = y1;
    this.#y2p1 = y2;
    return out;
  }

  reset(): void {
    this.#win.clear();
    this.#readyCount = 0;
    this.#y1p1 = this.#y1p2 = this.#y2p1 = 0;
    const out = this.out;
    out.ready = out.slopeReady = out.signalReady = false;
    out.yhat1 = out.yhat2 = out.slope = out.trend = out.signal = 0;
  }
}
