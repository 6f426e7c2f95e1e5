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
  /**
   * per column, the values on the chart's bars, for drawing: single precision (a 24-bit mantissa is
   * far finer than a pixel) and built on first read (a million-bar chart holds only the columns it
   * draws); read a value shown as a number with `at`
   */
  cols: Record<ColumnName, Float32Array>;
  /** per column: true when its frame is coarser than the chart (drawn as steps) */
  coarse: Record<ColumnName, boolean>;
  zones: AlignedZone[];
  /** true when any column has a value */
  any: boolean;
  /** the value of `name` on chart bar i (what `cols[name][i]` holds), without building the column */
  at(name: ColumnName, i: number): number;
}

/**
 * Fill `out[i]` (chart bar i with start chartT[i]) with the latest value of `src` known by the end
 * of that bar. `event`: only on the first chart bar at which a row is known (NaN elsewhere).
 */
export function alignColumn(chartT: ArrayLike<number>, chartTfMs: number, frameT: ArrayLike<number>, frameTfMs: number,
  src: ArrayLike<number>, out: Float64Array, event = false): void {
  const map = knownRows(chartT, chartTfMs, frameT, frameTfMs);
  for (let i = 0; i < out.length; i++) out[i] = valueAt(map, src, i, event);
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

const EVENTS: ReadonlySet<string> = new Set(EVENT_COLUMNS);

/**
 * `map[i]`: the last row of the frame known by the end of chart bar i (-1: none yet) — the row
 * pointer of `alignColumn`, computed once per frame instead of once per column.
 */
export function knownRows(chartT: ArrayLike<number>, chartTfMs: number, frameT: ArrayLike<number>, frameTfMs: number): Int32Array {
  const n = chartT.length, m = frameT.length;
  const map = new Int32Array(n);
  let k = -1;
  for (let i = 0; i < n; i++) {
    const end = chartT[i]! + chartTfMs;
    while (k + 1 < m && frameT[k + 1]! + frameTfMs <= end) k++;
    map[i] = k;
  }
  return map;
}

/** The value of chart bar i from the rows known by then (`alignColumn`'s rule, one bar). */
function valueAt(map: Int32Array, src: ArrayLike<number>, i: number, event: boolean): number {
  const k = map[i]!;
  if (!event) return k < 0 ? NaN : src[k]!;
  let v = NaN;
  for (let j = (i > 0 ? map[i - 1]! : -1) + 1; j <= k; j++) {
    const x = src[j]!;
    if (Number.isNaN(v) || (x !== 0 && !Number.isNaN(x))) v = x;
  }
  return v;
}

/**
 * All displayed columns (built on first read) and the zones, for the chart bars `chartT` of timeframe
 * `chartTfMs`. `decimated`: the chart's items are buckets (the overview) and the frames hold one row a
 * bucket (`indicators.range` with `bucket`), so frames finer than the items are placed too.
 */
export function buildAligned(chartT: ArrayLike<number>, chartTfMs: number, frames: readonly FrameStore[], zones: Iterable<FvgZone>, decimated = false): Aligned {
  const n = chartT.length;
  const maps = new Map<FrameStore, Int32Array>();
  const mapOf = (f: FrameStore) => {
    let m = maps.get(f);
    if (!m) { m = knownRows(chartT, chartTfMs, f.t, f.tfMs); maps.set(f, m); }
    return m;
  };
  // per column, the finest frame that carries it (and is not finer than the chart)
  const source = new Map<ColumnName, FrameStore>();
  const cols = {} as Record<ColumnName, Float32Array>;
  const coarse = {} as Record<ColumnName, boolean>;
  let any = false;
  for (const name of [...STEP_COLUMNS, ...EVENT_COLUMNS]) {
    const f = frames.filter((x) => (decimated || x.tfMs >= chartTfMs) && x.col(name) !== null).sort((a, b) => a.tfMs - b.tfMs)[0];
    if (f) source.set(name, f);
    coarse[name] = f !== undefined && f.tfMs > chartTfMs;
    if (!any && f && n > 0) any = hasValue(f.col(name)!, mapOf(f)[n - 1]!);
    Object.defineProperty(cols, name, {
      enumerable: true, configurable: true,
      get: () => {
        const out = new Float32Array(n).fill(NaN);
        if (f) {
          const map = mapOf(f), src = f.col(name)!, event = EVENTS.has(name);
          for (let i = 0; i < n; i++) out[i] = valueAt(map, src, i, event);
        }
        Object.defineProperty(cols, name, { value: out, enumerable: true });
        return out;
      },
    });
  }
  const at = (name: ColumnName, i: number): number => {
    const f = source.get(name);
    return f && i >= 0 && i < n ? valueAt(mapOf(f), f.col(name)!, i, EVENTS.has(name)) : NaN;
  };
  return { n, cols, coarse, zones: alignZones(chartT, chartTfMs, zones), any, at };
}

/** True when a row up to `last` has a value. */
function hasValue(src: ArrayLike<number>, last: number): boolean {
  for (let k = 0; k <= last; k++) if (!Number.isNaN(src[k]!)) return true;
  return false;
}
