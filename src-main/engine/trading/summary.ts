// The result of a trading run as the CLI prints it (stable keys: synergies, decisions, approved,
// rejected_by_risk, fills, realized_pnl, open_positions, decision_stream_sha256; money in `currency`). Everything comes
// from the store and is market-time only, so a resumed run reports exactly what an uninterrupted one does.
import { createHash } from 'node:crypto';
import type { Db } from '../../store/db.ts';
import { countPending, decisionStreamLines, openPositionCount, tradingCounts, type RunRow } from '../../store/trading.ts';
import type { AccountBook } from './account.ts';

export function decisionStreamSha256(db: Db, runId: number): string {
  const h = createHash('sha256');
  for (const line of decisionStreamLines(db, runId)) h.update(line).update('\n');
  return h.digest('hex');
}

export function runSummary(db: Db, run: RunRow, extra: { file: string; bars: number; model: string | null; modelProblem: string | null }): Record<string, unknown> {
  const c = tradingCounts(db, run.id);
  const account = run.state_json ? (JSON.parse(run.state_json) as { account: AccountBook }).account : null;
  // the run's own config says which currency its money is in (a config without one defaults to USD)
  const currency = (JSON.parse(run.config_json) as { risk?: { account_currency?: string } }).risk?.account_currency ?? 'USD';
  return {
    file: extra.file,
    symbol: run.symbol,
    timeframe: run.timeframe,
    profile: run.profile,
    auto_approve: run.auto_approve === 1,
    decision_model: extra.model,
    decision_model_problem: extra.modelProblem,
    bars: extra.bars,
    steps: run.steps,
    synergies: c.synergies,
    decisions: c.decisions,
    approved: c.approved,
    rejected: c.rejected,
    rejected_by_risk: c.rejected_by_risk,
    expired: c.expired,
    pending: countPending(db, run.id),
    fills: c.fills,
    currency,
    realized_pnl: account ? Math.round(account.realized * 100) / 100 : 0,
    equity: account ? Math.round(account.equity * 100) / 100 : null,
    open_positions: openPositionCount(db, run.id),
    decision_stream_sha256: decisionStreamSha256(db, run.id),
  };
}
