// SPEC §4.1: signal gates, values, strengths and meta.
import { describe, it, expect } from 'vitest';
import { fvgSignal, mlmiSignal, nwrqkSignal } from '../../../../src-main/engine/synergy/signals.ts';
import { CFG, K, fvgSig, mlmiOut, nwrqkOut } from './helpers.ts';

describe('mlmiSignal', () => {
  it('fires on a cross past θ_m·k with strength |mlmi|/k and meta mlmi, mlmi_ma, N', () => {
    const s = mlmiSignal(mlmiOut(1, 130, { ma: 120, records: 57 }), K, CFG);
    expect(s).toEqual({ type: 'mlmi', dir: 1, value: 130, strength: 0.65, meta: { mlmi: 130, mlmi_ma: 120, N: 57 } });
    expect(mlmiSignal(mlmiOut(-1, -130), K, CFG)).toMatchObject({ dir: -1, value: -130, strength: 0.65 });
  });
  it('R12 I: mlmi = 90 with k = 200 is gated out (90 ≤ 100); the gate is strict', () => {
    expect(mlmiSignal(mlmiOut(1, 90), K, CFG)).toBeNull();
    expect(mlmiSignal(mlmiOut(1, 100), K, CFG)).toBeNull();
    expect(mlmiSignal(mlmiOut(1, 101), K, CFG)).not.toBeNull();
    expect(mlmiSignal(mlmiOut(-1, -100), K, CFG)).toBeNull();
  });
  it('the gate is d·mlmi: a bullish cross with mlmi far below zero does not count', () => {
    expect(mlmiSignal(mlmiOut(1, -150), K, CFG)).toBeNull();
    expect(mlmiSignal(mlmiOut(-1, 150), K, CFG)).toBeNull();
  });
  it('no signal, or signal not ready: null; strength caps at 1', () => {
    expect(mlmiSignal(mlmiOut(1, 150, { signal: 0 }), K, CFG)).toBeNull();
    expect(mlmiSignal(mlmiOut(1, 150, { signalReady: false }), K, CFG)).toBeNull();
    expect(mlmiSignal(mlmiOut(1, 200), K, CFG)!.strength).toBe(1);
    expect(mlmiSignal(mlmiOut(1, 150), 100, CFG)!.strength).toBe(1); // |mlmi| > k (smaller k)
  });
});

describe('nwrqkSignal', () => {
  it('fires on a change with value yhat1, strength |slope|/s_max and meta slope, yhat2', () => {
    const s = nwrqkSignal(nwrqkOut(-1, -0.0004, { yhat1: 4990, yhat2: 4989 }), CFG);
    expect(s!.type).toBe('nwrqk');
    expect(s!.dir).toBe(-1);
    expect(s!.value).toBe(4990);
    expect(s!.strength).toBeCloseTo(0.4, 12);
    expect(s!.meta).toEqual({ slope: -0.0004, yhat2: 4989 });
    expect(nwrqkSignal(nwrqkOut(1, 0.005), CFG)!.strength).toBe(1);
  });
  it('gate |slope| ≥ θ_n: default 0 lets every change through; a raised threshold is inclusive', () => {
    expect(nwrqkSignal(nwrqkOut(1, 0), CFG)).toMatchObject({ strength: 0 });
    const cfg = { ...CFG, nwrqk_threshold: 0.0005 };
    expect(nwrqkSignal(nwrqkOut(1, 0.0004), cfg)).toBeNull();
    expect(nwrqkSignal(nwrqkOut(1, 0.0005), cfg)).not.toBeNull();
    expect(nwrqkSignal(nwrqkOut(-1, -0.0006), cfg)).not.toBeNull();
  });
  it('no signal, not ready, or a NaN slope: null', () => {
    expect(nwrqkSignal(nwrqkOut(1, 0.001, { signal: 0 }), CFG)).toBeNull();
    expect(nwrqkSignal(nwrqkOut(1, 0.001, { signalReady: false }), CFG)).toBeNull();
    expect(nwrqkSignal(nwrqkOut(1, Number.NaN), CFG)).toBeNull();
  });
});

describe('fvgSignal', () => {
  it('fires on a mitigation with value = zone midpoint, strength gap_frac/0.01 and a copied meta', () => {
    const raw = fvgSig(1, 0.0015, { lower: 100, upper: 101, size: 1, createdBar: 7 });
    const s = fvgSignal(raw, CFG)!;
    expect(s).toMatchObject({ type: 'fvg', dir: 1, value: 100.5 });
    expect(s.strength).toBeCloseTo(0.15, 12);
    expect(s.meta).toEqual({ lower: 100, upper: 101, size: 1, gap_frac: 0.0015, created_bar: 7 });
    raw.lower = 0; // the indicator reuses its signal object
    expect(s.meta.lower).toBe(100);
    expect(fvgSignal(fvgSig(-1, 0.02), CFG)).toMatchObject({ dir: -1, strength: 1 });
  });
  it('gate gap_frac ≥ fvg_min_size (inclusive); no mitigation: null', () => {
    expect(fvgSignal(null, CFG)).toBeNull();
    expect(fvgSignal(fvgSig(1, 0.0009), CFG)).toBeNull();
    expect(fvgSignal(fvgSig(1, 0.001), CFG)).not.toBeNull();
  });
});
