import { describe, expect, it } from 'vitest';
import { MatrixRegimeAssembler } from '../../../../src-main/engine/features/matrix-regime.ts';
import type { RowRegimeInput } from '../../../../src-main/engine/features/inputs.ts';
import { FEATURES_REGIME } from '../../../../src-main/engine/features/schema.ts';
import { assemblerContract } from './assembler-contract.ts';
import { makeRegime, referenceRn } from './helpers.ts';

const col = (name: (typeof FEATURES_REGIME)[number]): number => FEATURES_REGIME.indexOf(name);
const T = Date.UTC(2024, 2, 4, 15, 30);

function input(set: Partial<Record<(typeof FEATURES_REGIME)[number], number>>, i = 0): RowRegimeInput {
  const mmd = new Array<number>(23).fill(0);
  mmd[col('rsi14')] = 50;
  for (const [k, v] of Object.entries(set)) if (FEATURES_REGIME.indexOf(k as never) < 23) mmd[FEATURES_REGIME.indexOf(k as never)] = v;
  return {
    barStart: T + i * 1_800_000, mmdReady: true, mmd, feat30Ready: true,
    volatility30: set.volatility_30 ?? 0, volumeProfileSkew: set.volume_profile_skew ?? 0,
    priceAcceleration30: set.price_acceleration_30 ?? 0,
  };
}
const row = (set: Parameters<typeof input>[0]): Float32Array => Float32Array.from(new MatrixRegimeAssembler().update(input(set))!);

// SPEC §3.3 column groups, written out from the table (not imported from the engine)
const SCORES = [0, 1, 2, 3, 4, 5, 6, 22];
const RATIOS = [13, 19, 20];
const RN01 = [7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 21];

describe('MatrixRegimeAssembler: SPEC §3.3 columns', () => {
  it('MMD scores and their mean clip to [0, 3]; RSI → (v − 50)/50', () => {
    const r = row({ mmd_normal_market: 4.2, mmd_bull_market: 0.7, mmd_mean: 3.5, rsi14: 75 });
    expect(r[0]).toBe(3);
    expect(r[1]).toBeCloseTo(0.7, 6);
    expect(r[col('mmd_mean')]).toBe(3);
    expect(r[col('rsi14')]).toBeCloseTo(0.5, 6);
    expect(row({ rsi14: 0 })[col('rsi14')]).toBe(-1);
  });

  it('R11: volume ratio 3 → 0.8; ratios use tanh(ln(max(v, 1e-6))), so 0 → ≈ −1', () => {
    expect(row({ volume_ratio: 3 })[col('volume_ratio')]).toBeCloseTo(0.8, 6);
    expect(row({ volatility_ratio: 1 })[col('volatility_ratio')]).toBe(0);
    expect(row({ volume_spike: 0 })[col('volume_spike')]).toBeCloseTo(Math.tanh(Math.log(1e-6)), 6);
  });

  it('30m features: tanh(volatility_30) at first, skew/3, acceleration/5', () => {
    const r = row({ volatility_30: 0.4, volume_profile_skew: -1.5, price_acceleration_30: 5 });
    expect(r[col('volatility_30')]).toBeCloseTo(Math.tanh(0.4), 6);
    expect(r[col('volume_profile_skew')]).toBeCloseTo(-0.5, 6);
    expect(r[col('price_acceleration_30')]).toBe(1);
  });

  it('statistics columns: clip(v, ±10)/10 for the first 10 rows, then RN(α = 0.01) clip(z, ±3)/3', () => {
    const a = new MatrixRegimeAssembler();
    const rn = referenceRn(0.01);
    const rnVol = referenceRn(0.05);
    const kurt = [25, 0.5, -1, 3, 0.2, 1, 2, -0.5, 0.1, 4, 0.3, 60, 1];
    kurt.forEach((k, i) => {
      const vol = 0.2 + 0.05 * i;
      const r = a.update(input({ return_kurtosis: k, volatility_30: vol }, i))!;
      const { z, n } = rn.update(k);
      expect(r[col('return_kurtosis')]).toBeCloseTo(n > 10 ? Math.max(-3, Math.min(3, z)) / 3 : Math.max(-10, Math.min(10, k)) / 10, 6);
      const v = rnVol.update(vol);
      expect(r[col('volatility_30')]).toBeCloseTo(v.n > 10 ? Math.max(-2, Math.min(2, v.z)) : Math.tanh(vol), 6);
    });
    // row 0: kurtosis 25 → clip 10 → 1; row 11: 60 is far out → z clipped at 3 → 1
  });

  it('matches SPEC §3.3 computed independently on every row of a random walk', () => {
    const clip = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
    const rns = RN01.map(() => referenceRn(0.01));
    const vol = referenceRn(0.05);
    const a = new MatrixRegimeAssembler();
    let rows = 0;
    for (const x of makeRegime(1500, 9)) {
      const r = a.update(x);
      if (r === null) continue;
      rows++;
      const m = x.mmd;
      const want = new Array<number>(26);
      for (const c of SCORES) want[c] = clip(m[c]!, 0, 3);
      for (const c of RATIOS) want[c] = Math.tanh(Math.log(Math.max(m[c]!, 1e-6)));
      want[18] = (m[18]! - 50) / 50;
      RN01.forEach((c, i) => {
        const { z, n } = rns[i]!.update(m[c]!);
        want[c] = n > 10 ? clip(z, -3, 3) / 3 : clip(m[c]!, -10, 10) / 10;
      });
      const v = vol.update(x.volatility30);
      want[23] = v.n > 10 ? clip(v.z, -2, 2) : Math.tanh(x.volatility30);
      want[24] = x.volumeProfileSkew / 3;
      want[25] = x.priceAcceleration30 / 5;
      want.forEach((w, j) => { if (Math.abs(r[j]! - w) > 1e-6) throw new Error(`row ${rows} col ${j}: ${r[j]} ≠ ${w}`); });
    }
    expect(rows).toBe(1500 - 8);
  });

  it('rejects a vector of the wrong length and an RSI outside 0–100', () => {
    const a = new MatrixRegimeAssembler();
    expect(() => a.update({ ...input({}), mmd: new Float64Array(22) })).toThrow(/22 values/);
    expect(() => a.update(input({ rsi14: 101 }))).toThrow(/rsi14/);
    expect(() => a.update(input({ momentum_20: Number.NaN }))).toThrow(/momentum_20/);
    expect(a.started).toBe(false);
  });
});

const lo = new Array<number>(26).fill(-1);
const hi = new Array<number>(26).fill(1);
for (const c of SCORES) { lo[c] = 0; hi[c] = 3; }
lo[23] = -2;
hi[23] = 2;
assemblerContract('MatrixRegimeAssembler', {
  make: () => new MatrixRegimeAssembler(),
  stream: (n) => makeRegime(n),
  names: FEATURES_REGIME,
  rows: 96,
  lo,
  hi,
  unready: (x) => ({ ...x, mmdReady: false }),
  poisoned: (x) => ({ ...x, volatility30: Number.NaN }),
});
