// The small 30m features of SPEC §2.6 (standard closes) and the time-of-day encoding.
// Each keeps a bounded window and recomputes it in two passes: exact and drift-free.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { zone } from '../../../src-shared/time.ts';
import { Ring, type Indicator } from './types.ts';
import { clip, type FeatureOutput } from './features-5m.ts';

export type { FeatureOutput } from './features-5m.ts';

/** volatility_30 = population std of the last 30 simple returns × 100; first ready at index 30. */
export class Volatility30 implements Indicator<FeatureOutput> {
  readonly name = 'volatility_30';
  readonly warmup = 30;
  readonly #returns = new Ring(30);
  #prev = 0;
  #count = 0;
  readonly #out: FeatureOutput = { ready: false, value: 0 };

  update(bar: Bar): FeatureOutput {
    // a zero previous close has no return; 0 keeps NaN/∞ out
    if (this.#count++ > 0) this.#returns.push(this.#prev !== 0 ? bar.c / this.#prev - 1 : 0);
    this.#prev = bar.c;
    const out = this.#out;
    out.ready = this.#returns.full;
    out.value = 0;
    if (!out.ready) return out;
    const n = this.#returns.size;
    let m = 0;
    for (let j = 0; j < n; j++) m += this.#returns.get(j);
    m /= n;
    let s2 = 0;
    for (let j = 0; j < n; j++) { const d = this.#returns.get(j) - m; s2 += d * d; }
    out.value = Math.sqrt(s2 / n) * 100;
    return out;
  }

  reset(): void {
    this.#returns.clear();
    this.#prev = 0; this.#count = 0;
    this.#out.ready = false; this.#out.value = 0;
  }
}

/**
 * volume_profile_skew = population skewness of the last ≤ 20 volumes, clipped to [−3, 3]; 0 with
 * fewer than 3 bars, std 0 or mean 0. SPEC defines it from the first bar, so it is always ready.
 */
export class VolumeProfileSkew implements Indicator<FeatureOutput> {
  readonly name = 'volume_profile_skew';
  readonly warmup = 0;
  readonly #vols = new Ring(20);
  readonly #out: FeatureOutput = { ready: false, value: 0 };

  update(bar: Bar): FeatureOutput {
    this.#vols.push(bar.v);
    const out = this.#out;
    out.ready = true;
    out.value = 0;
    const n = this.#vols.size;
    if (n < 3) return out;
    let m = 0;
    for (let j = 0; j < n; j++) m += this.#vols.get(j);
    m /= n;
    let m2 = 0, m3 = 0;
    for (let j = 0; j < n; j++) { const d = this.#vols.get(j) - m; m2 += d * d; m3 += d * d * d; }
    m2 /= n; m3 /= n;
    const sd = Math.sqrt(m2);
    if (sd === 0 || m === 0) return out;
    out.value = clip(m3 / (sd * sd * sd), -3, 3);
    return out;
  }

  reset(): void {
    this.#vols.clear();
    this.#out.ready = false; this.#out.value = 0;
  }
}

/** price_acceleration_30 = clip(v_t − v_{t−1}, −5, 5), v_t = 100·(C_t − C_{t−1})/C_{t−1}; ready at index 2. */
export class PriceAcceleration30 implements Indicator<FeatureOutput> {
  readonly name = 'price_acceleration_30';
  readonly warmup = 2;
  readonly #closes = new Ring(3);
  readonly #out: FeatureOutput = { ready: false, value: 0 };

  update(bar: Bar): FeatureOutput {
    this.#closes.push(bar.c);
    const out = this.#out;
    out.ready = this.#closes.full;
    out.value = 0;
    if (!out.ready) return out;
    const c0 = this.#closes.get(0), c1 = this.#closes.get(1), c2 = this.#closes.get(2);
    const v0 = c1 !== 0 ? (100 * (c0 - c1)) / c1 : 0;
    const v1 = c2 !== 0 ? (100 * (c1 - c2)) / c2 : 0;
    out.value = clip(v0 - v1, -5, 5);
    return out;
  }

  reset(): void {
    this.#closes.clear();
    this.#out.ready = false; this.#out.value = 0;
  }
}

export interface TimeOfDay {
  sin: number;
  cos: number;
}

const DAY_MS = 86_400_000;

/**
 * sin/cos of h = hour + minute/60 of a bar start in exchange time (SPEC §2.6). Pass `out` to
 * reuse an object on the hot path. The time comes from the bar, never from the clock.
 */
export function timeOfDay(barStartUtc: number, zoneName: string, out: TimeOfDay = { sin: 0, cos: 0 }): TimeOfDay {
  const local = zone(zoneName).toLocal(barStartUtc);
  const minutes = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000); // seconds dropped
  const a = (2 * Math.PI * (minutes / 60)) / 24;
  out.sin = Math.sin(a);
  out.cos = Math.cos(a);
  return out;
}
