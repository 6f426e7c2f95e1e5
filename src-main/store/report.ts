// Reads for the backtest report of one trading run (issue 14): its synergies, its round trips (decision,
// order, entry fill and position joined), the step bars it traded on, and the run list. Read only.
import type { Db } from './handles.ts';
import type { Bar } from '../../src-shared/domain/bars.ts';
import { cached as q } from './statements.ts';
import { storedInstrument } from './instruments.ts';
import type { RunRow } from './trading.ts';

/** A synergy as the report re-trades it. */
export interface ReportSynergyRow {
  id: number;
  /** the decision time: its step bar's end */
  t: number;
  pattern: string;
  direction: 1 | -1;
  /** its step bar's close (the plan's estimated entry) */
  price: number;
  quality: number;
  path: 'model' | 'rule';
  p: number | null;
  accepted: number;
  /** the step's ATR the plan was sized from (null: not ready, or recorded before migration 0130) */
  atr: number | null;
}

export function reportSynergies(db: Db, runId: number): ReportSynergyRow[] {
  return q(db, `SELECT id, t, pattern, direction, price, quality, path, p, accepted, atr FROM synergies
    WHERE run_id = ? ORDER BY t`).all(runId) as ReportSynergyRow[];
}

/** One position of the run with the decision that led to it (exit fields null while it is open). */
export interface RoundTripRow {
  decision_id: number;
  pattern: string;
  direction: 1 | -1;
  path: 'model' | 'rule';
  p: number | null;
  /** the shown plan (decisions.view_json): risk_money is what R is a multiple of */
  view_json: string;
  size: number;
  entry_t: number;
  entry_price: number;
  /** the entry fill's commission (account currency): booked at the entry */
  entry_commission: number;
  status: 'open' | 'closed';
  exit_t: number | null;
  exit_price: number | null;
  exit_kind: string | null;
  pnl: number | null;
}

export function reportRoundTrips(db: Db, runId: number): RoundTripRow[] {
  return q(db, `SELECT d.id AS decision_id, s.pattern, s.direction, s.path, s.p, d.view_json, p.size, p.entry_t, p.entry_price,
      COALESCE(f.commission, 0) AS entry_commission, p.status, p.exit_t, p.exit_price, p.exit_kind, p.pnl
    FROM positions p JOIN orders o ON o.id = p.order_id JOIN decisions d ON d.id = o.decision_id
    JOIN synergies s ON s.id = d.synergy_id LEFT JOIN fills f ON f.order_id = o.id AND f.kind = 'entry'
    WHERE p.run_id = ? ORDER BY p.entry_t, p.id`).all(runId) as RoundTripRow[];
}

export interface RunStepBars {
  bars: Bar[];
  /** why the bars may not be exactly the run's steps (null: they are) */
  note: string | null;
}

/**
 * The stored step bars of the run's symbol and timeframe from its first traded step to its cursor. A run
 * recorded before migration 0130 has no first_t: the last `steps` bars up to the cursor stand in.
 */
export function runStepBars(db: Db, run: RunRow): RunStepBars {
  const inst = storedInstrument(db, run.symbol);
  if (!inst) return { bars: [], note: `no stored instrument ${run.symbol}: no step bars` };
  if (run.cursor_t === null) return { bars: [], note: 'the run has not traded a step yet' };
  const tf = run.timeframe === '5m' ? 5 : 30;
  if (run.first_t !== null) {
    const bars = q(db, `SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t >= ? AND t <= ? ORDER BY t`)
      .all(inst.id, tf, run.first_t, run.cursor_t) as Bar[];
    const note = bars.length === run.steps ? null
      : `the store holds ${bars.length} ${run.timeframe} bars of ${run.symbol} over the run's span, the run traded ${run.steps} steps`;
    return { bars, note };
  }
  const bars = q(db, `SELECT * FROM (SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t <= ?
    ORDER BY t DESC LIMIT ?) ORDER BY t`).all(inst.id, tf, run.cursor_t, run.steps) as Bar[];
  return { bars, note: `the run predates first_t (migration 0130): its steps are taken as the last ${run.steps} stored bars up to its cursor` };
}

export interface RunListRow extends RunRow {
  synergies: number;
  fills: number;
}

/** Every run, newest first, with its synergy and fill counts. */
export function listRunRows(db: Db): RunListRow[] {
  return q(db, `SELECT r.*,
      (SELECT COUNT(*) FROM synergies s WHERE s.run_id = r.id) AS synergies,
      (SELECT COUNT(*) FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.run_id = r.id) AS fills
    FROM trading_runs r ORDER BY r.id DESC`).all() as RunListRow[];
}

/** The newest run's id (null: no run). */
export function newestRunId(db: Db): number | null {
  return (q(db, 'SELECT MAX(id) AS id FROM trading_runs').get() as { id: number | null }).id;
}

/** Every run id, oldest first (for a message naming the choices). */
export function runIds(db: Db): number[] {
  return (q(db, 'SELECT id FROM trading_runs ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}
