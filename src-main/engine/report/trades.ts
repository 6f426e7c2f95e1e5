// The run's own trades: its closed round trips, each with its R (net P&L / the money its shown plan put
// at risk) and the step bars it was held. A position still open at the run's end is no trade (the
// equity curve marks it), and is noted.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { ReportTrade } from '../../../src-shared/report.ts';
import type { RoundTripRow } from '../../store/report.ts';

/** Index of the last bar starting at or before `t` (−1: none): the step bar holding a fill at `t`. */
export function barIndexAt(bars: readonly Bar[], t: number): number {
  let lo = 0, hi = bars.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid]!.t <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** Index of the first bar starting at or after `t` (bars.length: none). */
export function firstBarFrom(bars: readonly Bar[], t: number): number {
  let lo = 0, hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid]!.t < t) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export interface RunTrades {
  /** closed round trips in exit order */
  trades: ReportTrade[];
  notes: string[];
}

export function runTrades(rows: readonly RoundTripRow[], bars: readonly Bar[]): RunTrades {
  const trades: ReportTrade[] = [], notes: string[] = [];
  let noRisk = 0;
  for (const x of rows) {
    if (x.status !== 'closed' || x.exit_t === null || x.exit_price === null || x.pnl === null) continue;
    const riskMoney = (JSON.parse(x.view_json) as { risk_money?: number }).risk_money ?? 0;
    if (!(riskMoney > 0)) noRisk++;
    const held = bars.length ? barIndexAt(bars, x.exit_t) - barIndexAt(bars, x.entry_t) : 0;
    trades.push({
      decision_id: x.decision_id, pattern: x.pattern, direction: x.direction, path: x.path, p: x.p, size: x.size,
      entry_t: x.entry_t, entry_price: x.entry_price, exit_t: x.exit_t, exit_price: x.exit_price, exit_kind: x.exit_kind ?? '',
      pnl: x.pnl, risk_money: riskMoney, r: riskMoney > 0 ? x.pnl / riskMoney : 0, bars: Math.max(0, held),
    });
  }
  trades.sort((a, b) => a.exit_t - b.exit_t || a.entry_t - b.entry_t);
  const open = rows.length - trades.length;
  if (open > 0) notes.push(`${open} position${open > 1 ? 's' : ''} still open at the run's end: marked to market in the equity curve, not counted as trades`);
  if (noRisk > 0) notes.push(`${noRisk} trade${noRisk > 1 ? 's have' : ' has'} no money at risk recorded in its plan: R taken as 0`);
  return { trades, notes };
}
