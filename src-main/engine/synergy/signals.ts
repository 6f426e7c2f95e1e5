// SPEC §4.1: one step's indicator readings → gated synergy signals. A reading that did not fire, is
// not ready, or fails its gate gives null. Strengths are in [0, 1]. Meta is copied, because the
// indicators reuse their output objects from bar to bar.
import type { Config } from '../../../src-shared/config.ts';
import type { MlmiOut } from '../indicators/mlmi.ts';
import type { NwRqkOut } from '../indicators/nwrqk.ts';
import type { FvgSignal } from '../indicators/fvg.ts';

export type SynergyConfig = Config['synergy'];

/** The fixed per-step processing order (SPEC §4.1). */
export const SIGNAL_TYPES = ['mlmi', 'nwrqk', 'fvg'] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];
export type Direction = 1 | -1;

export interface MlmiMeta { mlmi: number; mlmi_ma: number; N: number }
export interface NwrqkMeta { slope: number; yhat2: number }
export interface FvgMeta { lower: number; upper: number; size: number; gap_frac: number; created_bar: number }

interface SignalBase { dir: Direction; value: number; strength: number }
export type MlmiSignal = SignalBase & { type: 'mlmi'; meta: MlmiMeta };
export type NwrqkSignal = SignalBase & { type: 'nwrqk'; meta: NwrqkMeta };
export type FvgSynergySignal = SignalBase & { type: 'fvg'; meta: FvgMeta };
export type Signal = MlmiSignal | NwrqkSignal | FvgSynergySignal;

const dirOf = (x: number): Direction | null => (x > 0 ? 1 : x < 0 ? -1 : null);

/** MLMI cross with gate d·mlmi > θ_m·k (k = mlmi.k); value mlmi, strength min(|mlmi|/k, 1). */
export function mlmiSignal(out: MlmiOut, k: number, cfg: SynergyConfig): MlmiSignal | null {
  const dir = out.signalReady ? dirOf(out.signal) : null;
  if (dir === null || !(dir * out.value > cfg.mlmi_threshold * k)) return null;
  return {
    type: 'mlmi', dir, value: out.value, strength: Math.min(Math.abs(out.value) / k, 1),
    meta: { mlmi: out.value, mlmi_ma: out.ma, N: out.records },
  };
}

/** NW-RQK change with gate |slope| ≥ θ_n; value yhat1, strength min(|slope|/s_max, 1). */
export function nwrqkSignal(out: NwRqkOut, cfg: SynergyConfig): NwrqkSignal | null {
  const dir = out.signalReady ? dirOf(out.signal) : null;
  const s = Math.abs(out.slope);
  // `!(s >= θ)` also rejects a NaN slope
  if (dir === null || !(s >= cfg.nwrqk_threshold)) return null;
  return {
    type: 'nwrqk', dir, value: out.yhat1, strength: Math.min(s / cfg.nwrqk_max_slope, 1),
    meta: { slope: out.slope, yhat2: out.yhat2 },
  };
}

/** FVG mitigation with gate gap_frac ≥ fvg_min_size; value zone midpoint, strength min(gap_frac/max, 1). */
export function fvgSignal(sig: FvgSignal | null, cfg: SynergyConfig): FvgSynergySignal | null {
  if (sig === null || !(sig.gapFrac >= cfg.fvg_min_size)) return null;
  return {
    type: 'fvg', dir: sig.dir, value: (sig.lower + sig.upper) / 2,
    strength: Math.min(sig.gapFrac / cfg.fvg_max_gap_pct, 1),
    meta: { lower: sig.lower, upper: sig.upper, size: sig.size, gap_frac: sig.gapFrac, created_bar: sig.createdBar },
  };
}
