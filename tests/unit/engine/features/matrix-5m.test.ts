import { describe, expect, it } from 'vitest';
import { Matrix5mAssembler } from '../../../../src-main/engine/features/matrix-5m.ts';
import type { Row5mInput } from '../../../../src-main/engine/features/inputs.ts';
import { FEATURES_5M } from '../../../../src-main/engine/features/schema.ts';
import { assemblerContract } from './assembler-contract.ts';
import { make5m } from './helpers.ts';

const BASE: Row5mInput = {
  barStart: Date.UTC(2024, 2, 4, 15, 20),
  close: 100,
  fvgBullActive: false, fvgBearActive: false, fvgNearestLevel: 0, fvgMitigation: false,
  momentum5Ready: true, momentum5: 0,
  volumeRatioReady: true, volumeRatio: 1,
  fvgGapSizePct: 0,
};
const col = (name: (typeof FEATURES_5M)[number]): number => FEATURES_5M.indexOf(name);

function row(over: Partial<Row5mInput>): Float32Array {
  return Float32Array.from(new Matrix5mAssembler().update({ ...BASE, ...over })!);
}

describe('Matrix5mAssembler: SPEC §3.2 columns', () => {
  it('R7 at b4: bullish gap, level 100.65 at close 101.8 → −0.564833; gap 0.491159 % → 0.098232', () => {
    const r = row({ close: 101.8, fvgBullActive: true, fvgNearestLevel: 100.65, fvgGapSizePct: 0.491159 });
    expect(r[col('fvg_bullish_active')]).toBe(1);
    expect(r[col('fvg_bearish_active')]).toBe(0);
    expect(r[col('fvg_nearest_level')]).toBeCloseTo(-0.564833, 6);
    expect(r[col('fvg_gap_size_pct')]).toBeCloseTo(0.098232, 6);
    expect(r[col('fvg_mitigation_signal')]).toBe(0);
  });

  it('R7 at b5: gap mitigated → bullish_active 0, mitigation 1, no level', () => {
    const r = row({ close: 101.0, fvgMitigation: true });
    expect(r[col('fvg_bullish_active')]).toBe(0);
    expect(r[col('fvg_mitigation_signal')]).toBe(1);
    expect(r[col('fvg_nearest_level')]).toBe(0);
  });

  it('R11: volume ratio 3 → 0.8, ratio 0 → 0, ratio 1/3 → −0.8', () => {
    expect(row({ volumeRatio: 3 })[col('volume_ratio')]).toBeCloseTo(0.8, 6);
    expect(row({ volumeRatio: 0 })[col('volume_ratio')]).toBe(0);
    expect(row({ volumeRatio: 1 / 3 })[col('volume_ratio')]).toBeCloseTo(-0.8, 6);
  });

  it('momentum m % → clip(m/5, ±1); level and gap columns clip', () => {
    expect(row({ momentum5: 2.5 })[col('price_momentum_5')]).toBeCloseTo(0.5, 6);
    expect(row({ momentum5: -9 })[col('price_momentum_5')]).toBe(-1);
    expect(row({ fvgNearestLevel: 110 })[col('fvg_nearest_level')]).toBe(1);
    expect(row({ fvgNearestLevel: 99.5 })[col('fvg_nearest_level')]).toBeCloseTo(-0.25, 6);
    expect(row({ fvgGapSizePct: 12 })[col('fvg_gap_size_pct')]).toBe(1);
  });

  it('waits for momentum (6 bars) and the volume ratio before the first row', () => {
    const a = new Matrix5mAssembler();
    expect(a.update({ ...BASE, momentum5Ready: false })).toBeNull();
    expect(a.update({ ...BASE, barStart: BASE.barStart + 300_000, volumeRatioReady: false })).toBeNull();
    expect(a.update({ ...BASE, barStart: BASE.barStart + 600_000 })).not.toBeNull();
    expect(() => a.update({ ...BASE, barStart: BASE.barStart + 900_000, momentum5Ready: false })).toThrow(/momentum5/);
  });

  it('matches SPEC §3.2 computed independently on every row of a random walk', () => {
    const clip = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
    const a = new Matrix5mAssembler();
    let rows = 0;
    for (const x of make5m(2000, 5)) {
      const r = a.update(x);
      if (r === null) continue;
      rows++;
      const p = x.close;
      const want = [
        x.fvgBullActive ? 1 : 0,
        x.fvgBearActive ? 1 : 0,
        x.fvgNearestLevel > 0 ? clip((100 * (x.fvgNearestLevel - p)) / p, -2, 2) / 2 : 0,
        x.fvgMitigation ? 1 : 0,
        clip(x.momentum5 / 5, -1, 1),
        x.volumeRatio > 0 ? Math.tanh(Math.log(x.volumeRatio)) : 0,
        clip(x.fvgGapSizePct / 5, 0, 1),
      ];
      want.forEach((w, j) => { if (Math.abs(r[j]! - w) > 1e-6) throw new Error(`row ${rows} col ${j}: ${r[j]} ≠ ${w}`); });
    }
    expect(rows).toBe(2000 - 5);
  });
});

assemblerContract('Matrix5mAssembler', {
  make: () => new Matrix5mAssembler(),
  stream: (n) => make5m(n),
  names: FEATURES_5M,
  rows: 60,
  lo: [0, 0, -1, 0, -1, -1, 0],
  hi: [1, 1, 1, 1, 1, 1, 1],
  unready: (x) => ({ ...x, volumeRatioReady: false }),
  poisoned: (x) => ({ ...x, momentum5: Number.NaN }),
});
