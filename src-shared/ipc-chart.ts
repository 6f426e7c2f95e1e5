// The chart's range command (issue 17 point 2), named in ipc.ts: bars of [from, to) — or the newest
// `limit` before `to` — as typed-array columns: Float64Arrays, which Electron IPC carries as they are
// and the WebSocket as raw bytes in a binary message (binary-frame.ts): 8 bytes a value, never one
// JSON object per bar. `bucket` (ms, a multiple of the
// timeframe) aggregates bars per bucket aligned to the epoch: first open, max high, min low, last
// close, summed volume, labelled by the bucket's first bar. Buckets of 16, 256 or 4,096 bars of the
// timeframe (without `from`) come from the store's pre-aggregated levels, the others from the bars.
import { z } from './zod.ts';
import { result } from './result.ts';
import { TIMEFRAMES } from './domain/bars.ts';

const Num = z.number().finite();
/** a column of numbers (NaN where a value is missing) */
const F64 = z.custom<Float64Array>((v) => v instanceof Float64Array, { message: "expected a Float64Array column" });

export const BAR_RANGE_MAX = 1_000_000;

export const barsRangeCommand = {
  req: z.object({
    symbol: z.string().min(1).max(32),
    timeframe: z.enum(TIMEFRAMES),
    from: Num.optional(),
    /** exclusive */
    to: Num.optional(),
    /** without `from`: the newest `limit` bars (or buckets) before `to` */
    limit: z.number().int().positive().max(BAR_RANGE_MAX).optional(),
    bucket: z.number().int().positive().optional(),
  }).strict(),
  res: result(z.object({
    symbol: z.string(),
    timeframe: z.enum(TIMEFRAMES),
    /** ms per item: the timeframe's, or the bucket asked for */
    bucket: Num,
    n: z.number().int().nonnegative(),
    /** true when stored (visible) bars exist before the first item */
    more: z.boolean(),
    cols: z.object({ t: F64, o: F64, h: F64, l: F64, c: F64, v: F64 }),
  })),
};

export type RangeColumns = { t: Float64Array; o: Float64Array; h: Float64Array; l: Float64Array; c: Float64Array; v: Float64Array };

export const FvgZone = z.object({
  dir: z.union([z.literal(1), z.literal(-1)]),
  lower: Num,
  upper: Num,
  /** start of the 5m bar that flagged the gap */
  from: Num,
  /** start of the 5m bar on which the gap ended; null while active */
  to: Num.nullable(),
  end: z.enum(['mitigated', 'invalidated', 'expired']).nullable(),
});

/** Indicator columns of one timeframe: `t` and each asked column (NaN = no value). */
const IndicatorColumns = z.object({
  timeframe: z.enum(TIMEFRAMES),
  n: z.number().int().nonnegative(),
  t: F64,
  cols: z.record(z.string(), F64),
});

/**
 * The chart's indicator values (issue 17 point 2): like `indicators.get` (the chart's timeframe and
 * coarser indicator frames, cut at the replay clock) but only the `columns` asked for, as typed-array
 * columns — never one JSON number per value — and with no row limit: all history is reachable.
 */
export const indicatorsRangeCommand = {
  req: z.object({
    symbol: z.string().min(1).max(32),
    timeframe: z.enum(TIMEFRAMES),
    from: Num.optional(),
    /** exclusive */
    to: Num.optional(),
    columns: z.array(z.string().min(1).max(64)).min(1).max(128),
    /** only the newest `limit` rows of the finest frame (and the coarser frames' rows from there on) */
    limit: z.number().int().positive().max(1_000_000).optional(),
    /**
     * ms: of each frame only the newest row known by the end of each bucket aligned to the epoch (a
     * chart of such buckets, the overview, draws its overlays from these: one value a bucket); not
     * with `limit`
     */
    bucket: z.number().int().positive().optional(),
  }).strict(),
  res: result(z.object({
    symbol: z.string(), frames: z.array(IndicatorColumns), fvgZones: z.array(FvgZone),
    /** with `limit`: older rows were left out */
    more: z.boolean().optional(),
  })),
};
