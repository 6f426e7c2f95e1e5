// The headline metrics of a run as rows, and two runs' metrics (and breakdowns) aligned side by side
// for the A | B columns of the Report panel.
import type { Breakdown, RunReport } from '../../../src-shared/report.ts';
import { fmtInt } from '../format.ts';
import { fmtBarsHeld, fmtCash, fmtCi, fmtFrac, fmtPct, fmtR, fmtRatio, nullReason, type Ci } from './format.ts';

export interface Cell {
  value: number | null;
  text: string;
  /** the 95 % interval, formatted ('' when there is none) */
  ci: string;
  /** hover text: what the metric is, and why it is '—' when it is */
  title: string;
}

export interface MetricRow {
  key: string;
  label: string;
  a: Cell;
  b: Cell | null;
  /** which run is better on this metric (null: equal, unknown, or no preferred direction) */
  better: 'a' | 'b' | null;
}

interface MetricDef {
  key: string;
  label: string;
  hint: string;
  value: (r: RunReport) => number | null;
  ci?: (r: RunReport) => Ci;
  fmt: (n: number, r: RunReport) => string;
  /** +1: higher is better, −1: lower is better, 0: neither */
  better: 1 | -1 | 0;
  /** the notes keyword for its null reason (default: key) */
  note?: string;
}

const cash = (signed = false) => (n: number, r: RunReport) => fmtCash(n, r.run.currency, signed);

export const METRICS: readonly MetricDef[] = [
  { key: 'trades', label: 'Trades', hint: 'round trips closed in the run', value: (r) => r.trades, fmt: (n) => fmtInt(n), better: 0 },
  { key: 'win_rate', label: 'Win rate', hint: 'share of trades with net P&L > 0', value: (r) => r.win_rate, fmt: (n) => fmtFrac(n), better: 1 },
  { key: 'expectancy_r', label: 'Expectancy (R)', hint: 'mean R multiple per trade, 95 % bootstrap interval',
    value: (r) => r.expectancy_r, ci: (r) => r.expectancy_r_ci95, fmt: (n) => fmtR(n), better: 1 },
  { key: 'expectancy_money', label: 'Expectancy (money)', hint: 'mean net P&L per trade, 95 % bootstrap interval',
    value: (r) => r.stats.expectancy_money, ci: (r) => r.stats.expectancy_money_ci95, fmt: cash(true), better: 1 },
  { key: 'total_pnl', label: 'Net P&L', hint: 'sum of the trades\' net P&L', value: (r) => r.stats.total_pnl, fmt: cash(true), better: 1, note: 'trades' },
  { key: 'profit_factor', label: 'Profit factor', hint: 'gross profit / gross loss', value: (r) => r.profit_factor, fmt: (n) => fmtRatio(n), better: 1 },
  { key: 'sharpe', label: 'Sharpe', hint: 'annualised (√252) mean / sd of daily returns', value: (r) => r.sharpe, fmt: (n) => fmtRatio(n), better: 1 },
  { key: 'sortino', label: 'Sortino', hint: 'annualised mean / downside sd of daily returns', value: (r) => r.sortino, fmt: (n) => fmtRatio(n), better: 1 },
  { key: 'max_drawdown', label: 'Max drawdown', hint: 'deepest fall of marked-to-market equity from its running peak',
    value: (r) => Math.abs(r.max_drawdown), fmt: (n, r) => (n === 0 ? fmtCash(0, r.run.currency) : fmtCash(-n, r.run.currency)), better: -1 },
  { key: 'max_drawdown_pct', label: 'Max drawdown %', hint: 'the same fall, % of that peak',
    value: (r) => Math.abs(r.max_drawdown_pct), fmt: (n) => (n === 0 ? fmtPct(0) : fmtPct(-n)), better: -1 },
  { key: 'exposure_pct', label: 'Exposure', hint: '% of step bars with a position open', value: (r) => r.exposure_pct, fmt: (n) => fmtPct(n), better: 0 },
  { key: 'longest_losing_streak', label: 'Longest losing streak', hint: 'most losses in a row',
    value: (r) => r.stats.longest_losing_streak, fmt: (n) => `${fmtInt(n)} trade${n === 1 ? '' : 's'}`, better: -1 },
  { key: 'avg_bars_in_trade', label: 'Time in trade', hint: 'mean step bars held per trade (and market time)',
    value: (r) => r.stats.avg_bars_in_trade, fmt: (n, r) => fmtBarsHeld(n, r.run.timeframe), better: 0, note: 'trades' },
  { key: 'trading_days', label: 'Trading days', hint: 'days the run traded on', value: (r) => r.trading_days, fmt: (n) => fmtInt(n), better: 0 },
];

function cell(d: MetricDef, r: RunReport): Cell {
  const v = d.value(r);
  const ci = d.ci?.(r) ?? null;
  const text = v === null ? '—' : d.fmt(v, r);
  if (v === null) return { value: v, text, ci: '', title: `${d.hint}\n— ${nullReason(r.notes, d.note ?? d.key)}` };
  // a value without its interval says so, and why (too few trades)
  if (d.ci && ci === null) return { value: v, text, ci: 'no interval', title: `${d.hint}\nno 95 % interval: ${nullReason(r.notes, 'interval')}` };
  return { value: v, text, ci: ci ? `95 % ${fmtCi(ci, (n) => d.fmt(n, r))}` : '', title: d.hint };
}

function betterOf(d: MetricDef, a: Cell, b: Cell | null): 'a' | 'b' | null {
  if (!b || d.better === 0 || a.value === null || b.value === null || a.value === b.value) return null;
  return (a.value > b.value) === (d.better > 0) ? 'a' : 'b';
}

/** The headline metrics of `a`, and of `b` beside them when comparing. */
export function metricRows(a: RunReport, b: RunReport | null): MetricRow[] {
  return METRICS.map((d) => {
    const ca = cell(d, a);
    const cb = b ? cell(d, b) : null;
    return { key: d.key, label: d.label, a: ca, b: cb, better: betterOf(d, ca, cb) };
  });
}

export interface BreakdownPair { key: string; a: Breakdown | null; b: Breakdown | null }

/** One row per key of either run (A's order first, then keys only B has). */
export function alignBreakdowns(a: readonly Breakdown[], b: readonly Breakdown[] | null): BreakdownPair[] {
  const bBy = new Map((b ?? []).map((x) => [x.key, x]));
  const rows: BreakdownPair[] = a.map((x) => ({ key: x.key, a: x, b: bBy.get(x.key) ?? null }));
  const seen = new Set(a.map((x) => x.key));
  for (const x of b ?? []) if (!seen.has(x.key)) rows.push({ key: x.key, a: null, b: x });
  return rows;
}

export const BREAKDOWNS = [
  { key: 'by_pattern', label: 'By pattern' },
  { key: 'by_direction', label: 'By direction' },
  { key: 'by_instrument', label: 'By instrument' },
  { key: 'by_path', label: 'By decision path' },
] as const;

/** The notes of one run or two: a note both runs carry once, the others marked with their run. */
export function mergeNotes(a: readonly string[], b: readonly string[] | null): { text: string; runs: string }[] {
  if (!b) return a.map((text) => ({ text, runs: '' }));
  const inB = new Set(b);
  const inA = new Set(a);
  return [
    ...a.map((text) => ({ text, runs: inB.has(text) ? 'A, B' : 'A' })),
    ...b.filter((text) => !inA.has(text)).map((text) => ({ text, runs: 'B' })),
  ];
}
