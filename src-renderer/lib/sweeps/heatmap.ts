// The Sweeps panel's heat map: two swept keys on the axes, one metric as colour. Each cell holds the items
// (parameter sets or tasks) whose two values match; its value is the mean of their values that are defined
// (with more than two swept keys a cell spans several sets, one per combination of the other keys).
import type { SweepValue } from '../../../src-shared/sweep.ts';
import { sortRows } from './sort.ts';

export interface HeatItem { params: Readonly<Record<string, SweepValue>>; value: number | null }
export interface HeatCell {
  x: SweepValue; y: SweepValue;
  /** mean of the defined values; null: none is defined (no trades, say) or no item */
  value: number | null;
  /** items in the cell, and how many of them have a value */
  n: number; defined: number;
}
export interface HeatGrid {
  xs: SweepValue[]; ys: SweepValue[];
  /** rows[yi][xi] */
  rows: HeatCell[][];
  min: number | null; max: number | null;
}

/** The distinct values of a key, in order (numbers by value). */
export function axisValues(items: readonly HeatItem[], key: string): SweepValue[] {
  const seen = new Map<string, SweepValue>();
  for (const it of items) {
    const v = it.params[key] ?? null;
    seen.set(JSON.stringify(v), v);
  }
  return sortRows([...seen.values()], (v) => v, 'asc');
}

export function heatGrid(items: readonly HeatItem[], xKey: string, yKey: string): HeatGrid {
  const xs = axisValues(items, xKey), ys = axisValues(items, yKey);
  const xi = new Map(xs.map((v, i) => [JSON.stringify(v), i])), yi = new Map(ys.map((v, i) => [JSON.stringify(v), i]));
  const sums = ys.map(() => xs.map(() => ({ n: 0, defined: 0, sum: 0 })));
  for (const it of items) {
    const c = sums[yi.get(JSON.stringify(it.params[yKey] ?? null))!]![xi.get(JSON.stringify(it.params[xKey] ?? null))!]!;
    c.n++;
    if (it.value !== null && Number.isFinite(it.value)) { c.defined++; c.sum += it.value; }
  }
  let min: number | null = null, max: number | null = null;
  const rows = sums.map((row, r) => row.map((c, x): HeatCell => {
    const value = c.defined > 0 ? c.sum / c.defined : null;
    if (value !== null) { min = min === null ? value : Math.min(min, value); max = max === null ? value : Math.max(max, value); }
    return { x: xs[x]!, y: ys[r]!, value, n: c.n, defined: c.defined };
  }));
  return { xs, ys, rows, min, max };
}

type Rgb = readonly [number, number, number];
const RED: Rgb = [214, 69, 65], MID: Rgb = [58, 64, 74], GREEN: Rgb = [46, 160, 67], LOW: Rgb = [33, 58, 94], HIGH: Rgb = [88, 166, 255];

function mix(a: Rgb, b: Rgb, t: number): string {
  const c = a.map((x, i) => Math.round(x + (b[i]! - x) * Math.min(1, Math.max(0, t))));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/**
 * A value's colour. `signed` metrics (R, money) diverge around zero: red below, green above, grey at 0,
 * scaled by the larger magnitude so that equal gains and losses look alike. Others run dark → light blue over [min, max].
 */
export function heatColor(v: number | null, min: number | null, max: number | null, signed: boolean): string {
  if (v === null || min === null || max === null) return 'transparent';
  if (signed) {
    const m = Math.max(Math.abs(min), Math.abs(max));
    if (m === 0) return mix(MID, MID, 0);
    return v < 0 ? mix(MID, RED, -v / m) : mix(MID, GREEN, v / m);
  }
  return max === min ? mix(LOW, HIGH, 1) : mix(LOW, HIGH, (v - min) / (max - min));
}
