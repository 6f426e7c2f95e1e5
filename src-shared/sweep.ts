// A sweep file (issue 15): which data, which base settings, and which config keys to vary, either as
// a grid (every combination, in the order written) or as a seeded random sample. Keys are the config's
// dotted paths (`synergy.window_bars`); each generated config is checked against the config schema
// before any task runs (src-main/engine/sweep/expand.ts).
import { z } from './zod.ts';
import { PROFILE_NAMES } from './profiles.ts';
import type { ReportTrade } from './report.ts';

/** One value a swept key takes: what a config leaf can hold. */
export const SweepValue = z.union([z.number().finite(), z.string(), z.boolean(), z.null()]);
export type SweepValue = z.infer<typeof SweepValue>;

/** A numeric range of a random sweep: uniform in [min, max], or on the grid min + k·step when step is given. */
export const SweepRange = z.strictObject({
  min: z.number().finite(),
  max: z.number().finite(),
  step: z.number().finite().positive().optional(),
}).refine((r) => r.max >= r.min, { error: 'max must be ≥ min' });
export type SweepRange = z.infer<typeof SweepRange>;

const Key = z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, { error: 'a dotted config key such as synergy.window_bars' });

export const SweepRandom = z.strictObject({
  seed: z.number().int(),
  samples: z.number().int().min(1).max(100_000),
  params: z.record(Key, z.union([SweepRange, z.array(SweepValue).min(1)])),
});

/** What a walk-forward chooses a parameter set by: a figure of the pooled trades of the folds before the one tested. */
export const SELECT_METRICS = ['expectancy_r', 'total_r', 'profit_factor', 'win_rate'] as const;
export type SelectMetric = (typeof SELECT_METRICS)[number];

/**
 * Walk-forward folds: each data file's span cut into `count` consecutive windows of equal length. A fold's
 * task trades its window only, its indicators warmed on everything before it; for fold k ≥ 1 the parameter
 * set that did best on folds 0…k−1 (all files pooled) is the one tested on fold k (engine/sweep/walk-forward.ts).
 */
export const SweepFolds = z.strictObject({
  count: z.number().int().min(2).max(50),
  select_by: z.enum(SELECT_METRICS).default('expectancy_r'),
  /** a parameter set with fewer in-sample trades than this is not chosen */
  min_trades: z.number().int().min(0).default(1),
});
export type SweepFolds = z.infer<typeof SweepFolds>;

export const SweepSpec = z.strictObject({
  name: z.string().min(1),
  timeframe: z.enum(['5m', '30m']),
  profile: z.enum(PROFILE_NAMES).default('spec'),
  /** data files, relative to the sweep file's folder or absolute */
  data: z.array(z.string().min(1)).min(1).optional(),
  /** instruments stored in a database (the app's store, an `import --db`): their finest stored rows */
  stored: z.strictObject({ db: z.string().min(1), symbols: z.array(z.string().min(1)).min(1) }).optional(),
  /** a catalogue symbol (or one under instruments: of `config`), as the CLI's --instrument */
  instrument: z.string().min(1).optional(),
  tz: z.string().min(1).optional(),
  /** a decision model file, or 'none' for the rule path; default: the repo's models/decision.onnx */
  model: z.string().min(1).optional(),
  /** a config.yaml (as the CLI's --config): the base settings and instruments every task starts from */
  config: z.string().min(1).optional(),
  grid: z.record(Key, z.array(SweepValue).min(1)).optional(),
  random: SweepRandom.optional(),
  folds: SweepFolds.optional(),
}).refine((s) => (s.grid === undefined) !== (s.random === undefined), { error: 'a sweep has either grid: or random:, not both or neither' })
  .refine((s) => s.data !== undefined || s.stored !== undefined, { error: 'a sweep needs data: (files) or stored: {db, symbols}, or both' });
export type SweepSpec = z.infer<typeof SweepSpec>;

/** One task's parameters: config key → value, in the sweep file's key order. */
export type SweepParams = Record<string, SweepValue>;

/** What a sweep keeps of each task's backtest report (src-shared/report.ts). */
export const SWEEP_METRICS = [
  'trades', 'win_rate', 'expectancy_r', 'expectancy_r_ci95', 'profit_factor', 'sharpe', 'sortino', 'max_drawdown',
  'max_drawdown_pct', 'exposure_pct', 'baseline_take_all_expectancy_r', 'decision_value_added_r', 'end_equity',
] as const;
export type SweepMetric = (typeof SWEEP_METRICS)[number];
export type SweepMetrics = Record<SweepMetric, number | [number, number] | null>;

/** One task's outcome: its metrics and its closed trades. */
export interface SweepTaskResult { metrics: SweepMetrics; trades: ReportTrade[] }

export const SWEEP_TASK_STATUSES = ['queued', 'done', 'failed'] as const;
export type SweepTaskStatus = (typeof SWEEP_TASK_STATUSES)[number];
