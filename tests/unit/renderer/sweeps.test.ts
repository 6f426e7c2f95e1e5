// The Sweeps panel's pure parts: sorting (missing values last either way, stable ties, numbers by value),
// the header-click cycle, the heat map's cells (mean of the defined values, numeric axes), its colours,
// what the heat map reads from a sweep, and the table columns' values and words.
import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, sortRows } from '../../../src-renderer/lib/sweeps/sort.ts';
import { axisValues, heatColor, heatGrid, type HeatItem } from '../../../src-renderer/lib/sweeps/heatmap.ts';
import { heatAggregation, heatItems } from '../../../src-renderer/lib/sweeps/heat-source.ts';
import { baseName, setColumns, setLabel, taskColumns } from '../../../src-renderer/lib/sweeps/columns.ts';
import type { SweepDetail, SweepTaskItem } from '../../../src-shared/sweep-view.ts';
import { SWEEP_METRICS } from '../../../src-shared/sweep.ts';

describe('sortRows', () => {
  const rows = [{ id: 'a', v: 2 }, { id: 'b', v: null }, { id: 'c', v: -1 }, { id: 'd', v: 2 }, { id: 'e', v: 5 }];
  it('sorts numbers by value, keeps ties in their order and a missing value last, both ways', () => {
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.id)).toEqual(['c', 'a', 'd', 'e', 'b']);
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.id)).toEqual(['e', 'a', 'd', 'c', 'b']);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']); // the input is left alone
  });
  it('sorts text with numbers in it by their value, case aside; numbers before text', () => {
    expect(sortRows(['file10', 'file2', 'File1'], (s) => s, 'asc')).toEqual(['File1', 'file2', 'file10']);
    expect(sortRows(['x', 3, 'a', 1], (s) => s, 'asc')).toEqual([1, 3, 'a', 'x']);
    expect(sortRows([NaN, 1, 0], (s) => s, 'desc')).toEqual([1, 0, NaN]);
  });
});

describe('nextSort / ariaSort', () => {
  it('a new column starts with its own first direction; the same column flips', () => {
    const s1 = nextSort(null, 'expectancy_r', 'desc');
    expect(s1).toEqual({ key: 'expectancy_r', dir: 'desc' });
    const s2 = nextSort(s1, 'expectancy_r', 'desc');
    expect(s2).toEqual({ key: 'expectancy_r', dir: 'asc' });
    expect(nextSort(s2, 'idx', 'asc')).toEqual({ key: 'idx', dir: 'asc' });
    expect([ariaSort(s1, 'expectancy_r'), ariaSort(s2, 'expectancy_r'), ariaSort(s2, 'idx'), ariaSort(null, 'idx')])
      .toEqual(['descending', 'ascending', 'none', 'none']);
  });
});

describe('heatGrid', () => {
  const items: HeatItem[] = [
    { params: { a: 1, b: 'x' }, value: 1 },
    { params: { a: 2, b: 'x' }, value: null },
    { params: { a: 1, b: 'y' }, value: 3 },
    { params: { a: 1, b: 'y' }, value: -1 },
    { params: { a: 10, b: 'x' }, value: 4 },
  ];
  it('puts each item in the cell of its two values; a cell is the mean of its defined values', () => {
    const g = heatGrid(items, 'a', 'b');
    expect(g.xs).toEqual([1, 2, 10]); // by value, not as text ('1', '10', '2')
    expect(g.ys).toEqual(['x', 'y']);
    expect(g.rows.map((r) => r.map((c) => [c.value, c.n, c.defined]))).toEqual([
      [[1, 1, 1], [null, 1, 0], [4, 1, 1]],
      [[1, 2, 2], [null, 0, 0], [null, 0, 0]],
    ]);
    expect([g.min, g.max]).toEqual([1, 4]);
    expect(g.rows[1]![0]).toMatchObject({ x: 1, y: 'y' });
  });
  it('with one key the map is one row; with no value at all min and max are null', () => {
    const g = heatGrid([{ params: { a: 2 }, value: null }, { params: { a: 1 }, value: null }], 'a', '');
    expect([g.xs, g.ys, g.min, g.max]).toEqual([[1, 2], [null], null, null]);
    expect(axisValues([{ params: { k: true }, value: 0 }, { params: { k: false }, value: 0 }], 'k')).toEqual([false, true]);
  });
});

