// The small 5m features of SPEC §2.6 (ATR lives in atr.ts). Each is O(1) per bar.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { Ring, type Indicator } from './types.ts';

export interface FeatureOutput {
  ready: boolean;
  value: number;
}

/** price_momentum_5 = clip(100·(C_t − C_{t−5})/C_{t−5}, −10, 10), in percent; first ready at index 5. */
export class PriceMomentum5 implements Indicator<FeatureOutput> {
  readonly name = 'price_momentum_5';
  readonly warmup = 5;
  readonly #closes = new Ring(6);
  readonly #out: FeatureOutput = { ready: false, value: 0 };

  update(bar: Bar): FeatureOutput {
    this.#closes.push(bar.c);
    const out = this.#out;
    out.ready = this.#closes.full;
    out.value = 0;
    if (out.ready) {
      const past = this.#closes.get(5);
      // a zero past close has no percentage change; 0 keeps NaN/∞ out
      out.value = past !== 0 ? clip((100 * (bar.c - past)) / past, -10, 10) : 0;
    }
    return out;
  }

  reset(): void {
    this.#closes.clear();
    this.#out.ready = false;
    this.#out.value = 0;
  }
}

/**
 * volume_ratio_5m = V_t / E_t with E an EMA (weight 0.02) of volume seeded at max(V_0, 1) and
 * updated before the ratio, so a bar's own volume is in its baseline. 1 when E ≤ 1e-10.
 * Ready from the first bar.
 */
export class VolumeRatio5m implements Indicator<FeatureOutput> {
  readonly name = 'volume_ratio_5m';
  readonly warmup = 0;
  #ema = 0;
  #count = 0;
  readonly #out: FeatureOutput = { ready: false, value: 0 };

  update(bar: Bar): FeatureOutput {
    this.#ema = this.#count === 0 ? Math.max(bar.v, 1) : this.#ema + 0.02 * (bar.v - this.#ema);
    this.#count++;
    this.#out.ready = true;
    this.#out.value = this.#ema <= 1e-10 ? 1 : bar.v / this.#ema;
    return this.#out;
  }

  reset(): void {
    this.#ema = 0;
    this.#count = 0;
    this.#out.ready = false;
    this.#out.value = 0;
  }
}

export function clip(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
