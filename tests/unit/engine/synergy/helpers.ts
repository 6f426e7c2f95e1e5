// Fixtures for the synergy tests: indicator readings built by hand, turned into signals by the real
// gates in signals.ts, so the timeline tests exercise §4.1 and §4.2 together.
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import type { MlmiOut } from '../../../../src-main/engine/indicators/mlmi.ts';
import type { NwRqkOut } from '../../../../src-main/engine/indicators/nwrqk.ts';
import type { FvgSignal } from '../../../../src-main/engine/indicators/fvg.ts';
import { fvgSignal, mlmiSignal, nwrqkSignal, type Direction, type Signal } from '../../../../src-main/engine/synergy/signals.ts';

export const CFG = DEFAULT_CONFIG.synergy;
export const K = DEFAULT_CONFIG.indicators.mlmi.k; // 200
export const OPEN = Date.UTC(2024, 0, 2, 14, 30);
/** end E of 5m bar b of the session opened at OPEN */
export const endOf = (b: number) => OPEN + (b + 1) * 300_000;

export const mlmiOut = (dir: Direction, value: number, o: Partial<MlmiOut> = {}): MlmiOut => ({
  ready: true, value, ma: value - dir * 5, maReady: true, signal: dir, signalReady: true, records: 40, scaled: value / K, ...o,
});
export const nwrqkOut = (dir: Direction, slope: number, o: Partial<NwRqkOut> = {}): NwRqkOut => ({
  ready: true, yhat1: 5000, yhat2: 5001, slope, slopeReady: true, trend: Math.sign(slope), signal: dir, signalReady: true, ...o,
});
export const fvgSig = (dir: Direction, gapFrac: number, o: Partial<FvgSignal> = {}): FvgSignal => ({
  dir, size: gapFrac * 5000, gapFrac, lower: 5000, upper: 5000 + gapFrac * 5000, createdBar: 3, createdT: OPEN, ...o,
});

const must = <T>(x: T | null): T => {
  if (x === null) throw new Error('fixture signal was gated out');
  return x;
};
// Default strengths: mlmi 130/200 = 0.65, nwrqk 0.0004/0.001 = 0.4, fvg 0.0015/0.01 = 0.15 (case A).
export const M = (dir: Direction, value = dir * 130): Signal => must(mlmiSignal(mlmiOut(dir, value), K, CFG));
export const N = (dir: Direction, slope = dir * 0.0004): Signal => must(nwrqkSignal(nwrqkOut(dir, slope), CFG));
export const F = (dir: Direction, gapFrac = 0.0015): Signal => must(fvgSignal(fvgSig(dir, gapFrac), CFG));
