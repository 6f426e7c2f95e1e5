// What the app shows of a sweep (the Sweeps panel, the sweep.* commands): the sweeps of the store, one
// sweep's tasks with their metrics, its parameter sets pooled over files and folds, and its walk-forward.
import { z } from './zod.ts';
import { SELECT_METRICS, SWEEP_METRICS, SWEEP_TASK_STATUSES, SweepValue } from './sweep.ts';

const Int = z.number().int();
const Num = z.number();

export const SweepListItem = z.object({
  id: Int, name: z.string(), timeframe: z.string(), profile: z.string(),
  created_at: Num, finished_at: Num.nullable(),
  tasks: Int, done: Int, failed: Int,
  /** the swept config keys, in the sweep file's order */
  keys: z.array(z.string()),
  /** walk-forward folds per data file; null: none */
  folds: Int.nullable(),
});
export type SweepListItem = z.infer<typeof SweepListItem>;

const MetricValue = z.union([Num, z.tuple([Num, Num]), z.null()]);
export const SweepTaskMetrics = z.object(Object.fromEntries(SWEEP_METRICS.map((k) => [k, MetricValue])) as Record<(typeof SWEEP_METRICS)[number], typeof MetricValue>);

export const SweepTaskItem = z.object({
  id: Int, idx: Int, task_hash: z.string(),
  params: z.record(z.string(), SweepValue),
  /** the key of its parameter set (ParamSetSummary.key) */
  set: z.string(),
  data_file: z.string(),
  fold: Int.nullable(),
  /** the fold's traded window [from, to) in ms; null: the whole file */
  window: z.tuple([Num, Num]).nullable(),
  status: z.enum(SWEEP_TASK_STATUSES),
  error: z.string().nullable(),
  metrics: SweepTaskMetrics.nullable(),
});
export type SweepTaskItem = z.infer<typeof SweepTaskItem>;

/** One parameter set, its done tasks' trades pooled (all files, all folds). */
export const ParamSetSummary = z.object({
  /** canonical JSON of the params: a stable key */
  key: z.string(),
  params: z.record(z.string(), SweepValue),
  tasks: Int, trades: Int,
  expectancy_r: Num.nullable(), total_r: Num, win_rate: Num.nullable(), profit_factor: Num.nullable(), pnl: Num,
});
export type ParamSetSummary = z.infer<typeof ParamSetSummary>;

export const WalkForwardStep = z.object({
  fold: Int,
  /** the set chosen on folds 0…fold−1; null: no set had min_trades there */
  chosen: z.string().nullable(),
  in_sample: Num.nullable(),
  oos_trades: Int, oos_total_r: Num, oos_expectancy_r: Num.nullable(),
});

export const SweepWalkForward = z.object({
  folds: Int, select_by: z.enum(SELECT_METRICS), min_trades: Int,
  steps: z.array(WalkForwardStep),
  /** the chosen sets' out-of-sample trades of folds 1…count−1 pooled; ci95: bootstrap interval of the mean R */
  oos: z.object({ trades: Int, expectancy_r: Num.nullable(), ci95: z.tuple([Num, Num]).nullable(), total_r: Num }),
  /** how many folds chose each set (by key) */
  chosen_counts: z.record(z.string(), Int),
});
export type SweepWalkForward = z.infer<typeof SweepWalkForward>;

export const SweepDetail = z.object({
  sweep: SweepListItem,
  tasks: z.array(SweepTaskItem),
  sets: z.array(ParamSetSummary),
  /** the set with the best select metric over all its tasks: chosen in-sample, on the data it is shown on */
  best: z.string().nullable(),
  select_by: z.enum(SELECT_METRICS),
  walk_forward: SweepWalkForward.nullable(),
});
export type SweepDetail = z.infer<typeof SweepDetail>;
