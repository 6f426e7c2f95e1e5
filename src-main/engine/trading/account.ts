// The account as the risk checks see it (risk/checks.ts AccountState), moved only by fills and
// session starts. Plain data, so a resumed run restores it from the run's snapshot. Money is in the
// account currency (risk.account_currency).
import type { AccountState } from '../risk/checks.ts';
import type { Config } from '../../../src-shared/config.ts';

export interface AccountBook extends AccountState {
  /** realised money P&L since the run started, after commissions */
  realized: number;
}

export function newAccount(cfg: Config['risk']): AccountBook {
  const e = cfg.account_equity;
  return {
    equity: e, sessionStartEquity: e, peakEquity: e, dayPnl: 0, tradesToday: 0,
    consecutiveLosses: 0, openPositions: 0, killSwitch: false, realized: 0,
  };
}

/** A new session (after a trading halt): the daily counters start over; the kill switch stays. */
export function startSession(a: AccountBook): void {
  a.sessionStartEquity = a.equity;
  a.dayPnl = 0;
  a.tradesToday = 0;
  a.consecutiveLosses = 0;
}

/** Money booked: an entry's commission (negative) or a round trip's exit (net of the exit commission). */
export function book(a: AccountBook, money: number, cfg: Config['risk']): void {
  a.realized += money;
  a.equity += money;
  a.dayPnl += money;
  if (a.equity > a.peakEquity) a.peakEquity = a.equity;
  // Reaching max drawdown latches the kill switch (SPEC §5.2); only a person resets it.
  if (a.peakEquity > 0 && a.peakEquity - a.equity >= cfg.max_drawdown * a.peakEquity - 1e-6) a.killSwitch = true;
}

/** A round trip ended with this net P&L (both commissions): the loss streak moves. */
export function closeTrade(a: AccountBook, netPnl: number): void {
  a.consecutiveLosses = netPnl < 0 ? a.consecutiveLosses + 1 : 0;
}
