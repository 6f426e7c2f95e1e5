// The chart's pyramid of pre-aggregated bars (issue 17 point 2), kept with the import: for every
// timeframe, buckets of 16, 256 and 4,096 bars' length aligned to the epoch — first open, max high,
// min low, last close, summed volume, labelled by the bucket's first bar — exactly what
// bar-range.ts's scan gives for the same bucket, so a zoomed-out chart of millions of bars reads a
// few thousand rows instead of them all. Refreshed over the span an import wrote (after its bars
// are stored, in its transaction); the tail bucket a replay clock cuts is left to the scan.
import type { Db, WriteDb } from './handles.ts';
import { batchInsert, BATCH_ROWS, cached } from './statements.ts';

/** Bars (or buckets) as typed columns, time order. */
export interface F64Columns { t: Float64Array; o: Float64Array; h: Float64Array; l: Float64Array; c: Float64Array; v: Float64Array }

/** bucket lengths in bars of the timeframe (powers of two: the chart's own level of detail nests in them) */
export const LEVEL_FACTORS = [16, 256, 4096] as const;
const WIDEST = LEVEL_FACTORS[LEVEL_FACTORS.length - 1]!;
const MIN = 60_000;

/** the bucket start of `t` for buckets of `ms`, aligned to the epoch (negative times too) */
export const bucketStart = (t: number, ms: number): number => t - (((t % ms) + ms) % ms);

/** Bucket lengths (ms) stored for a timeframe of `tfMinutes`. */
export function levelBuckets(tfMinutes: number): number[] {
  return LEVEL_FACTORS.map((f) => f * tfMinutes * MIN);
}

interface Open { b: number; t: number; o: number; h: number; l: number; c: number; v: number }

/**
 * Rebuilds the levels of one timeframe over every bucket that holds a bar start in [from, to] (the
 * span an import wrote; whole buckets of the widest level, so each level's buckets are whole too).
 * The caller holds the transaction. Returns the bars read.
 */
export function refreshBarLevels(db: WriteDb, instrumentId: number, tfMinutes: number, from: number, to: number): number {
  const wide = WIDEST * tfMinutes * MIN;
  const a = bucketStart(from, wide), b = bucketStart(to, wide) + wide;
  cached(db, 'DELETE FROM bar_levels WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ?').run(instrumentId, tfMinutes, a, b);
  const sizes = levelBuckets(tfMinutes);
  const open: (Open | null)[] = sizes.map(() => null);
  const rows: unknown[][] = [];
  const close = (k: number) => {
    const x = open[k];
    if (x) rows.push([instrumentId, tfMinutes, sizes[k]! / MIN, x.t, x.o, x.h, x.l, x.c, x.v]);
    open[k] = null;
  };
  // read whole (a slice of levelSlices: ~65,000 1m bars at most), faster than a cursor
  const bars = cached(db, 'SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ? ORDER BY t')
    .raw().all(instrumentId, tfMinutes, a, b) as number[][];
  let read = 0;
  for (const r of bars) {
    read++;
    const t = r[0]!;
    for (let k = 0; k < sizes.length; k++) {
      const bs = bucketStart(t, sizes[k]!);
      const x = open[k];
      if (x && x.b === bs) {
        if (r[2]! > x.h) x.h = r[2]!;
        if (r[3]! < x.l) x.l = r[3]!;
        x.c = r[4]!;
        x.v += r[5]!;
        continue;
      }
      close(k);
      open[k] = { b: bs, t, o: r[1]!, h: r[2]!, l: r[3]!, c: r[4]!, v: r[5]! };
    }
  }
  for (let k = 0; k < sizes.length; k++) close(k);
  insertRows(db, rows);
  return read;
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
export function rebuildAllBarLevels(db: WriteDb): void {
  const frames = db.prepare('SELECT instrument_id AS id, tf, MIN(t) AS first, MAX(t) AS last FROM bars GROUP BY instrument_id, tf')
    .all() as { id: number; tf: number; first: number; last: number }[];
  for (const f of frames) for (const [a, b] of levelSlices(f.tf, f.first, f.last)) refreshBarLevels(db, f.id, f.tf, a, b);
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
  const n = rows.length;
  const c: F64Columns = { t: new Float64Array(n), o: new Float64Array(n), h: new Float64Array(n), l: new Float64Array(n), c: new Float64Array(n), v: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    c.t[i] = r[0]!; c.o[i] = r[1]!; c.h[i] = r[2]!; c.l[i] = r[3]!; c.c[i] = r[4]!; c.v[i] = r[5]!;
  }
  return c;
}
