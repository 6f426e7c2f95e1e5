// What the heat map colours by, and how a cell's value is made from a sweep's detail: a parameter set's pooled
// figure (all its tasks' trades together; a cell spanning several sets shows their mean), or a task metric
// (mean over the cell's done tasks, every file and fold).
import { SWEEP_METRICS, type SweepMetric } from '../../../src-shared/sweep.ts';
import type { SweepDetail } from '../../../src-shared/sweep-view.ts';
import { METRIC_INFO, SET_INFO, SET_METRICS, type SetMetric } from './columns.ts';
import type { HeatItem } from './heatmap.ts';

export type HeatMetric = `set:${SetMetric}` | `task:${SweepMetric}`;

export interface HeatMetricInfo { id: HeatMetric; label: string; fmt: (n: number | null) => string; signed: boolean }

const SIGNED_TASK: readonly SweepMetric[] = ['expectancy_r', 'baseline_take_all_expectancy_r', 'decision_value_added_r', 'sharpe', 'sortino'];

/** Every choice, pooled set figures first; the interval (a pair) is not a colour. */
export const HEAT_METRICS: HeatMetricInfo[] = [
  ...SET_METRICS.filter((m) => m !== 'tasks').map((m) => ({ id: `set:${m}` as const, label: `${SET_INFO[m].label} (set, pooled)`, fmt: SET_INFO[m].fmt, signed: SET_INFO[m].signed })),
  ...SWEEP_METRICS.filter((m) => m !== 'expectancy_r_ci95' && m !== 'trades').map((m) => ({
    id: `task:${m}` as const, label: `${METRIC_INFO[m].label} (mean of tasks)`, fmt: METRIC_INFO[m].fmt, signed: SIGNED_TASK.includes(m),
  })),
];

export function heatMetricInfo(id: HeatMetric): HeatMetricInfo {
  return HEAT_METRICS.find((m) => m.id === id) ?? HEAT_METRICS[0]!;
}

export function heatItems(d: SweepDetail, id: HeatMetric): HeatItem[] {
  const [kind, key] = id.split(':') as ['set' | 'task', string];
  if (kind === 'set') return d.sets.map((s) => ({ params: s.params, value: s[key as SetMetric] }));
  return d.tasks.filter((t) => t.status === 'done').map((t) => {
    const v = t.metrics?.[key as SweepMetric] ?? null;
    return { params: t.params, value: Array.isArray(v) ? null : v };
  });
}

/** One sentence under the map: what a cell's colour is. */
export function heatAggregation(id: HeatMetric, keys: number): string {
  const many = keys > 2 ? `the mean over the ${'sets'} that share the two values (the other key${keys > 3 ? 's' : ''} varying)` : 'one parameter set';
  return id.startsWith('set:')
    ? `Each cell: ${many}; a set's figure pools the trades of all its done tasks (every file and fold).`
    : 'Each cell: the mean over its done tasks (every file, fold and other key), tasks without a value left out.';
}
