// Indicator values placed on the chart's bars (SPEC §1.6): a value of a bar with start S and
// timeframe T is known at S + T, so it belongs to the chart from the first chart bar whose end is
// >= S + T and holds (a step) until the next value. Event columns (signals, flags) appear only on
// that first bar. Built once per data change; the draw hooks only read the arrays.
import type { FvgZone } from '../../../src-shared/ipc.ts';
import type { FrameStore } from './frame-store.ts';
import { lowerBound } from '../search.ts';

const MIN = 60_000;
/** FVG zones are flagged and ended on 5m bars */
export const FVG_TF_MS = 5 * MIN;

/** Columns held from the bar they become known until the next value. */
export const STEP_COLUMNS = [
  'nwrqk', 'nwrqk_slope', 'mlmi', 'mlmi_ma', 'lvn_price', 'lvn_strength', 'lvn_poc',
  'mmd_0', 'mmd_1', 'mmd_2', 'mmd_3', 'mmd_4', 'mmd_5', 'mmd_6', 'mmd_22',
  'fvg_bull_active', 'fvg_bear_active', 'fvg_nearest_level', 'atr',
] as const;
/** Columns that are events of one bar (signals and flags). */
export const EVENT_COLUMNS = ['nwrqk_signal', 'mlmi_signal', 'fvg_bull', 'fvg_bear', 'fvg_mitigation'] as const;
export type ColumnName = (typeof STEP_COLUMNS)[number] | (typeof EVENT_COLUMNS)[number];

export interface AlignedZone {
  dir: 1 | -1;
  lower: number;
  upper: number;
  /** chart bar index where the zone becomes known */
  i0: number;
  /** chart bar index where it ended; Infinity while active */
  i1: number;
}

export interface Aligned {
  /** chart bars these columns were built for */
  n: number;
  cols: Record<ColumnName, Float64Array>;
  /** per column: true when its frame is coarser than the chart (drawn as steps) */
  coarse: Record<ColumnName, boolean>;
  zones: AlignedZone[];
  /** true when any column has a value */
  any: boolean;
}

/**
 * Fill `out[i]` (chart bar i with start chartT[i]) with the latest value of `src` known by the end
 * of that bar. `event`: only on the first chart bar at which a row is known (NaN elsewhere).
 */
export function alignColumn(chartT: ArrayLike<number>, chartTfMs: number, frameT: ArrayLike<number>, frameTfMs: number,
  src: ArrayLike<number>, out: Float64Array, event = false): void {
  const n = out.length;
  const m = frameT.length;
  let k = -1;
  for (let i = 0; i < n; i++) {
    const end = chartT[i]! + chartTfMs;
    const k0 = k;
    while (k + 1 < m && frameT[k + 1]! + frameTfMs <= end) k++;
    if (!event) {
      out[i] = k < 0 ? NaN : src[k]!;
      continue;
    }
    // several rows may become known on one chart bar (a gap in the chart's bars): keep a non-zero one
    let v = NaN;
    for (let j = k0 + 1; j <= k; j++) {
      const x = src[j]!;
      if (Number.isNaN(v) || (x !== 0 && !Number.isNaN(x))) v = x;
    }
    out[i] = v;
  }
}

/** Chart bar range of each FVG zone (known from the flagging bar's end, up to the bar it ended on). */
export function alignZones(chartT: ArrayLike<number>, chartTfMs: number, zones: Iterable<FvgZone>): AlignedZone[] {
  const n = chartT.length;
  const out: AlignedZone[] = [];
  if (n === 0) return out;
  const firstKnown = (t: number) => lowerBound(chartT, t + FVG_TF_MS - chartTfMs);
  for (const z of zones) {
    const i0 = firstKnown(z.from);
    if (i0 >= n) continue; // not on the chart yet
    const i1 = z.to === null ? Infinity : firstKnown(z.to);
    out.push({ dir: z.dir, lower: z.lower, upper: z.upper, i0, i1: i1 >= n ? Infinity : i1 });
  }
  out.sort((a, b) => a.i0 - b.i0);
  return out;
}

/** All displayed columns and the zones, for the chart bars `chartT` of timeframe `chartTfMs`. */
export function buildAligned(chartT: ArrayLike<number>, chartTfMs: number, frames: readonly FrameStore[], zones: Iterable<FvgZone>): Aligned {
  const n = chartT.length;
  const cols = {} as Record<ColumnName, Float64Array>;
  const coarse = {} as Record<ColumnName, boolean>;
  let any = false;
  const fill = (name: ColumnName, event: boolean) => {
    const out = new Float64Array(n).fill(NaN);
    // the finest frame that carries the column (and is not finer than the chart)
    const f = frames.filter((x) => x.tfMs >= chartTfMs && x.col(name) !== null).sort((a, b) => a.tfMs - b.tfMs)[0];
    if (f) {
      alignColumn(chartT, chartTfMs, f.t, f.tfMs, f.col(name)!, out, event);
      if (!any) any = out.some((v) => !Number.isNaN(v));
    }
    cols[name] = out;
    coarse[name] = f !== undefined && f.tfMs > chartTfMs;
  };
  for (const name of STEP_COLUMNS) fill(name, false);
  for (const name of EVENT_COLUMNS) fill(name, true);
  return { n, cols, coarse, zones: alignZones(chartT, chartTfMs, zones), any };
}
