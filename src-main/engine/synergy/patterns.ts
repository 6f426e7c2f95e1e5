// SPEC §4.3: the four valid orders. None begins with FVG (the detector never starts a sequence with
// one), so every three distinct types that reach the lookup have a pattern.
import type { SignalType } from './signals.ts';

export const SYNERGY_TYPES = ['TYPE_1', 'TYPE_2', 'TYPE_3', 'TYPE_4'] as const;
export type SynergyType = (typeof SYNERGY_TYPES)[number];

export const PATTERNS: Readonly<Record<SynergyType, readonly [SignalType, SignalType, SignalType]>> = {
  TYPE_1: ['mlmi', 'nwrqk', 'fvg'],
  TYPE_2: ['mlmi', 'fvg', 'nwrqk'],
  TYPE_3: ['nwrqk', 'fvg', 'mlmi'],
  TYPE_4: ['nwrqk', 'mlmi', 'fvg'],
};

/** The pattern whose order is exactly `types`, or null. */
export function patternOf(types: readonly SignalType[]): SynergyType | null {
  for (const t of SYNERGY_TYPES) {
    const p = PATTERNS[t];
    if (types.length === p.length && p.every((x, i) => types[i] === x)) return t;
  }
  return null;
}