describe('heatColor', () => {
  it('signed: grey at 0, full red / green at the largest magnitude, halfway between', () => {
    expect(heatColor(0, -2, 1, true)).toBe('rgb(58, 64, 74)');
    expect(heatColor(-2, -2, 1, true)).toBe('rgb(214, 69, 65)');
    expect(heatColor(2, -2, 2, true)).toBe('rgb(46, 160, 67)');
    // 1 of a magnitude 2: grey (58, 64, 74) halfway to green (46, 160, 67)
    expect(heatColor(1, -2, 1, true)).toBe('rgb(52, 112, 71)');
  });
  it('unsigned: dark at the minimum, light at the maximum; nothing for no value', () => {
    expect(heatColor(3, 3, 9, false)).toBe('rgb(33, 58, 94)');
    expect(heatColor(9, 3, 9, false)).toBe('rgb(88, 166, 255)');
    expect(heatColor(null, 3, 9, false)).toBe('transparent');
  });
});

const metrics = (over: Partial<Record<(typeof SWEEP_METRICS)[number], number | [number, number] | null>>) =>
  ({ ...Object.fromEntries(SWEEP_METRICS.map((k) => [k, null])), ...over }) as NonNullable<SweepTaskItem['metrics']>;
const task = (id: number, params: Record<string, number>, status: SweepTaskItem['status'], m: SweepTaskItem['metrics']): SweepTaskItem =>
  ({ id, idx: id, task_hash: `h${id}`, params, set: JSON.stringify(params), data_file: '/data/run/btc-a.csv', fold: null, window: null, status, error: null, metrics: m });

describe('heatItems', () => {
  const d = {
    sets: [{ key: 's1', params: { a: 1 }, tasks: 2, trades: 5, expectancy_r: 0.4, total_r: 2, win_rate: 0.6, profit_factor: 1.5, pnl: 10 }],
    tasks: [task(1, { a: 1 }, 'done', metrics({ sharpe: 1.2, expectancy_r_ci95: [0, 1] })), task(2, { a: 1 }, 'failed', null), task(3, { a: 2 }, 'done', metrics({}))],
  } as unknown as SweepDetail;
  it('a set metric reads the pooled set figure; a task metric the done tasks only', () => {
    expect(heatItems(d, 'set:total_r')).toEqual([{ params: { a: 1 }, value: 2 }]);
    expect(heatItems(d, 'task:sharpe')).toEqual([{ params: { a: 1 }, value: 1.2 }, { params: { a: 2 }, value: null }]);
    expect(heatAggregation('set:expectancy_r', 3)).toMatch(/mean over the sets that share the two values/);
    expect(heatAggregation('set:expectancy_r', 2)).toMatch(/^Each cell: one parameter set/);
  });
});

describe('columns', () => {
  it('task columns: params, file, fold, status, then every stored metric; an interval sorts by its lower end', () => {
    const cols = taskColumns(['risk.target_rr']);
    expect(cols.map((c) => c.key)).toEqual(['idx', 'p:risk.target_rr', 'data', 'fold', 'status', ...SWEEP_METRICS]);
    const t = task(4, { 'risk.target_rr': 2.5 }, 'done', metrics({ expectancy_r_ci95: [-0.5, 1.25], win_rate: 0.25, max_drawdown: -1234.4 }));
    const by = (k: string) => cols.find((c) => c.key === k)!;
    expect([by('expectancy_r_ci95').text(t), by('expectancy_r_ci95').get(t)]).toEqual(['[−0.50R, +1.25R]', -0.5]);
    expect([by('win_rate').text(t), by('p:risk.target_rr').text(t), by('data').text(t), by('fold').text(t)]).toEqual(['25.0 %', '2.5', 'btc-a.csv', '—']);
    expect(by('expectancy_r').text(t)).toBe('—');
    expect([by('max_drawdown_pct').first, by('sharpe').first, by('idx').first]).toEqual(['asc', 'desc', 'asc']);
    expect(by('max_drawdown').text(t)).toBe('−1,234');
  });
  it('set columns and labels', () => {
    expect(setColumns(['a.b']).map((c) => c.key)).toEqual(['p:a.b', 'trades', 'expectancy_r', 'total_r', 'win_rate', 'profit_factor', 'pnl', 'tasks']);
    expect(setLabel({ 'risk.target_rr': 2.5, 'synergy.cooldown_bars': 3 })).toBe('target_rr=2.5 · cooldown_bars=3');
    expect([baseName('/a/b/c.csv'), baseName('C:\\x\\y.csv'), baseName('z.csv'), baseName('store:/u/app.db#NQ')]).toEqual(['c.csv', 'y.csv', 'z.csv', 'NQ (stored)']);
  });
});
