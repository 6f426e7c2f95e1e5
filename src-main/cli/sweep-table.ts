// The table `sweep` prints on stdout: one row per task in expansion order, tab-separated so it pastes into a sheet.
import type { SweepMetrics } from '../../src-shared/sweep.ts';
import type { SweepTaskRow } from '../store/sweeps.ts';

const COLUMNS = ['idx', 'params', 'data', 'status', 'trades', 'expectancy_r', 'profit_factor', 'max_dd_pct', 'value_added_r'];

export function sweepTable(rows: readonly SweepTaskRow[]): string {
  const num = (v: unknown, d: number) => (typeof v === 'number' ? v.toFixed(d) : '-');
  const folds = rows.some((r) => r.fold !== null);
  const lines = rows.map((r) => {
    const m = (r.metrics_json ? JSON.parse(r.metrics_json) : {}) as Partial<SweepMetrics>;
    const params = Object.entries(JSON.parse(r.params_json) as Record<string, unknown>).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
    return [r.idx, params, r.data_file.split(/[\\/]/).at(-1), ...(folds ? [r.fold ?? '-'] : []), r.status, m.trades ?? '-', num(m.expectancy_r, 3),
      num(m.profit_factor, 2), num(m.max_drawdown_pct, 2), num(m.decision_value_added_r, 3)].join('\t');
  });
  const head = folds ? [...COLUMNS.slice(0, 3), 'fold', ...COLUMNS.slice(3)] : COLUMNS;
  return `${[head.join('\t'), ...lines].join('\n')}\n`;
}
