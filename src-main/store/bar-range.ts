// The chart's range reads (issue 17 point 2): bars of one timeframe straight into Float64Array
// columns (no object per bar), optionally aggregated into buckets of `bucketMs` aligned to the
// epoch, streamed in time order (first open, max high, min low, last close, summed volume). A bucket
// length the store keeps pre-aggregated (bar-levels.ts) is read from there, not scanned.
import type { Db } from './db.ts';
import { aggregateRows, columns, levelBuckets, levelRows, type F64Columns } from './bar-levels.ts';
import { bucketStart } from '../../src-shared/domain/bars.ts';

export interface RangeQuery { from?: number; to?: number; limit?: number; bucketMs?: number }
export type { F64Columns };

const MIN_T = -8.64e15, MAX_T = 8.64e15;

function shrink(c: F64Columns, n: number): F64Columns {
  return { t: c.t.slice(0, n), o: c.o.slice(0, n), h: c.h.slice(0, n), l: c.l.slice(0, n), c: c.c.slice(0, n), v: c.v.slice(0, n) };
}

/** The first stored bar start at or after `from` when the newest `limit` bars (or buckets) before `to` are wanted. */
function startOf(db: Db, instrumentId: number, tf: number, to: number, limit: number, bucketMs: number): number {
  if (bucketMs <= tf * 60_000) {
    const row = db.prepare('SELECT t FROM bars WHERE instrument_id = ? AND tf = ? AND t < ? ORDER BY t DESC LIMIT 1 OFFSET ?')
      .raw().get(instrumentId, tf, to, limit - 1) as number[] | undefined;
    return row ? row[0]! : MIN_T;
  }
  // buckets: walk back bucket by bucket over the stored (distinct) bucket starts
  const row = db.prepare('SELECT b FROM (SELECT DISTINCT (t - (t % ?)) AS b FROM bars WHERE instrument_id = ? AND tf = ? AND t < ? ORDER BY b DESC LIMIT ?) ORDER BY b LIMIT 1')
    .raw().get(bucketMs, instrumentId, tf, to, limit) as number[] | undefined;
  return row ? row[0]! : MIN_T;
}

/** Bars (or buckets) of [from, to), or the newest `limit` before `to`, as Float64Array columns. */
export function barRange(db: Db, instrumentId: number, tfMinutes: number, q: RangeQuery = {}): F64Columns {
  if (q.bucketMs !== undefined && q.from === undefined) {
    const kept = fromLevels(db, instrumentId, tfMinutes, q.bucketMs, q.to, q.limit);
    if (kept) return kept;
  }
  return scanRange(db, instrumentId, tfMinutes, q);
}

/**
 * Buckets up to `to` from the stored levels, the one `to` cuts (a replay clock) from its bars; null
 * when the store keeps no level of that length. The same values as the scan, bit for bit.
 */
function fromLevels(db: Db, instrumentId: number, tfMinutes: number, bucketMs: number, to?: number, limit?: number): F64Columns | null {
  if (!levelBuckets(tfMinutes).includes(bucketMs)) return null;
  const cut = to === undefined ? MAX_T : bucketStart(to, bucketMs);
  const tail = to !== undefined && cut < to ? scanRange(db, instrumentId, tfMinutes, { from: cut, to, bucketMs }) : columns(0);
  const left = limit === undefined ? undefined : limit - tail.t.length;
  if (left === 0) return tail;
  const head = levelRows(db, instrumentId, tfMinutes, bucketMs, cut, left);
  if (!head || tail.t.length === 0) return head;
  const out = columns(head.t.length + tail.t.length);
  for (const k of ['t', 'o', 'h', 'l', 'c', 'v'] as const) { out[k].set(head[k]); out[k].set(tail[k], head.t.length); }
  return out;
}

function scanRange(db: Db, instrumentId: number, tfMinutes: number, q: RangeQuery): F64Columns {
  const to = q.to ?? MAX_T;
  const bucket = q.bucketMs ?? 0;
  const from = q.from ?? (q.limit !== undefined ? startOf(db, instrumentId, tfMinutes, to, q.limit, bucket) : MIN_T);
  const count = db.prepare('SELECT COUNT(*) FROM bars WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ?')
    .raw().get(instrumentId, tfMinutes, from, to) as number[];
  let cap = count[0]!;
  if (q.limit !== undefined) cap = Math.min(cap, q.limit * Math.max(1, Math.ceil(bucket / (tfMinutes * 60_000))));
  const out = columns(cap);
  const rows = db.prepare('SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ? ORDER BY t LIMIT ?')
    .raw().iterate(instrumentId, tfMinutes, from, to, cap) as IterableIterator<number[]>;
  const n = aggregateRows(rows, bucket, out);
  const res = n === cap ? out : shrink(out, n);
  return q.limit !== undefined && q.from !== undefined && n > q.limit ? shrink(res, q.limit) : res;
}

/** True when bars of the timeframe are stored before `t`. */
export function barsBefore(db: Db, instrumentId: number, tfMinutes: number, t: number): boolean {
  return db.prepare('SELECT 1 FROM bars WHERE instrument_id = ? AND tf = ? AND t < ? LIMIT 1').get(instrumentId, tfMinutes, t) !== undefined;
}
