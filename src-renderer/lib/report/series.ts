// The report's curves as uPlot columns ([x, ...ys], null where a run has no value): equity and
// drawdown of one run or two, and the calibration points. x counts step bars, as the price chart
// counts bars, so nights, weekends and gaps in the data take no room. Two runs over overlapping
// dates share one axis (the union of their step bars, labelled by time); runs over different dates
// are laid over each other by step bar number from their starts.
import type { RunReport } from '../../../src-shared/report.ts';
import { rBins, type RBins } from './histogram.ts';

export type Col = (number | null)[];

export interface EquitySeries {
  /** 'time': x indexes `t` (the step bars' start times); 'step': x is the step bar number from each run's start */
  mode: 'time' | 'step';
  x: number[];
  /** 'time': the start (UTC ms) of the step bar at each x; 'step': empty */
  t: number[];
  /** per run: equity (money) at each x */
  equity: Col[];
  /** per run: drawdown from the running peak at each x, as a negative amount (a fall plots downward) */
  drawdown: Col[];
}

type Curve = RunReport['equity'];

const overlap = (a: Curve, b: Curve): boolean =>
  a.t.length > 0 && b.t.length > 0 && a.t[0]! <= b.t[b.t.length - 1]! && b.t[0]! <= a.t[a.t.length - 1]!;

const down = (d: number): number => (d === 0 ? 0 : -Math.abs(d));

/** Equity and drawdown of `a` (and `b`) on one x axis. */
export function equitySeries(a: RunReport, b: RunReport | null): EquitySeries {
  const curves = b ? [a.equity, b.equity] : [a.equity];
  if (b && !overlap(a.equity, b.equity) && a.equity.t.length > 0 && b.equity.t.length > 0) return byStep(curves);
  // merge the (ascending) step bar times of the runs into one axis
  const times = [...new Set(curves.flatMap((c) => c.t))].sort((p, q) => p - q);
  const at = new Map(times.map((t, i) => [t, i]));
  const equity = curves.map(() => new Array<number | null>(times.length).fill(null));
  const drawdown = curves.map(() => new Array<number | null>(times.length).fill(null));
  curves.forEach((c, k) => c.t.forEach((t, j) => {
    const i = at.get(t)!;
    equity[k]![i] = c.equity[j] ?? null;
    drawdown[k]![i] = c.drawdown[j] === undefined ? null : down(c.drawdown[j]!);
  }));
  return { mode: 'time', x: times.map((_, i) => i), t: times, equity, drawdown };
}

function byStep(curves: Curve[]): EquitySeries {
  const n = Math.max(...curves.map((c) => c.t.length));
  const pad = (v: readonly number[], f: (x: number) => number): Col => Array.from({ length: n }, (_, i) => (i < v.length ? f(v[i]!) : null));
  return {
    mode: 'step',
    x: Array.from({ length: n }, (_, i) => i),
    t: [],
    equity: curves.map((c) => pad(c.equity, (v) => v)),
    drawdown: curves.map((c) => pad(c.drawdown, down)),
  };
}

/** The R histogram of the runs' trades on shared bins. */
export function rHistogram(a: RunReport, b: RunReport | null): RBins {
  return rBins(b ? [a.trades_list.map((t) => t.r), b.trades_list.map((t) => t.r)] : [a.trades_list.map((t) => t.r)]);
}

export interface CalibrationSeries {
  /** mean p of the bins of either run, ascending */
  x: number[];
  /** per run: hit rate at each x (null: that run has no bin there) */
  hit: Col[];
  /** per run: synergies in the bin at each x */
  n: Col[];
}

/** Calibration points (mean p against hit rate) of `a` (and `b`) on one x axis; empty bins are left out. */
export function calibrationSeries(a: RunReport, b: RunReport | null): CalibrationSeries {
  const runs = (b ? [a, b] : [a]).map((r) => r.calibration.filter((c) => c.n > 0));
  const x = [...new Set(runs.flatMap((bins) => bins.map((c) => c.mean_p)))].sort((p, q) => p - q);
  const at = new Map(x.map((v, i) => [v, i]));
  const hit = runs.map(() => new Array<number | null>(x.length).fill(null));
  const n = runs.map(() => new Array<number | null>(x.length).fill(null));
  runs.forEach((bins, k) => bins.forEach((c) => {
    const i = at.get(c.mean_p)!;
    hit[k]![i] = c.hit_rate;
    n[k]![i] = c.n;
  }));
  return { x, hit, n };
}
