// SPEC §5.2 pre-trade checks. Each is a pure function that returns a readable reason or null, so a
// rejection is a value the caller stores (Nautilus's OrderDenied), never an exception.
import type { RiskConfig, TradeProposal } from './sizing.ts';
import { money, pct, perUnit } from './format.ts';

/** The account as the risk layer sees it when a proposal arrives. Money in account currency. */
export interface AccountState {
  equity: number;
  /** equity at the start of the session: the base of the daily loss limit */
  sessionStartEquity: number;
  /** highest equity seen: the base of the drawdown */
  peakEquity: number;
  /** realised + open P&L since the session started */
  dayPnl: number;
  tradesToday: number;
  consecutiveLosses: number;
  openPositions: number;
  /** latched by the drawdown breaker or by hand; stays on until reset by hand */
  killSwitch: boolean;
}

export type RiskCheck = (p: TradeProposal, s: AccountState, cfg: RiskConfig) => string | null;

/** Money comparisons forgive float noise well below a cent, so a limit hit exactly passes. */
const EPS = 1e-6;

export const checkSize: RiskCheck = (p, _s, cfg) =>
  p.size > 0 ? null
    : `size 0: risk per ${p.unit} ${perUnit(p.riskPerUnit)} exceeds ${pct(cfg.risk_per_trade)} of equity ${money(p.equity)} (${money(p.riskBudget)})`;

export const checkOpenPositions: RiskCheck = (_p, s, cfg) =>
  s.openPositions < cfg.max_open_positions ? null
    : `open positions: ${s.openPositions} open, max ${cfg.max_open_positions}`;

export const checkTradesToday: RiskCheck = (_p, s, cfg) =>
  s.tradesToday < cfg.max_trades_per_day ? null
    : `trades today: ${s.tradesToday} taken, max ${cfg.max_trades_per_day}`;

export const checkConsecutiveLosses: RiskCheck = (_p, s, cfg) =>
  s.consecutiveLosses < cfg.max_consecutive_losses ? null
    : `consecutive losses: ${s.consecutiveLosses} in a row, max ${cfg.max_consecutive_losses} (halted for the session)`;

export const checkKillSwitch: RiskCheck = (_p, s) =>
  s.killSwitch ? 'kill switch engaged: no new trades until it is reset' : null;

/** Drawdown from peak must stay below max_drawdown; reaching it is the kill-switch level. */
export const checkDrawdown: RiskCheck = (_p, s, cfg) => {
  const drop = s.peakEquity - s.equity;
  const limit = cfg.max_drawdown * s.peakEquity;
  if (s.peakEquity <= 0 || drop < limit - EPS) return null;
  return `drawdown: ${money(drop)} (${pct(drop / s.peakEquity)}) from peak equity ${money(s.peakEquity)} ≥ max ${pct(cfg.max_drawdown)} (${money(limit)})`;
};

/** day P&L − q·D·point_value ≥ −daily_loss_limit · session-start equity: the stop-out must fit the day. */
export const checkDailyLoss: RiskCheck = (p, s, cfg) => {
  const worst = s.dayPnl - p.riskMoney;
  const floor = -cfg.daily_loss_limit * s.sessionStartEquity;
  if (worst >= floor - EPS) return null;
  return `daily loss limit: day P&L ${money(s.dayPnl)} − risk ${money(p.riskMoney)} = ${money(worst)} < ${money(floor)} `
    + `(${pct(cfg.daily_loss_limit)} of session-start equity ${money(s.sessionStartEquity)})`;
};

/** q·D·point_value ≤ max_risk_per_trade · equity (the hard cap above risk_per_trade). */
export const checkMaxRisk: RiskCheck = (p, s, cfg) => {
  const cap = cfg.max_risk_per_trade * s.equity;
  if (p.riskMoney <= cap + EPS) return null;
  return `max risk per trade: risk ${money(p.riskMoney)} > ${pct(cfg.max_risk_per_trade)} of equity ${money(s.equity)} (${money(cap)})`;
};

/**
 * Planned reward:risk ≥ min_rr, and the target must still lie beyond entry after rounding. The plan,
 * not the rounded prices, is compared: with target_rr = min_rr (the defaults) tick rounding alone
 * would otherwise reject almost every trade whose ATR is not a whole number of ticks.
 */
export const checkRewardRisk: RiskCheck = (p, _s, cfg) => {
  if (p.targetTicks <= 0) return `reward:risk: target ${p.target} is not beyond entry ${p.entry} after tick rounding`;
  if (p.plannedRr >= cfg.min_rr) return null;
  return `reward:risk ${p.plannedRr} < min ${cfg.min_rr}`;
};

/** Every check, in the order its reason is reported. */
export const RISK_CHECKS: readonly RiskCheck[] = [
  checkSize, checkOpenPositions, checkTradesToday, checkConsecutiveLosses,
  checkKillSwitch, checkDrawdown, checkDailyLoss, checkMaxRisk, checkRewardRisk,
];

export interface RiskVerdict { approved: boolean; reasons: string[] }

/** Runs every check (no short-circuit) so a rejection lists all its reasons. */
export function evaluateRisk(p: TradeProposal, s: AccountState, cfg: RiskConfig): RiskVerdict {
  const reasons: string[] = [];
  for (const check of RISK_CHECKS) {
    const reason = check(p, s, cfg);
    if (reason !== null) reasons.push(reason);
  }
  return { approved: reasons.length === 0, reasons };
}
