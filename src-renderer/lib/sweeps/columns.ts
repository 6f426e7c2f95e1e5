// The columns of the Sweeps panel's tables (tasks, parameter sets) and the metrics its heat map can colour
// by: how each is read from a row (for sorting), how it is written, and which way is better.
import { SWEEP_METRICS, type SweepMetric, type SweepValue } from '../../../src-shared/sweep.ts';
import type { ParamSetSummary, SweepTaskItem } from '../../../src-shared/sweep-view.ts';
import { fmtCi, fmtFrac, fmtPct, fmtR, fmtRatio } from '../report/format.ts';
import type { Cell, SortDir } from './sort.ts';

export interface Column<T> {
  key: string;
  label: string;
  title: string;
  /** the value sorted by */
  get: (row: T) => Cell;
  text: (row: T) => string;
  /** the direction of the first click: metrics best first */
  first: SortDir;
  num: boolean;
}

const fmtMoney = (n: number | null | undefined): string =>
  n === null || n === undefined || !Number.isFinite(n) ? '—' : `${n < 0 ? '−' : ''}${Math.abs(n).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const fmtCount = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : String(n));

/** How each task metric is labelled and written; `lowerBetter` for drawdowns. */
export const METRIC_INFO: Record<SweepMetric, { label: string; title: string; fmt: (n: number | null) => string; lowerBetter?: boolean }> = {
  trades: { label: 'Trades', title: 'closed trades', fmt: fmtCount },
  win_rate: { label: 'Win', title: 'share of trades with R > 0', fmt: fmtFrac },
  expectancy_r: { label: 'E[R]', title: 'mean R per trade', fmt: (n) => fmtR(n) },
  expectancy_r_ci95: { label: 'E[R] 95 %', title: 'bootstrap 95 % interval of the mean R (sorted by its lower end)', fmt: (n) => fmtR(n) },
  profit_factor: { label: 'PF', title: 'profit factor: gross gains / gross losses', fmt: fmtRatio },
  sharpe: { label: 'Sharpe', title: 'annualised Sharpe ratio of the daily returns', fmt: fmtRatio },
  sortino: { label: 'Sortino', title: 'annualised Sortino ratio of the daily returns', fmt: fmtRatio },
  max_drawdown: { label: 'Max DD', title: 'largest fall of equity from a peak, in the account currency', fmt: fmtMoney, lowerBetter: true },
  max_drawdown_pct: { label: 'Max DD %', title: 'largest fall of equity from a peak, % of the peak', fmt: fmtPct, lowerBetter: true },
  exposure_pct: { label: 'Exposure', title: 'share of the time a position was open', fmt: fmtPct },
  baseline_take_all_expectancy_r: { label: 'Take-all E[R]', title: 'mean R had every synergy been taken (the decision\'s baseline)', fmt: (n) => fmtR(n) },
  decision_value_added_r: { label: 'Value added', title: 'the decision step\'s mean R over taking every synergy', fmt: (n) => fmtR(n) },
  end_equity: { label: 'End equity', title: 'equity at the end of the run, account currency', fmt: fmtMoney },
};

export function fmtValue(v: SweepValue | undefined): string {
  return v === undefined ? '—' : v === null ? 'null' : typeof v === 'number' ? String(v) : String(v);
}

/** `risk.target_rr` → `target_rr` (the section is the same for every row; the full key is the header's title) */
export function shortKey(key: string): string {
  return key.split('.').slice(1).join('.') || key;
}

/** A task's data: a file's base name, or `NQ (stored)` for a stored instrument (`store:<db>#<SYMBOL>`). */
export function baseName(path: string): string {
  const stored = /^store:.*#([^#]+)$/.exec(path);
  if (stored) return `${stored[1]} (stored)`;
  return path.split(/[\\/]/).pop() ?? path;
}

function paramColumns<T extends { params: Record<string, SweepValue> }>(keys: readonly string[]): Column<T>[] {
  return keys.map((k) => ({
    key: `p:${k}`, label: shortKey(k), title: k, get: (r) => r.params[k] ?? null, text: (r) => fmtValue(r.params[k]), first: 'asc', num: true,
  }));
}

function metricOf(t: SweepTaskItem, m: SweepMetric): number | null {
  const v = t.metrics?.[m] ?? null;
  return Array.isArray(v) ? v[0] : v;
}

export function taskColumns(keys: readonly string[]): Column<SweepTaskItem>[] {
  return [
    { key: 'idx', label: '#', title: 'task index in the sweep', get: (t) => t.idx, text: (t) => String(t.idx), first: 'asc', num: true },
    ...paramColumns<SweepTaskItem>(keys),
    { key: 'data', label: 'Data', title: 'data file', get: (t) => baseName(t.data_file), text: (t) => baseName(t.data_file), first: 'asc', num: false },
    { key: 'fold', label: 'Fold', title: 'walk-forward fold (its window of the file); — the whole file', get: (t) => t.fold, text: (t) => fmtCount(t.fold), first: 'asc', num: true },
    { key: 'status', label: 'Status', title: 'queued, done or failed', get: (t) => t.status, text: (t) => t.status, first: 'asc', num: false },
    ...SWEEP_METRICS.map((m): Column<SweepTaskItem> => {
      const info = METRIC_INFO[m];
      return {
        key: m, label: info.label, title: info.title, get: (t) => metricOf(t, m), first: info.lowerBetter ? 'asc' : 'desc', num: true,
        text: (t) => {
          const v = t.metrics?.[m] ?? null;
          return Array.isArray(v) ? fmtCi(v as [number, number], (n) => fmtR(n)) : info.fmt(v);
        },
      };
    }),
  ];
}

/** The pooled figures of a parameter set (all its done tasks' trades together). */
export const SET_METRICS = ['trades', 'expectancy_r', 'total_r', 'win_rate', 'profit_factor', 'pnl', 'tasks'] as const;
export type SetMetric = (typeof SET_METRICS)[number];
export const SET_INFO: Record<SetMetric, { label: string; title: string; fmt: (n: number | null) => string; signed: boolean }> = {
  trades: { label: 'Trades', title: 'trades of all its done tasks', fmt: fmtCount, signed: false },
  expectancy_r: { label: 'E[R]', title: 'mean R of all its trades pooled', fmt: (n) => fmtR(n), signed: true },
  total_r: { label: 'Total R', title: 'sum of R of all its trades', fmt: (n) => fmtR(n), signed: true },
  win_rate: { label: 'Win', title: 'share of its trades with R > 0', fmt: fmtFrac, signed: false },
  profit_factor: { label: 'PF', title: 'profit factor of its trades pooled', fmt: fmtRatio, signed: false },
  pnl: { label: 'P&L', title: 'sum of its trades\' P&L, account currency', fmt: fmtMoney, signed: true },
  tasks: { label: 'Tasks', title: 'done tasks (files × folds)', fmt: fmtCount, signed: false },
};

export function setColumns(keys: readonly string[]): Column<ParamSetSummary>[] {
  return [
    ...paramColumns<ParamSetSummary>(keys),
    ...SET_METRICS.map((m): Column<ParamSetSummary> => ({
      key: m, label: SET_INFO[m].label, title: SET_INFO[m].title, get: (s) => s[m], text: (s) => SET_INFO[m].fmt(s[m]), first: 'desc', num: true,
    })),
  ];
}

/** A set's parameters in one line: `target_rr=2.5 · cooldown_bars=3` */
export function setLabel(params: Readonly<Record<string, SweepValue>>): string {
  return Object.entries(params).map(([k, v]) => `${shortKey(k)}=${fmtValue(v)}`).join(' · ');
}
