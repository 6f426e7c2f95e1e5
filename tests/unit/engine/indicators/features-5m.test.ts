// 5m features (SPEC §2.6): price_momentum_5 and volume_ratio_5m, R11's tanh(ln 3) = 0.8, real
// bars (finite, causal).
import { describe, it, expect } from 'vitest';
import { PriceMomentum5, VolumeRatio5m, clip, type FeatureOutput } from '../../../../src-main/engine/indicators/features-5m.ts';
import { expectCausal, readOhlcCsv, NQ_5M_FIRSTRATE } from '../../../helpers/causal.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

const bar = (c: number, v = 1, i = 0): Bar => ({ t: i * 300_000, o: c, h: c, l: c, c, v });
const snap = (o: FeatureOutput) => ({ ...o });

describe('PriceMomentum5', () => {
  it('is 100·(C_t − C_{t−5})/C_{t−5} in percent, first ready at index 5', () => {
    const m = new PriceMomentum5();
    const outs = [100, 101, 102, 103, 104, 102, 99].map((c) => snap(m.update(bar(c))));
    expect(m.warmup).toBe(5);
    expect(outs.map((o) => o.ready)).toEqual([false, false, false, false, false, true, true]);
    expect(outs.slice(0, 5).every((o) => o.value === 0)).toBe(true);
    expect(outs[5]!.value).toBeCloseTo(2, 12); // (102 − 100)/100
    expect(outs[6]!.value).toBeCloseTo(-1.9801980198, 9); // (99 − 101)/101
  });

  it('clips to ±10 %', () => {
    const m = new PriceMomentum5();
    const outs = [100, 100, 100, 100, 100, 150, 50].map((c) => m.update(bar(c)).value);
    expect(outs.slice(5)).toEqual([10, -10]);
  });
});

describe('VolumeRatio5m', () => {
  it('seeds E_0 = max(V_0, 1) and updates E before the ratio', () => {
    const r = new VolumeRatio5m();
    expect(r.update(bar(1, 0)).value).toBe(0); // E_0 = 1
    const o = r.update(bar(1, 51)); // E_1 = 1 + 0.02·50 = 2
    expect(o.ready).toBe(true);
    expect(o.value).toBeCloseTo(25.5, 12);
  });

  it('R11: a ratio of 3 normalises to tanh(ln 3) = 0.8; ratio 0 → 0', () => {
    const r = new VolumeRatio5m();
    r.update(bar(1, 100));
    const v = (3 * 0.98 * 100) / (1 - 3 * 0.02); // V = 3·(0.98·E + 0.02·V) solved for V
    const ratio = r.update(bar(1, v)).value;
    expect(ratio).toBeCloseTo(3, 12);
    expect(Math.tanh(Math.log(ratio))).toBeCloseTo(0.8, 9);
    const zero = r.update(bar(1, 0)).value;
    expect(zero).toBe(0);
    expect(zero > 0 ? Math.tanh(Math.log(zero)) : 0).toBe(0); // SPEC §3.2 column 5
  });

  it('is 1 once the average has decayed to ≤ 1e-10', () => {
    const r = new VolumeRatio5m();
    let last = 0;
    for (let i = 0; i < 1200; i++) last = r.update(bar(1, 0)).value; // E = 0.98^i
    expect(0.98 ** 1199).toBeLessThan(1e-10);
    expect(last).toBe(1);
  });
});

describe('clip', () => {
  it('bounds both sides', () => expect([clip(-3, -1, 1), clip(0.5, -1, 1), clip(3, -1, 1)]).toEqual([-1, 0.5, 1]));
});

describe('FirstRate NQ 5m sample', () => {
  const bars = readOhlcCsv(NQ_5M_FIRSTRATE);
  it('is finite on the whole file', () => {
    const m = new PriceMomentum5(), r = new VolumeRatio5m();
    const t0 = performance.now();
    let bad = 0;
    for (const b of bars) {
      const a = m.update(b).value, v = r.update(b).value;
      if (!Number.isFinite(a) || !Number.isFinite(v) || v < 0) bad++;
    }
    console.log(`features-5m: ${(((performance.now() - t0) * 1e6) / bars.length).toFixed(0)} ns/bar for both`);
    expect(bad).toBe(0);
  });
  it('is causal (R14)', () => {
    expectCausal(() => new PriceMomentum5(), bars.slice(0, 300), snap, 40);
    expectCausal(() => new VolumeRatio5m(), bars.slice(0, 300), snap, 40);
  });
});
