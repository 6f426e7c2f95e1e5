import { describe, expect, it } from 'vitest';
import { Matrix30mAssembler } from '../../../../src-main/engine/features/matrix-30m.ts';
import { FeatureInputError, hourCos, hourSin, type Row30mInput } from '../../../../src-main/engine/features/inputs.ts';
import { FEATURES_30M } from '../../../../src-main/engine/features/schema.ts';
import { assemblerContract } from './assembler-contract.ts';
import { make30m, referenceRn } from './helpers.ts';

const BASE: Row30mInput = {
  barStart: Date.UTC(2024, 2, 4, 15, 30),
  close: 100,
  mlmiReady: true, mlmiValue: 0, mlmiSignal: 0, mlmiK: 200,
  nwrqkReady: true, yhat1: 100, nwrqkSlope: 0,
  lvnReady: true, lvnEmpty: true, lvnDistance: 0, lvnStrength: 0,
  hourSin: 0, hourCos: 1,
};
const col = (name: (typeof FEATURES_30M)[number]): number => FEATURES_30M.indexOf(name);

/** One row from a fresh assembler. */
function row(over: Partial<Row30mInput>): Float32Array {
  return Float32Array.from(new Matrix30mAssembler().update({ ...BASE, ...over })!);
}

describe('Matrix30mAssembler: SPEC §3.1 columns', () => {
  it('R11: mlmi 130 with k 200 → 0.65, clipped to ±1; signal as is', () => {
    expect(row({ mlmiValue: 130 })[col('mlmi_value')]).toBeCloseTo(0.65, 6);
    expect(row({ mlmiValue: -260 })[col('mlmi_value')]).toBe(-1);
    expect(row({ mlmiValue: 7, mlmiK: 5 })[col('mlmi_value')]).toBe(1);
    expect(row({ mlmiSignal: -1 })[col('mlmi_signal')]).toBe(-1);
  });

  it('R11: the 10:30 bar → sin 0.382683, cos −0.923880 (columns 6–7 take the caller\'s values)', () => {
    const r = row({ hourSin: Math.sin((2 * Math.PI * 10.5) / 24), hourCos: Math.cos((2 * Math.PI * 10.5) / 24) });
    expect(r[col('time_hour_sin')]).toBeCloseTo(0.382683, 6);
    expect(r[col('time_hour_cos')]).toBeCloseTo(-0.92388, 6);
    expect(hourSin(10.5)).toBeCloseTo(0.382683, 6);
    expect(hourCos(10.5)).toBeCloseTo(-0.92388, 6);
    expect(hourSin(0)).toBe(0);
    expect(hourCos(18)).toBeCloseTo(0, 12);
  });

  it('R8: LVN distance 0.5 at close 104.5 → 0.619732; strength 58.3333 → 0.583333', () => {
    const r = row({ close: 104.5, yhat1: 104.5, lvnEmpty: false, lvnDistance: 0.5, lvnStrength: 58.3333 });
    expect(r[col('lvn_distance_points')]).toBeCloseTo(0.619732, 6);
    expect(r[col('lvn_nearest_strength')]).toBeCloseTo(0.583333, 6);
    expect(row({ lvnEmpty: false, lvnDistance: 0, lvnStrength: 250 })[col('lvn_nearest_strength')]).toBe(1);
  });

  it('an empty LVN set gives 0 in both LVN columns whatever the other fields say', () => {
    const r = row({ lvnEmpty: true, lvnDistance: Number.NaN, lvnStrength: Number.NaN });
    expect(r[col('lvn_distance_points')]).toBe(0);
    expect(r[col('lvn_nearest_strength')]).toBe(0);
  });

  it('nwrqk_value = clip(100·(yhat1 − P)/P, ±5)/5', () => {
    expect(row({ yhat1: 101 })[col('nwrqk_value')]).toBeCloseTo(0.2, 6);
    expect(row({ yhat1: 97.5 })[col('nwrqk_value')]).toBeCloseTo(-0.5, 6);
    expect(row({ yhat1: 120 })[col('nwrqk_value')]).toBe(1);
  });

  it('nwrqk_slope: tanh(10·slope) for the first 10 rows, then clip(z, ±2)/2 of RN(α = 0.05)', () => {
    const a = new Matrix30mAssembler();
    const rn = referenceRn(0.05);
    const slopes = [0.01, -0.02, 0.03, 0.2, -0.1, 0.05, 0, 0.02, -0.04, 0.01, 0.5, -0.01, 0.3, -3];
    slopes.forEach((s, i) => {
      const got = a.update({ ...BASE, barStart: BASE.barStart + i * 1_800_000, nwrqkSlope: s })![col('nwrqk_slope')]!;
      const { z, n } = rn.update(s);
      const want = n > 10 ? Math.max(-2, Math.min(2, z)) / 2 : Math.tanh(10 * s);
      expect(got).toBeCloseTo(want, 6);
    });
    // row 11 (slope 0.5, an outlier against the first ten) saturates the ±2 clip
    const b = new Matrix30mAssembler();
    let last = 0;
    slopes.slice(0, 11).forEach((s, i) => { last = b.update({ ...BASE, barStart: BASE.barStart + i * 1_800_000, nwrqkSlope: s })![3]!; });
    expect(last).toBe(1);
  });

  it('matches SPEC §3.1 computed independently on every row of a random walk', () => {
    const xs = make30m(1500, 11);
    const a = new Matrix30mAssembler();
    const rn = referenceRn(0.05);
    let rows = 0;
    const clip = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
    for (const x of xs) {
      const r = a.update(x);
      if (r === null) continue;
      rows++;
      const p = x.close;
      const { z, n } = rn.update(x.nwrqkSlope);
      const want = [
        clip(x.mlmiValue / x.mlmiK, -1, 1),
        x.mlmiSignal,
        clip((100 * (x.yhat1 - p)) / p, -5, 5) / 5,
        n > 10 ? clip(z, -2, 2) / 2 : Math.tanh(10 * x.nwrqkSlope),
        x.lvnEmpty ? 0 : Math.exp((-100 * x.lvnDistance) / p),
        x.lvnEmpty ? 0 : clip(x.lvnStrength / 100, 0, 1),
        x.hourSin,
        x.hourCos,
      ];
      want.forEach((w, j) => { if (Math.abs(r[j]! - w) > 1e-6) throw new Error(`row ${rows} col ${j}: ${r[j]} ≠ ${w}`); });
    }
    expect(rows).toBe(1500 - 12);
  });

  it('rejects bad values: close ≤ 0, a signal outside −1/0/+1, a negative LVN distance', () => {
    const a = new Matrix30mAssembler();
    expect(() => a.update({ ...BASE, close: 0 })).toThrow(FeatureInputError);
    expect(() => a.update({ ...BASE, mlmiSignal: 0.5 })).toThrow(/mlmiSignal/);
    expect(() => a.update({ ...BASE, lvnEmpty: false, lvnDistance: -1, lvnStrength: 50 })).toThrow(/lvnDistance/);
    expect(() => a.update({ ...BASE, yhat1: Number.NaN })).toThrow(/yhat1/);
    expect(a.started).toBe(false);
  });
});

const lo = [-1, -1, -1, -1, 0, 0, -1, -1];
const hi = [1, 1, 1, 1, 1, 1, 1, 1];
assemblerContract('Matrix30mAssembler', {
  make: () => new Matrix30mAssembler(),
  stream: (n) => make30m(n),
  names: FEATURES_30M,
  rows: 48,
  lo,
  hi,
  unready: (x) => ({ ...x, nwrqkReady: false }),
  poisoned: (x) => ({ ...x, close: Number.POSITIVE_INFINITY }),
});
