// 30m features (SPEC §2.6): volatility_30, volume_profile_skew, price_acceleration_30, and the
// time-of-day encoding (R11: 10:30 exchange time → sin 0.382683, cos −0.923880); real bars.
import { describe, it, expect } from 'vitest';
import {
  PriceAcceleration30, Volatility30, VolumeProfileSkew, timeOfDay, type FeatureOutput,
} from '../../../../src-main/engine/indicators/features-30m.ts';
import { expectCausal, readOhlcCsv, NQ_30M_ETH } from '../../../helpers/causal.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

const bar = (c: number, v = 1, i = 0): Bar => ({ t: i * 1_800_000, o: c, h: c, l: c, c, v });
const snap = (o: FeatureOutput) => ({ ...o });

describe('Volatility30', () => {
  it('is 100 × the population std of the last 30 returns, first ready at index 30', () => {
    const f = new Volatility30();
    // closes alternate 100, 101: returns +1 %, −0.990099 %, …
    const closes = Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 100 : 101));
    const outs = closes.map((c) => snap(f.update(bar(c))));
    expect(outs[29]).toEqual({ ready: false, value: 0 });
    expect(outs[30]!.ready).toBe(true);
    const up = 0.01, down = 100 / 101 - 1; // 15 of each in any 30 consecutive returns
    expect(outs[30]!.value).toBeCloseTo((100 * Math.abs(up - down)) / 2, 12);
    expect(outs[31]!.value).toBeCloseTo(outs[30]!.value, 12);
  });
});

describe('VolumeProfileSkew', () => {
  it('is the population skewness of the last ≤ 20 volumes; 0 below 3 bars or for a flat window', () => {
    const f = new VolumeProfileSkew();
    expect(f.update(bar(1, 1)).value).toBe(0);
    expect(f.update(bar(1, 1)).value).toBe(0);
    // [1, 1, 4]: mean 2, deviations −1, −1, 2: m2 = 2, m3 = 2 → 2/2^1.5
    expect(f.update(bar(1, 4)).value).toBeCloseTo(1 / Math.SQRT2, 12);
    const flat = new VolumeProfileSkew();
    for (let i = 0; i < 5; i++) expect(flat.update(bar(1, 7)).value).toBe(0);
  });

  it('clips to ±3 and forgets volumes older than 20 bars', () => {
    const f = new VolumeProfileSkew();
    for (let i = 0; i < 19; i++) f.update(bar(1, 0));
    expect(f.update(bar(1, 1000)).value).toBe(3); // one spike in 20: skew 4.13 → 3
    for (let i = 0; i < 19; i++) f.update(bar(1, 0));
    expect(f.update(bar(1, 0)).value).toBe(0); // the spike left the window: all zero, mean 0
  });
});

describe('PriceAcceleration30', () => {
  it('is v_t − v_{t−1} of percent changes, clipped to ±5, ready at index 2', () => {
    const f = new PriceAcceleration30();
    const outs = [100, 101, 103.02, 90].map((c) => snap(f.update(bar(c))));
    expect(outs.map((o) => o.ready)).toEqual([false, false, true, true]);
    expect(outs[2]!.value).toBeCloseTo(2 - 1, 12); // +2 % after +1 %
    expect(outs[3]!.value).toBe(-5); // −12.6 % after +2 %
  });
});

describe('timeOfDay', () => {
  it('R11: a bar starting 10:30 exchange time → sin 0.382683, cos −0.923880 (winter and summer)', () => {
    const winter = timeOfDay(Date.UTC(2024, 0, 10, 16, 30), 'America/Chicago'); // CST = UTC−6
    const summer = timeOfDay(Date.UTC(2024, 6, 10, 15, 30), 'America/Chicago'); // CDT = UTC−5
    for (const t of [winter, summer]) {
      expect(t.sin).toBeCloseTo(0.382683, 6);
      expect(t.cos).toBeCloseTo(-0.92388, 6);
    }
  });

  it('encodes midnight as (0, 1), fills a given object, and works for UTC', () => {
    const out = { sin: 9, cos: 9 };
    expect(timeOfDay(Date.UTC(2024, 0, 10, 6, 0), 'America/Chicago', out)).toBe(out);
    expect(out.sin).toBeCloseTo(0, 12);
    expect(out.cos).toBeCloseTo(1, 12);
    expect(timeOfDay(Date.UTC(2024, 0, 10, 18, 0), 'UTC').sin).toBeCloseTo(-1, 12);
  });
});

describe('NQ 30m ETH', () => {
  const bars = readOhlcCsv(NQ_30M_ETH);
  const make = [() => new Volatility30(), () => new VolumeProfileSkew(), () => new PriceAcceleration30()];

  it('is finite on the whole file, with values in their ranges', () => {
    const [vol, skew, acc] = make.map((m) => m());
    let bad = 0;
    const t0 = performance.now();
    for (const b of bars) {
      const a = vol!.update(b).value, s = skew!.update(b).value, p = acc!.update(b).value;
      if (![a, s, p].every(Number.isFinite) || a < 0 || Math.abs(s) > 3 || Math.abs(p) > 5) bad++;
    }
    console.log(`features-30m: ${(((performance.now() - t0) * 1e6) / bars.length).toFixed(0)} ns/bar for all three`);
    expect(bad).toBe(0);
  });

  it('is causal (R14)', () => {
    for (const m of make) expectCausal(m, bars.slice(0, 300), snap, 40);
  });
});
