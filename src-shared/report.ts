// The backtest report of one trading run (issue 14): computed from the run's recorded events only
// (synergies, decisions, approvals, fills, positions) and the step bars it traded on. The CLI
// (`report --json`), the HTML export and the app's Report panel all show this one object.
// Stable keys (a contract others check against; extend only compatibly): trades, win_rate,
// expectancy_r, expectancy_r_ci95, profit_factor, sharpe, sortino, max_drawdown, max_drawdown_pct,
// exposure_pct, baseline_take_all_expectancy_r. A metric that is undefined on the data (no trades,
// no losses, one day) is null, never NaN or Infinity, and `notes` says why.
import { z } from './zod.ts';

const Num = z.number().finite();
const Int = z.number().int();
/** a bootstrap 95 % interval [low, high]; null with fewer than 2 values */
export const Ci95 = z.tuple([Num, Num]).nullable();

/** The trade statistics of a set of round trips (the run's, a breakdown's or a baseline's). */
export const TradeStats = z.object({
  trades: Int,
  wins: Int,
  losses: Int,
  /** wins / trades (a win: net P&L > 0) */
  win_rate: Num.nullable(),
  /** mean net P&L of the wins / of the losses (account currency) */
  avg_win: Num.nullable(),
  avg_loss: Num.nullable(),
  /** mean R multiple (net P&L / the money the plan put at risk) and its bootstrap 95 % interval */
  expectancy_r: Num.nullable(),
  expectancy_r_ci95: Ci95,
  /** mean net P&L per trade and its bootstrap 95 % interval */
  expectancy_money: Num.nullable(),
  expectancy_money_ci95: Ci95,
  /** gross profit / gross loss; null without a loss */
  profit_factor: Num.nullable(),
  total_pnl: Num,
  total_r: Num,
  longest_losing_streak: Int,
  /** mean step bars held per trade */
  avg_bars_in_trade: Num.nullable(),
});
export type TradeStats = z.infer<typeof TradeStats>;

export const Breakdown = TradeStats.extend({ key: z.string() });
export type Breakdown = z.infer<typeof Breakdown>;

export const ReportTrade = z.object({
  decision_id: Int,
  pattern: z.string(),
  direction: z.union([z.literal(1), z.literal(-1)]),
  path: z.enum(['model', 'rule']),
  p: Num.nullable(),
  size: Num,
  entry_t: Num,
  entry_price: Num,
  exit_t: Num,
  exit_price: Num,
  exit_kind: z.string(),
  pnl: Num,
  risk_money: Num,
  r: Num,
  bars: Int,
});
export type ReportTrade = z.infer<typeof ReportTrade>;

/** One bin of the calibration curve: model-path synergies by p, against their re-traded outcome. */
export const CalibrationBin = z.object({ p_lo: Num, p_hi: Num, n: Int, mean_p: Num, hit_rate: Num });

/** A baseline over the run's synergies, each re-traded on its own (no overlap, no limits, no approval). */
export const Baseline = z.object({ rule: z.string(), stats: TradeStats });

export const RunReport = z.object({
  run: z.object({
    id: Int, source: z.string(), symbol: z.string(), timeframe: z.string(), profile: z.string(),
    model: z.string().nullable(), auto_approve: z.boolean(), created_at: Num, finished_at: Num.nullable(),
    steps: Int, currency: z.string(), first_t: Num.nullable(), last_t: Num.nullable(),
  }),
  // ---- the run's own trades (stable keys first) ----
  trades: Int,
  win_rate: Num.nullable(),
  expectancy_r: Num.nullable(),
  expectancy_r_ci95: Ci95,
  profit_factor: Num.nullable(),
  /** annualised (√252) mean / sd of daily returns of the marked-to-market equity; sortino: downside sd */
  sharpe: Num.nullable(),
  sortino: Num.nullable(),
  /** deepest fall of the marked-to-market equity from its running peak (money, and % of that peak) */
  max_drawdown: Num,
  max_drawdown_pct: Num,
  /** % of step bars with a position open */
  exposure_pct: Num,
  /** mean R of every synergy of the run re-traded on its own */
  baseline_take_all_expectancy_r: Num.nullable(),
  baseline_take_all_expectancy_r_ci95: Ci95,
  /** mean R of the synergies the rule path would take (pattern quality ≥ decision.rule_threshold) */
  baseline_rule_only_expectancy_r: Num.nullable(),
  /** mean R of the synergies the run's decisions accepted, re-traded the same way */
  selected_expectancy_r: Num.nullable(),
  /** selected − take-all, with a paired bootstrap 95 % interval: what the decision step adds per synergy taken */
  decision_value_added_r: Num.nullable(),
  decision_value_added_r_ci95: Ci95,
  stats: TradeStats,
  start_equity: Num,
  end_equity: Num,
  trading_days: Int,
  by_pattern: z.array(Breakdown),
  by_direction: z.array(Breakdown),
  by_instrument: z.array(Breakdown),
  by_path: z.array(Breakdown),
  baselines: z.object({
    synergies: Int,
    /** synergies re-traded to an exit; the rest by reason (no ATR recorded, data ended, …) */
    retraded: Int,
    skipped: z.record(z.string(), Int),
    take_all: Baseline,
    rule_only: Baseline,
    selected: Baseline,
  }),
  /** equity marked to market at each step bar's close, and its drawdown from the running peak (money) */
  equity: z.object({ t: z.array(Num), equity: z.array(Num), drawdown: z.array(Num) }),
  trades_list: z.array(ReportTrade),
  calibration: z.array(CalibrationBin),
  /** what a reader must know: undefined metrics, missing evidence, assumptions */
  notes: z.array(z.string()),
});
export type RunReport = z.infer<typeof RunReport>;

/** A run as the report picker lists it. */
export const RunListItem = z.object({
  id: Int, source: z.string(), symbol: z.string(), timeframe: z.string(), profile: z.string(),
  model: z.string().nullable(), auto_approve: z.boolean(), created_at: Num, finished_at: Num.nullable(),
  steps: Int, synergies: Int, fills: Int,
});
export type RunListItem = z.infer<typeof RunListItem>;
