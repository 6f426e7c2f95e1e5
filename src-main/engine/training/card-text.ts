// The card's fixed words: how a sample is labelled, and what the numbers do not show.
import type { WalkForward } from '../../../src-shared/model-card.ts';

/** what the caveats read of a profile's evaluation */
export interface CaveatRun {
  profile: string;
  samples: readonly { source: string }[];
  wf: WalkForward;
}

export const LABEL = {
  definition: '1 if the round trip\'s net P&L (FillEvent.pnl: after 1-tick slippage on entry and on stop/time exits, and both commissions) is > 0, else 0',
  simulation: 'PaperBroker mode bar: market order submitted at the synergy time (end of the step bar), filled at the next step bar\'s open; stop = entry ∓ stop_atr·ATR, target = entry ± target_rr·stop distance (proposeTrade from the step bar\'s close, ATR = 5m-stage atr column of the step); stop first when both are in one bar; time stop at the close of bar max_bars_in_trade after entry',
  steps: '5m mode: 5m bars; 30m mode: 30m bars (ATR, time stop and FVG then on 30m bars)',
  causality: 'features are the matrices at the decision bar; the label reads only the trade\'s own bars after it, up to its exit bar',
  independence: 'every synergy is simulated alone: no overlap with other trades, no daily limits or breakers',
  dropped: 'trades still open when the data ends, or across a hole of more than 4 days in the data',
};

const list = (xs: readonly string[]): string => (xs.length ? xs.join(', ') : 'none');

export function caveats(runs: readonly CaveatRun[]): string[] {
  const out = [
    "'30m' sources: the 5m-stage indicators run on the 30m bars themselves (the pipeline appends the tactical row from them), so the model's tactical_5m input is built from 30m bars there, unlike at the 5m steps the app trades.",
    'Only firstrate-nq-1m has a long 30m file of its instrument (AlgoSpace NQ 30m, same prices as FirstRate NQ on 96 % of bars): before its first 1m row its 30m stage is warmed with every one of those bars, 2020-06 … 2023-11 (kernel.warm30: MLMI, NW-RQK, LVN, MMD and the 30m/regime matrices; no steps, no samples). MLMI then holds ~3,000 kNN records, but its SPEC gate (|vote| > 0.5·k) passes about twice in the file\'s two weeks, so \'spec\' still finds no synergy there. The other 5m sources (ES, SPY, SPX, IBM, Euro Stoxx, BTC, 6E) have no long 30m history and start cold: under \'spec\' they give no samples either, so \'spec\' is evaluated on 30m steps only.',
    'The model sees only the three matrices, not the proposed direction: it cannot learn that a feature favours longs and hurts shorts.',
    'Intervals resample samples independently; trades of one instrument overlap in time and are correlated, so the true intervals are wider than stated.',
    'Money expectancy would add instruments with very different point values; every expectancy here is in R (P&L / money at risk), comparable across them.',
    'Every synergy is simulated alone; a live run with one open position and daily limits takes fewer of them.',
  ];
  for (const r of runs) {
    const tested = new Set(r.wf.folds.flatMap((f) => Object.keys((f.test as { by_source?: Record<string, number> }).by_source ?? {})));
    const only = [...new Set(r.samples.map((s) => s.source))].filter((s) => !tested.has(s)).sort();
    out.push(`'${r.profile}' profile: ${r.samples.length} samples; sources that fall only in the first training window and so are never tested: ${list(only)}.`);
    const fallback = r.wf.folds.filter((f) => (f as { inner?: { folds: number } }).inner?.folds === 0).map((f) => f.fold);
    if (fallback.length) {
      out.push(`'${r.profile}' profile: the training window of fold(s) ${fallback.join(', ')} is too small for inner folds, so λ is the largest candidate and the threshold 0 (take every synergy): those scores are a near-constant forecast's, not a fitted model's.`);
    }
  }
  return out;
}
