// The training label of one synergy: replay the proposed trade through the real PaperBroker (bar
// mode, the engine's fill rules and costs) on the step bars that follow the decision.
//   label 1  the round trip's net P&L (after slippage and both commissions) is > 0
//   label 0  otherwise: the stop, or a time stop that did not cover its costs
// The order is submitted at the decision time (the step bar's end), so it fills at the next bar's
// open, and carries the plan's distances in ticks, so its bracket is re-anchored on that fill exactly
// as the session's orders are. Money is in the account currency at the proposal's rate. No later bar
// than the exit bar is read.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments/types.ts';
import { PaperBroker, type FillKind } from '../execution/paper-broker.ts';
import { planTicks, type TradeProposal } from '../risk/sizing.ts';

/** A trade still open across a hole this long in the data is not labelled (no prices inside it). */
export const MAX_GAP_MS = 4 * 86_400_000; // longer than any weekend or holiday halt

/** a P&L within float noise of zero (e.g. 1e-12 from price arithmetic) is not a win */
const WIN_EPS = 1e-9;

export interface LabelInput {
  /** the stream's step bars (5m bars, or 30m bars in '30m' mode), in time order */
  steps: readonly Bar[];
  /** index of the first bar after the decision bar */
  from: number;
  proposal: TradeProposal;
  /** decision time (the decision bar's end, market ms) */
  submittedAt: number;
  spec: InstrumentSpec;
  exec: Config['exec'];
  maxBarsInTrade: number;
  /** step length in ms (for the gap check) */
  stepMs: number;
  maxGapMs?: number;
}

export interface TradeOutcome {
  label: 0 | 1;
  /** money in the account currency, after slippage and both commissions */
  pnl: number;
  /** pnl / the proposal's riskMoney */
  r: number;
  exit: Exclude<FillKind, 'entry'>;
  entryT: number;
  entryPrice: number;
  /** the bracket the position got at the fill (the plan's distances from entryPrice) */
  stop: number;
  target: number;
  /** the exit bar's start */
  exitT: number;
  exitPrice: number;
  /** bars completed after the entry bar */
  barsHeld: number;
}

export type LabelResult =
  | { ok: true; outcome: TradeOutcome }
  | { ok: false; reason: 'data ended before exit' | 'data gap before exit' | 'order refused'; detail?: string };

export function labelTrade(inp: LabelInput): LabelResult {
  const { steps, from, proposal: pr } = inp;
  const maxGap = inp.maxGapMs ?? MAX_GAP_MS;
  const broker = new PaperBroker({ spec: inp.spec, exec: inp.exec, maxBarsInTrade: inp.maxBarsInTrade, mode: 'bar', rate: pr.rate });
  const sub = broker.submit({
    id: 'label', direction: pr.direction, size: pr.size, stop: pr.stop, target: pr.target, submittedAt: inp.submittedAt,
    ...planTicks(pr, inp.spec.tickSize),
  });
  if (!sub.ok) return { ok: false, reason: 'order refused', detail: sub.reason };
  let entryT = NaN, entryPrice = NaN, entryIdx = -1, stop = NaN, target = NaN;
  for (let i = from; i < steps.length; i++) {
    const bar = steps[i]!;
    const prevEnd = i > 0 ? steps[i - 1]!.t + inp.stepMs : bar.t;
    if (bar.t - prevEnd > maxGap) return { ok: false, reason: 'data gap before exit' };
    for (const f of broker.onBar(bar)) {
      if (f.kind === 'entry') {
        entryT = f.t;
        entryPrice = f.price;
        stop = f.stop!;
        target = f.target!;
        entryIdx = i;
        continue;
      }
      const pnl = f.pnl!;
      return {
        ok: true,
        outcome: {
          label: pnl > WIN_EPS ? 1 : 0, pnl, r: pnl / pr.riskMoney, exit: f.kind,
          entryT, entryPrice, stop, target, exitT: f.t, exitPrice: f.price, barsHeld: i - entryIdx,
        },
      };
    }
  }
  return { ok: false, reason: 'data ended before exit' };
}

