// ATR_n with Wilder smoothing on bars, SPEC §2.0 (default atr.period = 14 on 5m bars).
//   TR[t] = max(H−L, |H−C[t−1]|, |L−C[t−1]|) for t ≥ 1 (bar 0 has no previous close, so no TR);
//   ATR[n] = mean(TR[1..n]), then ATR[t] = (ATR[t−1]·(n−1) + TR[t]) / n. First ready at t = n.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { DEFAULT_CONFIG, type IndicatorConfig } from '../../../src-shared/config.ts';
import type { Indicator } from './types.ts';

export interface AtrOut {
  ready: boolean;
  /** ATR in price points; 0 while not ready */
  value: number;
  /** the latest true range; 0 on bar 0 */
  tr: number;
}

export class AtrWilder implements Indicator<AtrOut> {
  readonly name = 'atr';
  readonly warmup: number;
  readonly period: number;
  readonly out: AtrOut = { ready: false, value: 0, tr: 0 };
  #prevClose = 0;
  #bars = 0;
  #sumTr = 0;
  #atr = 0;

  constructor(cfg: IndicatorConfig['atr'] = DEFAULT_CONFIG.indicators.atr) {
    const n = cfg.period;
    if (!Number.isInteger(n) || n < 1) throw new Error(`atr.period must be an integer ≥ 1, got ${n}`);
    this.period = n;
    this.warmup = n;
  }

  update(bar: Bar): AtrOut {
    const out = this.out;
    const n = this.period;
    const t = this.#bars++;
    if (t === 0) {
      this.#prevClose = bar.c;
      return out; // nothing to measure yet
    }
    const pc = this.#prevClose;
    this.#prevClose = bar.c;
    const tr = Math.max(bar.h - bar.l, Math.abs(bar.h - pc), Math.abs(bar.l - pc));
    out.tr = tr;
    if (t < n) {
      this.#sumTr += tr;
      return out;
    }
    this.#atr = t === n ? (this.#sumTr + tr) / n : (this.#atr * (n - 1) + tr) / n;
    if (!Number.isFinite(this.#atr)) throw new Error(`ATR became non-finite at bar ${t} (bad bar input?)`);
    out.ready = true;
    out.value = this.#atr;
    return out;
  }

  reset(): void {
    this.#prevClose = 0;
    this.#bars = 0;
    this.#sumTr = 0;
    this.#atr = 0;
    this.out.ready = false;
    this.out.value = 0;
    this.out.tr = 0;
  }
}
