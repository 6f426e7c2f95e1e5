// Heikin-Ashi candles, SPEC §2.0, computed incrementally ONCE from the first bar of the data.
//   HAc = (O+H+L+C)/4; HAo[0] = (O+C)/2, HAo[t] = (HAo[t−1] + HAc[t−1]) / 2;
//   HAh = max(H, HAo, HAc); HAl = min(L, HAo, HAc).
// The original re-seeded HA from a moving 100-bar window (and applied it twice on one path), so
// its HAo depended on where the window started; here the recursion runs over the whole stream.
// MLMI and NW-RQK need only HAc, which is OHLC4 and has no recursion: see `source30Price`.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { IndicatorConfig } from '../../../src-shared/config.ts';
import type { Indicator } from './types.ts';

export interface HeikinAshiOut {
  ready: boolean;
  o: number;
  h: number;
  l: number;
  c: number;
}

/** The 30m oscillator source price (SPEC §2.0 `indicators.source30`): HA close = OHLC4, or the close. */
export function source30Price(bar: Bar, source: IndicatorConfig['source30']): number {
  return source === 'ha_close' ? (bar.o + bar.h + bar.l + bar.c) / 4 : bar.c;
}

export class HeikinAshi implements Indicator<HeikinAshiOut> {
  readonly name = 'heikin_ashi';
  readonly warmup = 0;
  readonly out: HeikinAshiOut = { ready: false, o: 0, h: 0, l: 0, c: 0 };
  #started = false;
  #prevO = 0;
  #prevC = 0;

  update(bar: Bar): HeikinAshiOut {
    const c = (bar.o + bar.h + bar.l + bar.c) / 4;
    const o = this.#started ? (this.#prevO + this.#prevC) / 2 : (bar.o + bar.c) / 2;
    if (!Number.isFinite(c) || !Number.isFinite(o)) throw new Error('Heikin-Ashi: non-finite bar input');
    this.#started = true;
    this.#prevO = o;
    this.#prevC = c;
    const out = this.out;
    out.ready = true;
    out.o = o;
    out.c = c;
    out.h = Math.max(bar.h, o, c);
    out.l = Math.min(bar.l, o, c);
    return out;
  }

  reset(): void {
    this.#started = false;
    this.#prevO = 0;
    this.#prevC = 0;
    const out = this.out;
    out.ready = false;
    out.o = out.h = out.l = out.c = 0;
  }
}
