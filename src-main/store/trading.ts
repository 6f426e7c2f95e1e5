// The trading tables (migration 0070): runs, synergies, decisions, approvals, orders, fills, positions.
// Writers take a WriteDb and never open a transaction themselves: the caller (trading/session.ts)
// wraps each state change and its records in one, with the run's cursor and snapshot.
import type { Db, WriteDb } from './db.ts';
import type {
  ApprovalAction, DecisionStatus, DecisionView, PositionView, TradeMarker, TradingState,
} from '../../src-shared/trading.ts';
import { cached } from './statements.ts';

// Statements are prepared once per connection (statements.ts). The inserts on the decision path bind
// by position: better-sqlite3 looks up every named parameter per run (a third of a small insert's cost).
const q = cached;

export interface RunRow {
  id: number; key: string; source: string; symbol: string; timeframe: '5m' | '30m'; profile: string;
  config_json: string; model: string | null; auto_approve: number; created_at: number;
  cursor_t: number | null; steps: number; state_json: string | null; finished_at: number | null;
  /** the first traded step bar's start (null: none yet, or a run recorded before migration 0130) */
  first_t: number | null;
}

export type NewRun = Omit<RunRow, 'id' | 'cursor_t' | 'steps' | 'state_json' | 'finished_at' | 'first_t'>;

export function findRun(db: Db, key: string): RunRow | null {
  return (q(db, 'SELECT * FROM trading_runs WHERE key = ?').get(key) as RunRow | undefined) ?? null;
}

export function getRun(db: Db, id: number): RunRow | null {
  return (q(db, 'SELECT * FROM trading_runs WHERE id = ?').get(id) as RunRow | undefined) ?? null;
}

/** The newest run of a symbol (the app's markers when no run is active). */
export function latestRun(db: Db, symbol: string): RunRow | null {
  return (q(db, 'SELECT * FROM trading_runs WHERE symbol = ? ORDER BY id DESC LIMIT 1').get(symbol) as RunRow | undefined) ?? null;
}

/** The newest run of `source` that was never finished (an app run interrupted by a restart). */
export function latestUnfinishedRun(db: Db, source: string): RunRow | null {
  return (q(db, 'SELECT * FROM trading_runs WHERE source = ? AND finished_at IS NULL ORDER BY id DESC LIMIT 1').get(source) as RunRow | undefined) ?? null;
}

/** Every unfinished run of `source` for `symbol`, newest first. */
export function unfinishedRuns(db: Db, source: string, symbol: string): RunRow[] {
  return q(db, 'SELECT * FROM trading_runs WHERE source = ? AND symbol = ? AND finished_at IS NULL ORDER BY id DESC').all(source, symbol) as RunRow[];
}

export function createRun(db: WriteDb, r: NewRun): RunRow {
  const res = q(db, `INSERT INTO trading_runs (key, source, symbol, timeframe, profile, config_json, model, auto_approve, created_at)
    VALUES (@key, @source, @symbol, @timeframe, @profile, @config_json, @model, @auto_approve, @created_at)`).run(r);
  return getRun(db, Number(res.lastInsertRowid))!;
}

export function saveCursor(db: WriteDb, id: number, cursorT: number, steps: number, state: string): void {
  q(db, 'UPDATE trading_runs SET cursor_t = ?, first_t = COALESCE(first_t, ?), steps = ?, state_json = ? WHERE id = ?').run(cursorT, cursorT, steps, state, id);
}

export function saveState(db: WriteDb, id: number, state: string): void {
  q(db, 'UPDATE trading_runs SET state_json = ? WHERE id = ?').run(state, id);
}

export function finishRun(db: WriteDb, id: number, at: number): void {
  q(db, 'UPDATE trading_runs SET finished_at = ? WHERE id = ? AND finished_at IS NULL').run(at, id);
}

