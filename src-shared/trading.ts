// What the trading side (decisions, approvals, orders, fills, positions) shows and stores, shared by
// the engine, the IPC contract and the renderer. Times: `t` fields are market (exchange) time in UTC
// ms; `wall_t` is the trader's clock.
import { z } from './zod.ts';

export const DecisionStatus = z.enum(['pending', 'approved', 'rejected', 'rejected_by_risk', 'expired']);
export type DecisionStatus = z.infer<typeof DecisionStatus>;

export const ApprovalAction = z.enum(['approve', 'reject', 'expire', 'auto_approve']);
export type ApprovalAction = z.infer<typeof ApprovalAction>;

/** A decision as the approval queue and the journal show it. `shown_hash` covers every field above it. */
export const DecisionView = z.object({
  id: z.number().int(),
  run_id: z.number().int(),
  /** market time E of the bar close that made it */
  t: z.number(),
  symbol: z.string(),
  pattern: z.string(),
  direction: z.union([z.literal(1), z.literal(-1)]),
  /** 'model' (ONNX) or 'rule' (pattern quality) */
  path: z.enum(['model', 'rule']),
  p: z.number().nullable(),
  threshold: z.number(),
  reason: z.string(),
  entry: z.number(),
  stop: z.number(),
  target: z.number(),
  size: z.number().finite().min(0), // fractional for crypto (the instrument's quantity step)
  unit: z.string(),
  risk_money: z.number(),
  rr: z.number(),
  /** market time after which the trader can no longer approve it */
  expires_t: z.number().nullable(),
  expires_step: z.number().int().nullable(),
  status: DecisionStatus,
  risk_reasons: z.array(z.string()),
  shown_hash: z.string(),
  /** the action taken on it, when one was */
  action: ApprovalAction.nullable(),
  action_reason: z.string().nullable(),
  action_wall_t: z.number().nullable(),
});
export type DecisionView = z.infer<typeof DecisionView>;

export const PositionView = z.object({
  id: z.number().int(),
  order_id: z.number().int(),
  decision_id: z.number().int(),
  symbol: z.string(),
  direction: z.union([z.literal(1), z.literal(-1)]),
  size: z.number().finite().min(0), // fractional for crypto (the instrument's quantity step)
  entry_price: z.number(),
  entry_t: z.number(),
  stop: z.number(),
  target: z.number(),
  status: z.enum(['open', 'closed']),
  exit_price: z.number().nullable(),
  exit_t: z.number().nullable(),
  exit_kind: z.string().nullable(),
  /** closed: net money P&L of the round trip; open: unrealised at the last price, before exit costs */
  pnl: z.number().nullable(),
});
export type PositionView = z.infer<typeof PositionView>;

export const TradingAccount = z.object({
  equity: z.number(),
  realized_pnl: z.number(),
  unrealized_pnl: z.number(),
  day_pnl: z.number(),
  trades_today: z.number().int(),
  consecutive_losses: z.number().int(),
  kill_switch: z.boolean(),
  last_price: z.number().nullable(),
});
export type TradingAccount = z.infer<typeof TradingAccount>;

/** A chart marker: synergy, decision (by status) or fill. */
export const TradeMarker = z.object({
  kind: z.enum(['synergy', 'decision', 'fill']),
  t: z.number(),
  price: z.number(),
  direction: z.union([z.literal(1), z.literal(-1)]),
  /** synergy: pattern; decision: status; fill: entry/stop/target/time */
  label: z.string(),
  ref_id: z.number().int(),
  /** synergy: how it was decided, e.g. 'model logistic p=0.34 < 0.4' (no decision) */
  detail: z.string().optional(),
});
export type TradeMarker = z.infer<typeof TradeMarker>;

export const TradingState = z.object({
  run_id: z.number().int().nullable(),
  /** when the run was resumed after a restart: the start of its last step committed before it (market ms) */
  resumed_after: z.number().nullable().optional(),
  /** with no run going: an interrupted run that playing its symbol (no start time) would resume */
  resumable: z.object({ run_id: z.number().int(), symbol: z.string(), after: z.number() }).nullable().optional(),
  symbol: z.string().nullable(),
  profile: z.string(),
  auto_approve: z.boolean(),
  /** the replay holds at each synergy until its decision is settled (config replay.pause_on_decision) */
  pause_on_decision: z.boolean(),
  /**
   * why the replay of `symbol` is not traded (charts and indicators still run): an index, a currency
   * with no stated rate into the account's, an instrument that needs a definition; null: it trades
   */
  not_trading: z.string().nullable().optional(),
  /** where decisions come from: the loaded model's file, or why the rule path is used */
  decision_path: z.object({ model: z.string().nullable(), problem: z.string().nullable() }),
  pending: z.array(DecisionView),
  positions: z.array(PositionView),
  account: TradingAccount,
  counts: z.object({
    synergies: z.number().int(), decisions: z.number().int(), approved: z.number().int(),
    rejected: z.number().int(), rejected_by_risk: z.number().int(), expired: z.number().int(), fills: z.number().int(),
  }),
});
export type TradingState = z.infer<typeof TradingState>;

/** The journal's CSV columns (stable: `npm run cli -- journal` prints these, in this order). */
export const JOURNAL_COLUMNS = [
  'decision_id', 'run_id', 'time', 'symbol', 'pattern', 'direction', 'path', 'p', 'threshold',
  'entry', 'stop', 'target', 'size', 'risk_money', 'status', 'action', 'action_reason', 'action_wall_time',
  'risk_reasons', 'entry_fill_time', 'entry_fill_price', 'exit_fill_time', 'exit_fill_price', 'exit_kind', 'pnl',
  'shown_hash',
  // issue 13, appended so earlier columns keep their places: the bracket re-anchored on the entry fill
  'entry_stop', 'entry_target',
  // and the round trip's P&L in the instrument's own currency (pnl is in the account currency)
  'pnl_instrument', 'instrument_currency',
] as const;
