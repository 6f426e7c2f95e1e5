// Number and table formatting shared by the text summary and the HTML export. A null metric prints
// as "n/a" (the report's notes say why).
import type { Breakdown, RunReport, TradeStats } from '../../../src-shared/report.ts';

export const NA = 'n/a';

export const fixed = (x: number | null, digits = 2): string => (x === null ? NA : x.toFixed(digits));
export const signed = (x: number | null, digits = 3): string => (x === null ? NA : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`);
export const pct = (x: number | null, digits = 1): string => (x === null ? NA : `${(100 * x).toFixed(digits)} %`);
export const ci = (c: [number, number] | null, digits = 3): string => (c ? `[${signed(c[0], digits)}, ${signed(c[1], digits)}]` : '');
export const iso = (t: number | null): string => (t === null ? NA : new Date(t).toISOString().replace('T', ' ').slice(0, 16));

/** The columns a table of TradeStats rows shows (a breakdown, a baseline). */
export const STAT_COLUMNS = ['trades', 'win rate', 'expectancy R', '95 % CI', 'expectancy money', 'profit factor', 'total pnl', 'total R', 'losing streak', 'avg bars'] as const;

export function statCells(s: TradeStats): string[] {
  return [
    String(s.trades), pct(s.win_rate), signed(s.expectancy_r), ci(s.expectancy_r_ci95), signed(s.expectancy_money, 2),
    fixed(s.profit_factor), signed(s.total_pnl, 2), signed(s.total_r, 2), String(s.longest_losing_streak), fixed(s.avg_bars_in_trade, 1),
  ];
}

/** Headline metrics as [label, value] pairs (both exports show these, in this order). */
export function headline(r: RunReport): [string, string][] {
  const cur = r.run.currency;
  return [
    ['trades', String(r.trades)],
    ['win rate', pct(r.win_rate)],
    ['expectancy', withCi(r.expectancy_r, 'R', r.expectancy_r_ci95, 3)],
    ['expectancy (money)', withCi(r.stats.expectancy_money, cur, r.stats.expectancy_money_ci95, 2)],
    ['profit factor', fixed(r.profit_factor)],
    ['total P&L', `${signed(r.stats.total_pnl, 2)} ${cur}`],
    ['equity', `${fixed(r.start_equity)} → ${fixed(r.end_equity)} ${cur}`],
    ['max drawdown', `${fixed(r.max_drawdown)} ${cur} (${r.max_drawdown_pct.toFixed(2)} % of its peak)`],
    ['Sharpe (daily, √252)', fixed(r.sharpe)],
    ['Sortino (daily, √252)', fixed(r.sortino)],
    ['exposure', `${r.exposure_pct.toFixed(1)} % of steps`],
    ['longest losing streak', String(r.stats.longest_losing_streak)],
    ['avg bars in trade', fixed(r.stats.avg_bars_in_trade, 1)],
    ['trading days', String(r.trading_days)],
  ];
}

/** Value-added line: what the decision step adds per synergy taken over taking all of them. */
export function valueAdded(r: RunReport): string {
  return withCi(r.decision_value_added_r, 'R', r.decision_value_added_r_ci95, 3);
}

/** "+0.589 R [−0.154, +1.312]"; "n/a" for a null value */
function withCi(x: number | null, unit: string, c: [number, number] | null, digits: number): string {
  return x === null ? NA : `${signed(x, digits)} ${unit} ${ci(c, digits)}`.trim();
}

export const BREAKDOWNS = [
  ['pattern', 'by_pattern'], ['direction', 'by_direction'], ['instrument', 'by_instrument'], ['decision path', 'by_path'],
] as const satisfies readonly (readonly [string, keyof RunReport])[];

export function breakdownRows(rows: readonly Breakdown[]): string[][] {
  return rows.map((b) => [b.key, ...statCells(b)]);
}

export function baselineRows(r: RunReport): string[][] {
  const b = r.baselines;
  return [
    ['take all', ...statCells(b.take_all.stats)],
    ['rule only', ...statCells(b.rule_only.stats)],
    ['selected', ...statCells(b.selected.stats)],
  ];
}
