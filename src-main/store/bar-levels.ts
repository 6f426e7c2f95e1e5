// The chart's pyramid of pre-aggregated bars (issue 17 point 2), kept with the import: for every
// timeframe, buckets of 16, 256 and 4,096 bars' length aligned to the epoch — first open, max high,
// min low, last close, summed volume, labelled by the bucket's first bar — exactly what
// bar-range.ts's scan gives for the same bucket, so a zoomed-out chart of millions of bars reads a
// few thousand rows instead of them all. Refreshed over the span an import wrote (after its bars
// are stored, in its transaction); the tail bucket a replay clock cuts is left to the scan.
import type { Db, WriteDb } from './handles.ts';
import { batchInsert, BATCH_ROWS, cached } from './statements.ts';
import { bucketStart, LEVEL_FACTORS } from '../../src-shared/domain/bars.ts';

/** Bars (or buckets) as typed columns, time order. */
export interface F64Columns { t: Float64Array; o: Float64Array; h: Float64Array; l: Float64Array; c: Float64Array; v: Float64Array }

/** Empty columns for `n` items. */
export function columns(n: number): F64Columns {
  return { t: new Float64Array(n), o: new Float64Array(n), h: new Float64Array(n), l: new Float64Array(n), c: new Float64Array(n), v: new Float64Array(n) };
}

/**
 * Bars (rows t o h l c v, time order) written to `out` from index 0 as buckets of `ms` aligned to the
 * epoch — first open, max high, min low, last close, summed volume, labelled by the first bar — or as
 * they are when `ms` is 0. Returns the items written. The one aggregation of the levels and of the
 * range reads' scan: both give the same bits.
 */
export function aggregateRows(rows: Iterable<number[]>, ms: number, out: F64Columns): number {
  let n = 0, cur = NaN;
  for (const r of rows) {
    const t = r[0]!;
    const b = ms > 0 ? bucketStart(t, ms) : t;
    if (b !== cur || ms <= 0) {
      out.t[n] = t; out.o[n] = r[1]!; out.h[n] = r[2]!; out.l[n] = r[3]!; out.c[n] = r[4]!; out.v[n] = r[5]!;
      n++;
      cur = b;
      continue;
    }
    const k = n - 1;
    if (r[2]! > out.h[k]!) out.h[k] = r[2]!;
    if (r[3]! < out.l[k]!) out.l[k] = r[3]!;
    out.c[k] = r[4]!;
    out.v[k] = out.v[k]! + r[5]!;
  }
  return n;
}

// LEVEL_FACTORS are powers of two: the chart's own level of detail nests in them
const WIDEST = LEVEL_FACTORS[LEVEL_FACTORS.length - 1]!;
const MIN = 60_000;

/** Bucket lengths (ms) stored for a timeframe of `tfMinutes`. */
export function levelBuckets(tfMinutes: number): number[] {
  return LEVEL_FACTORS.map((f) => f * tfMinutes * MIN);
}

/**
 * Rebuilds the levels of one timeframe over every bucket that holds a bar start in [from, to] (the
 * span an import wrote; whole buckets of the widest level, so each level's buckets are whole too).
 * The caller holds the transaction. Returns the bars read.
 */
export function refreshBarLevels(db: WriteDb, instrumentId: number, tfMinutes: number, from: number, to: number): number {
  const wide = WIDEST * tfMinutes * MIN;
  const a = bucketStart(from, wide), b = bucketStart(to, wide) + wide;
  cached(db, 'DELETE FROM bar_levels WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ?').run(instrumentId, tfMinutes, a, b);
  // read whole (a slice of levelSlices: ~65,000 1m bars at most), faster than a cursor
  const bars = cached(db, 'SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ? ORDER BY t')
    .raw().all(instrumentId, tfMinutes, a, b) as number[][];
  const rows: unknown[][] = [], out = columns(bars.length);
  for (const ms of levelBuckets(tfMinutes)) {
    const n = aggregateRows(bars, ms, out);
    for (let i = 0; i < n; i++) rows.push([instrumentId, tfMinutes, ms / MIN, out.t[i], out.o[i], out.h[i], out.l[i], out.c[i], out.v[i]]);
  }
  insertRows(db, rows);
  return bars.length;
}

function insertRows(db: WriteDb, rows: unknown[][]): void {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const n = Math.min(BATCH_ROWS, rows.length - i);
    batchInsert(db, 'INSERT INTO bar_levels (instrument_id, tf, size, t, o, h, l, c, v)', 9, n).run(rows.slice(i, i + n).flat());
  }
  rows.length = 0;
}

/** [from, to] in slices of whole widest buckets (a refresh's rows held at once stay few), for refreshBarLevels. */
export function* levelSlices(tfMinutes: number, from: number, to: number): Generator<[number, number]> {
  const slice = SLICE_BUCKETS * WIDEST * tfMinutes * MIN;
  for (let a = bucketStart(from, slice); a <= to; a += slice) yield [Math.max(a, from), Math.min(a + slice - 1, to)];
}
const SLICE_BUCKETS = 16;

/** Bars stored with start in [from, to] (a refresh's progress total). */
export function barsBetween(db: Db, instrumentId: number, tfMinutes: number, from: number, to: number): number {
  return (cached(db, 'SELECT COUNT(*) FROM bars WHERE instrument_id = ? AND tf = ? AND t >= ? AND t <= ?').raw().get(instrumentId, tfMinutes, from, to) as number[])[0]!;
}

/** Every stored (instrument, timeframe) rebuilt whole (a store made before the levels existed). */
export function rebuildAllBarLevels(db: WriteDb, progress?: (done: number, total: number) => void): void {
  const frames = db.prepare('SELECT instrument_id AS id, tf, MIN(t) AS first, MAX(t) AS last FROM bars GROUP BY instrument_id, tf')
    .all() as { id: number; tf: number; first: number; last: number }[];
  const slices = frames.flatMap((f) => [...levelSlices(f.tf, f.first, f.last)].map(([a, b]) => ({ f, a, b })));
  if (slices.length === 0) return;
  progress?.(0, slices.length);
  slices.forEach(({ f, a, b }, i) => {
    refreshBarLevels(db, f.id, f.tf, a, b);
    progress?.(i + 1, slices.length);
  });
}

/**
 * The stored buckets of `bucketMs` (one of levelBuckets) that start before `before`: all of them, or
 * the newest `limit`. Null when no level of that length is kept for the timeframe.
 */
export function levelRows(db: Db, instrumentId: number, tfMinutes: number, bucketMs: number, before: number, limit?: number): F64Columns | null {
  if (!levelBuckets(tfMinutes).includes(bucketMs)) return null;
  const sql = limit === undefined
    ? 'SELECT t, o, h, l, c, v FROM bar_levels WHERE instrument_id = ? AND tf = ? AND size = ? AND t < ? ORDER BY t LIMIT ?'
    : 'SELECT * FROM (SELECT t, o, h, l, c, v FROM bar_levels WHERE instrument_id = ? AND tf = ? AND size = ? AND t < ? ORDER BY t DESC LIMIT ?) ORDER BY t';
  const rows = cached(db, sql).raw().all(instrumentId, tfMinutes, bucketMs / MIN, before, limit ?? -1) as number[][];
  const c = columns(rows.length);
  aggregateRows(rows, 0, c); // as they are
  return c;
}
