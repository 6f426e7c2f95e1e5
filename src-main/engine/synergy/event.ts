// SPEC §4.4: the SYNERGY_DETECTED event. The detector fills everything but market_context, which
// needs prices, ATR and LVN readings the caller holds.
import type { Direction, Signal, SignalType } from './signals.ts';
import type { SynergyType } from './patterns.ts';

/** A signal as kept in the sequence: the step's signal plus where and when it arrived. */
export type SeqSignal = Signal & { bar: number; time: number };

export type EventSignal = {
  type: SignalType;
  direction: Direction;
  bar_index: number;
  time: number;
  value: number;
  strength: number;
  meta: Signal['meta'];
};

export interface MarketContext {
  current_price: number;
  atr_5m: number;
  volatility_30: number;
  volume_ratio_5m: number;
  nearest_lvn: { price: number; strength: number; distance: number } | null;
  regime_ready: boolean;
  matrices_ready: boolean;
}

export interface SynergyEvent {
  synergy_type: SynergyType;
  direction: Direction;
  /** a rule fired, not a probability */
  confidence: 1;
  /** 5m bar index of the completing bar */
  bar_index: number;
  /** start time (ms) of the completing 5m bar */
  bar_start: number;
  /** end E (ms) of the completing 5m bar: the event is known at E */
  time: number;
  signals: EventSignal[];
  signal_strengths: Record<SignalType, number>;
  market_context?: MarketContext;
  metadata: { bars_to_complete: number; pattern_quality: number };
}

const clip01 = (x: number) => Math.min(1, Math.max(0, x));

/** clip(0.6·mean(strengths) + 0.3·(1 − bars_to_complete/window) + 0.1, 0, 1) */
export function patternQuality(strengths: readonly number[], barsToComplete: number, windowBars: number): number {
  const mean = strengths.reduce((a, s) => a + s, 0) / strengths.length;
  return clip01(0.6 * mean + 0.3 * (1 - barsToComplete / windowBars) + 0.1);
}

export function buildEvent(
  type: SynergyType, seq: readonly SeqSignal[], barStart: number, windowBars: number,
): SynergyEvent {
  const first = seq[0]!, last = seq[seq.length - 1]!;
  const strengths: Record<SignalType, number> = { mlmi: 0, nwrqk: 0, fvg: 0 };
  for (const s of seq) strengths[s.type] = s.strength;
  const barsToComplete = last.bar - first.bar + 1;
  return {
    synergy_type: type,
    direction: first.dir,
    confidence: 1,
    bar_index: last.bar,
    bar_start: barStart,
    time: last.time,
    signals: seq.map((s) => ({
      type: s.type, direction: s.dir, bar_index: s.bar, time: s.time, value: s.value, strength: s.strength, meta: s.meta,
    })),
    signal_strengths: strengths,
    metadata: {
      bars_to_complete: barsToComplete,
      pattern_quality: patternQuality(seq.map((s) => s.strength), barsToComplete, windowBars),
    },
  };
}
