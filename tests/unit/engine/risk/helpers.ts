// Shared fixtures for the risk tests: SPEC defaults, instruments, a clean account.
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { findInstrument, type InstrumentSpec } from '../../../../src-shared/instruments.ts';
import type { AccountState } from '../../../../src-main/engine/risk/checks.ts';
import { proposeTrade, type Direction, type RiskConfig, type TradeProposal } from '../../../../src-main/engine/risk/sizing.ts';

export const CFG: RiskConfig = DEFAULT_CONFIG.risk;

export function inst(symbol: string): InstrumentSpec {
  const spec = findInstrument(symbol);
  if (!spec) throw new Error(`no instrument ${symbol}`);
  return spec;
}

export function propose(symbol: string, direction: Direction, entry: number, atr: number,
  over: { cfg?: Partial<RiskConfig>; equity?: number } = {}): TradeProposal {
  return proposeTrade({ direction, entry, atr, spec: inst(symbol), cfg: { ...CFG, ...over.cfg }, equity: over.equity ?? 100_000 });
}

/** R13's ES long: entry 5000, ATR 2.5 → stop 4995, target 5007.5, 4 contracts, risk 1,000. */
export const esLong = (): TradeProposal => propose('ES', 1, 5000, 2.5);

export const flatAccount = (over: Partial<AccountState> = {}): AccountState => ({
  equity: 100_000, sessionStartEquity: 100_000, peakEquity: 100_000, dayPnl: 0,
  tradesToday: 0, consecutiveLosses: 0, openPositions: 0, killSwitch: false, ...over,
});