export interface NewSynergy {
  run_id: number; t: number; bar_start: number; step: number; pattern: string; direction: 1 | -1; price: number;
  quality: number; bars_to_complete: number; signals_json: string; path: 'model' | 'rule'; p: number | null;
  threshold: number; accepted: number; reason: string;
  /** the step's ATR the plan is sized from (null: not ready) */
  atr: number | null;
  /** SHA-256 of the model file that gave p (null on the rule path) */
  model_sha256: string | null;
}

export function insertSynergy(db: WriteDb, s: NewSynergy): number {
  return Number(q(db, `INSERT INTO synergies (run_id, t, bar_start, step, pattern, direction, price, quality, bars_to_complete,
      signals_json, path, p, threshold, accepted, reason, atr, model_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    s.run_id, s.t, s.bar_start, s.step, s.pattern, s.direction, s.price, s.quality, s.bars_to_complete,
    s.signals_json, s.path, s.p, s.threshold, s.accepted, s.reason, s.atr, s.model_sha256,
  ).lastInsertRowid);
}

/** The part of a decision that is shown to the trader and hashed (everything but id, status and action). */
export type ShownDecision = Omit<DecisionView, 'id' | 'status' | 'risk_reasons' | 'shown_hash' | 'action' | 'action_reason' | 'action_wall_t'>;

export interface NewDecision {
  run_id: number; synergy_id: number; t: number; view: ShownDecision; shown_hash: string;
  status: DecisionStatus; risk_reasons: string[]; expires_step: number | null; correlation_id: string;
}

export function insertDecision(db: WriteDb, d: NewDecision): number {
  return Number(q(db, `INSERT INTO decisions (run_id, synergy_id, t, view_json, shown_hash, status, risk_reasons, expires_step, correlation_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    d.run_id, d.synergy_id, d.t, JSON.stringify(d.view), d.shown_hash, d.status, JSON.stringify(d.risk_reasons),
    d.expires_step, d.correlation_id,
  ).lastInsertRowid);
}

/** Moves a pending decision on; false when it was not pending (someone else acted first). */
export function settleDecision(db: WriteDb, id: number, status: DecisionStatus, riskReasons?: string[]): boolean {
  const r = riskReasons
    ? q(db, "UPDATE decisions SET status = ?, risk_reasons = ? WHERE id = ? AND status = 'pending'").run(status, JSON.stringify(riskReasons), id)
    : q(db, "UPDATE decisions SET status = ? WHERE id = ? AND status = 'pending'").run(status, id);
  return r.changes === 1;
}

/**
 * Expires the run's pending decisions whose expiry step has come (`step`), or all of them (`step`
 * null), each with the engine's 'expire' record; returns how many. Caller holds the transaction.
 */
export function expireDecisions(db: WriteDb, runId: number, o: { step: number | null; reason: string; exchangeT: number | null; wallT: number }): number {
  const due = q(db, `SELECT id, t, shown_hash FROM decisions WHERE run_id = ? AND status = 'pending'
    AND (? IS NULL OR expires_step <= ?) ORDER BY id`).all(runId, o.step, o.step) as { id: number; t: number; shown_hash: string }[];
  for (const d of due) {
    settleDecision(db, d.id, 'expired');
    insertApproval(db, {
      decision_id: d.id, action: 'expire', reason: o.reason, shown_hash: d.shown_hash, exchange_t: o.exchangeT ?? d.t,
      wall_t: o.wallT, actor: 'engine',
    });
  }
  return due.length;
}

/** The earliest expiry step among the run's pending decisions, null when none is pending. */
export function nextExpiryStep(db: Db, runId: number): number | null {
  return (q(db, "SELECT MIN(expires_step) AS s FROM decisions WHERE run_id = ? AND status = 'pending'").get(runId) as { s: number | null }).s;
}

export function countPending(db: Db, runId: number): number {
  return (q(db, "SELECT COUNT(*) AS n FROM decisions WHERE run_id = ? AND status = 'pending'").get(runId) as { n: number }).n;
}

export interface NewApproval {
  decision_id: number; action: ApprovalAction; reason: string | null; shown_hash: string;
  exchange_t: number; wall_t: number; actor: string;
}

export function insertApproval(db: WriteDb, a: NewApproval): void {
  q(db, `INSERT INTO approvals (decision_id, action, reason, shown_hash, exchange_t, wall_t, actor) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(a.decision_id, a.action, a.reason, a.shown_hash, a.exchange_t, a.wall_t, a.actor);
}

export function insertOrder(db: WriteDb, o: {
  run_id: number; decision_id: number; direction: number; size: number; stop: number; target: number; submitted_t: number;
}): number {
  return Number(q(db, `INSERT INTO orders (run_id, decision_id, direction, size, stop, target, submitted_t, status)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'queued')`).run(o.run_id, o.decision_id, o.direction, o.size, o.stop, o.target, o.submitted_t).lastInsertRowid);
}

export function getOrderBracket(db: Db, id: number): { direction: number; stop: number; target: number } {
  return q(db, 'SELECT direction, stop, target FROM orders WHERE id = ?').get(id) as { direction: number; stop: number; target: number };
}

export function setOrderStatus(db: WriteDb, id: number, status: 'filled' | 'closed' | 'cancelled'): void {
  q(db, 'UPDATE orders SET status = ? WHERE id = ?').run(status, id);
}

export function insertFill(db: WriteDb, f: {
  order_id: number; kind: string; t: number; price: number; size: number; commission: number; pnl: number | null;
  /** the instrument's currency, and this fill's money in it (commission, pnl are in the account currency) */
  currency: string; commission_native: number; pnl_native: number | null;
}): void {
  q(db, `INSERT INTO fills (order_id, kind, t, price, size, commission, pnl, currency, commission_native, pnl_native)
    VALUES (@order_id, @kind, @t, @price, @size, @commission, @pnl, @currency, @commission_native, @pnl_native)`).run(f);
}

export function openPosition(db: WriteDb, p: {
  run_id: number; order_id: number; direction: number; size: number; entry_price: number; entry_t: number; stop: number; target: number;
}): void {
  q(db, `INSERT INTO positions (run_id, order_id, direction, size, entry_price, entry_t, stop, target, status)
    VALUES (@run_id, @order_id, @direction, @size, @entry_price, @entry_t, @stop, @target, 'open')`).run(p);
}

export function closePosition(db: WriteDb, orderId: number, exit: { price: number; t: number; kind: string; pnl: number }): void {
  q(db, `UPDATE positions SET status = 'closed', exit_price = ?, exit_t = ?, exit_kind = ?, pnl = ? WHERE order_id = ? AND status = 'open'`)
    .run(exit.price, exit.t, exit.kind, exit.pnl, orderId);
}

// ---- reads -------------------------------------------------------------------------------------

interface DecisionRow {
  id: number; view_json: string; shown_hash: string; status: DecisionStatus; risk_reasons: string;
  action: ApprovalAction | null; reason: string | null; wall_t: number | null;
}

const DECISION_SELECT = `SELECT d.id, d.view_json, d.shown_hash, d.status, d.risk_reasons, a.action, a.reason, a.wall_t
  FROM decisions d LEFT JOIN approvals a ON a.decision_id = d.id`;

function toView(r: DecisionRow): DecisionView {
  return {
    ...(JSON.parse(r.view_json) as ShownDecision), id: r.id, status: r.status, risk_reasons: JSON.parse(r.risk_reasons) as string[],
    shown_hash: r.shown_hash, action: r.action, action_reason: r.reason, action_wall_t: r.wall_t,
  };
}

export function getDecision(db: Db, id: number): DecisionView | null {
  const r = q(db, `${DECISION_SELECT} WHERE d.id = ?`).get(id) as DecisionRow | undefined;
  return r ? toView(r) : null;
}

export function pendingDecisions(db: Db, runId: number): DecisionView[] {
  return (q(db, `${DECISION_SELECT} WHERE d.run_id = ? AND d.status = 'pending' ORDER BY d.id`).all(runId) as DecisionRow[]).map(toView);
}

export interface DecisionFilter {
  runId?: number | null;
  status?: DecisionStatus | null;
  symbol?: string | null;
  limit?: number;
}

/** Decisions matching the filter, newest first. */
export function listDecisions(db: Db, f: DecisionFilter = {}): DecisionView[] {
  const rows = q(db, `${DECISION_SELECT} JOIN trading_runs r ON r.id = d.run_id
    WHERE (@run IS NULL OR d.run_id = @run) AND (@status IS NULL OR d.status = @status) AND (@symbol IS NULL OR r.symbol = @symbol)
    ORDER BY d.id DESC LIMIT @limit`).all({ run: f.runId ?? null, status: f.status ?? null, symbol: f.symbol ?? null, limit: f.limit ?? 5_000 });
  return (rows as DecisionRow[]).map(toView);
}

interface PositionRow {
  id: number; order_id: number; decision_id: number; direction: 1 | -1; size: number; entry_price: number; entry_t: number;
  stop: number; target: number; status: 'open' | 'closed'; exit_price: number | null; exit_t: number | null;
  exit_kind: string | null; pnl: number | null;
}

export function listPositions(db: Db, runId: number, symbol: string, limit = 200): PositionView[] {
  const rows = q(db, `SELECT p.*, o.decision_id FROM positions p JOIN orders o ON o.id = p.order_id
    WHERE p.run_id = ? ORDER BY p.id DESC LIMIT ?`).all(runId, limit) as PositionRow[];
  return rows.map((r) => ({ ...r, symbol }));
}

export function tradingCounts(db: Db, runId: number): TradingState['counts'] {
  const one = (sql: string) => (q(db, sql).get(runId) as { n: number }).n;
  const status = (s: DecisionStatus) => one(`SELECT COUNT(*) AS n FROM decisions WHERE run_id = ? AND status = '${s}'`);
  return {
    synergies: one('SELECT COUNT(*) AS n FROM synergies WHERE run_id = ?'),
    decisions: one('SELECT COUNT(*) AS n FROM decisions WHERE run_id = ?'),
    approved: status('approved'),
    rejected: status('rejected'),
    rejected_by_risk: status('rejected_by_risk'),
    expired: status('expired'),
    fills: one('SELECT COUNT(*) AS n FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.run_id = ?'),
  };
}

/** Synergy, decision and fill markers of a run in [from, to) market time. */
export function listMarkers(db: Db, runId: number, from = -8.64e15, to = 8.64e15): TradeMarker[] {
  const out: TradeMarker[] = [];
  for (const s of q(db, 'SELECT id, t, price, direction, pattern, reason FROM synergies WHERE run_id = ? AND t >= ? AND t < ? ORDER BY t')
    .all(runId, from, to) as { id: number; t: number; price: number; direction: 1 | -1; pattern: string; reason: string }[]) {
    out.push({ kind: 'synergy', t: s.t, price: s.price, direction: s.direction, label: s.pattern, ref_id: s.id, detail: s.reason });
  }
  for (const d of q(db, `SELECT d.id, d.t, s.price, s.direction, d.status FROM decisions d JOIN synergies s ON s.id = d.synergy_id
    WHERE d.run_id = ? AND d.t >= ? AND d.t < ? ORDER BY d.t`).all(runId, from, to) as { id: number; t: number; price: number; direction: 1 | -1; status: string }[]) {
    out.push({ kind: 'decision', t: d.t, price: d.price, direction: d.direction, label: d.status, ref_id: d.id });
  }
  for (const f of q(db, `SELECT f.id, f.t, f.price, f.kind, o.direction FROM fills f JOIN orders o ON o.id = f.order_id
    WHERE o.run_id = ? AND f.t >= ? AND f.t < ? ORDER BY f.t, f.id`).all(runId, from, to) as { id: number; t: number; price: number; kind: string; direction: 1 | -1 }[]) {
    out.push({ kind: 'fill', t: f.t, price: f.price, direction: f.direction, label: f.kind, ref_id: f.id });
  }
  return out;
}

export interface JournalRow {
  decision: DecisionView;
  /** the entry fill and the bracket it got (SPEC §5.2: the shown distances from the fill, in the position row) */
  entry: { t: number; price: number; stop?: number | null; target?: number | null } | null;
  exit: { t: number; price: number; kind: string; pnl: number | null; pnl_native?: number | null; currency?: string | null } | null;
}

/** The decisions matching the filter (default: all, oldest first) with their fills. */
export function journal(db: Db, f: DecisionFilter & { newestFirst?: boolean } = {}): JournalRow[] {
  const decisions = listDecisions(db, { ...f, limit: f.limit ?? 1_000_000 });
  if (!f.newestFirst) decisions.reverse();
  const fills = q(db, `SELECT o.decision_id, f.kind, f.t, f.price, f.pnl, f.pnl_native, f.currency, p.stop, p.target FROM fills f JOIN orders o ON o.id = f.order_id
    LEFT JOIN positions p ON p.order_id = f.order_id AND f.kind = 'entry'
    WHERE o.decision_id IN (SELECT value FROM json_each(?)) ORDER BY f.id`).all(JSON.stringify(decisions.map((d) => d.id))) as
    { decision_id: number; kind: string; t: number; price: number; pnl: number | null; pnl_native: number | null; currency: string | null; stop: number | null; target: number | null }[];
  const byDecision = new Map<number, typeof fills>();
  for (const f of fills) {
    const list = byDecision.get(f.decision_id) ?? [];
    list.push(f);
    byDecision.set(f.decision_id, list);
  }
  return decisions.map((d) => {
    const fs = byDecision.get(d.id) ?? [];
    const e = fs.find((f) => f.kind === 'entry');
    const x = fs.find((f) => f.kind !== 'entry');
    return {
      decision: d,
      entry: e ? { t: e.t, price: e.price, stop: e.stop, target: e.target } : null,
      exit: x ? { t: x.t, price: x.price, kind: x.kind, pnl: x.pnl, pnl_native: x.pnl_native, currency: x.currency } : null,
    };
  });
}

/**
 * The decision stream of a run as canonical lines, market-time facts only (no wall times, no row
 * ids): what the determinism and resume checks hash.
 */
/** Positions of the run still open. */
export function openPositionCount(db: Db, runId: number): number {
  return (q(db, "SELECT COUNT(*) AS n FROM positions WHERE run_id = ? AND status = 'open'").get(runId) as { n: number }).n;
}

export function decisionStreamLines(db: Db, runId: number): string[] {
  const lines: string[] = [];
  for (const s of q(db, 'SELECT * FROM synergies WHERE run_id = ? ORDER BY t').all(runId) as Record<string, unknown>[]) {
    lines.push(['S', s.t, s.pattern, s.direction, s.price, s.quality, s.path, s.p, s.threshold, s.accepted].join('|'));
  }
  for (const j of journal(db, { runId })) {
    const d = j.decision;
    lines.push(['D', d.t, d.pattern, d.direction, d.path, d.p, d.entry, d.stop, d.target, d.size, d.risk_money, d.status,
      d.action ?? '', d.risk_reasons.join(';'), d.shown_hash].join('|'));
    if (j.entry) lines.push(['E', d.t, j.entry.t, j.entry.price, j.entry.stop, j.entry.target].join('|'));
    if (j.exit) lines.push(['X', d.t, j.exit.t, j.exit.price, j.exit.kind, j.exit.pnl].join('|'));
  }
  return lines;
}
