// Risk between a synergy's decision and the approval queue: the trade plan (risk/sizing.ts), every
// reason risk has against it on the account as it is (risk/checks.ts), and the paper broker's own limit.
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments/types.ts';
import { proposeTrade, type TradeProposal } from '../risk/sizing.ts';
import { evaluateRisk } from '../risk/checks.ts';
import type { PaperBroker } from '../execution/paper-broker.ts';
import type { AccountBook } from './account.ts';

export interface GateInput {
  spec: InstrumentSpec;
  cfg: Config['risk'];
  account: AccountBook;
  broker: PaperBroker;
}

/** The trade plan and every risk reason against it; no plan while ATR is not ready. */
export function proposeChecked(direction: 1 | -1, close: number, atr: number | null, g: GateInput): { proposal: TradeProposal | null; problems: string[] } {
  if (atr === null || !Number.isFinite(atr)) return { proposal: null, problems: ['ATR not ready: no stop distance yet'] };
  const proposal = proposeTrade({ direction, entry: close, atr, spec: g.spec, cfg: g.cfg, equity: g.account.equity });
  return { proposal, problems: riskReasons(proposal, g) };
}

/** Risk's reasons against a proposal on the account as it is, and the paper broker's own limit. */
export function riskReasons(p: TradeProposal, g: GateInput): string[] {
  const cfg = g.cfg, open = (g.broker.position() ? 1 : 0) + (g.broker.pending() ? 1 : 0);
  const reasons = evaluateRisk(p, { ...g.account, openPositions: open }, cfg).reasons;
  // risk may allow more (max_open_positions > 1), but the paper broker holds one order or position
  if (open > 0 && open < cfg.max_open_positions) {
    reasons.push(`paper broker: one order or position at a time (${open} open; max_open_positions ${cfg.max_open_positions} is more than it supports)`);
  }
  return reasons;
}

/** Every risk reason's text once, so the first real rejection does not pay for building them (session warm-up). */
export function warmRiskTexts(spec: InstrumentSpec, cfg: Config['risk']): void {
  const price = 1000 * spec.tickSize;
  const none = proposeTrade({ direction: 1, entry: price, atr: 0, spec, cfg, equity: 0 });
  evaluateRisk({ ...none, targetTicks: 0, riskMoney: 1e9 }, {
    equity: 1, sessionStartEquity: 2, peakEquity: 2, dayPnl: -1e9, tradesToday: 1e9, consecutiveLosses: 1e9, openPositions: 1e9, killSwitch: true,
  }, cfg);
}
