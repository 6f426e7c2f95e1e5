// What a rehearsal of the decision path runs on: a made-up synergy at a market time no real row has,
// decided by a verdict that always passes, inside a transaction that is always rolled back (session.ts).
import type { Decision } from '../decision/decide.ts';
import type { SynergyEvent } from '../synergy/event.ts';

/** rounds of the decision path run (and rolled back) before a session's first step */
export const WARM_UP_ROUNDS = 8;
/** rehearsals (warm-up, prime) run at a market time no real row has, and are rolled back */
export const REHEARSAL_T = -8.64e15;
export const REHEARSAL_VERDICT: Decision = { path: 'rule', p: 0, threshold: 0, accepted: true, reason: 'rehearsal' };
export const ROLLBACK = new Error('rehearsal rollback');

export function rehearsalSynergy(t: number, stepMs: number): SynergyEvent {
  return {
    synergy_type: 'TYPE_1', direction: 1, confidence: 1, bar_index: -1, bar_start: t, time: t + stepMs,
    signals: [{ type: 'nwrqk', direction: 1, bar_index: -1, time: t, value: 0, strength: 0, meta: { slope: 0, yhat2: 0 } }],
    signal_strengths: { mlmi: 0, nwrqk: 0, fvg: 0 }, metadata: { bars_to_complete: 3, pattern_quality: 0 },
  };
}

