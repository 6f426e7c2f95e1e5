// The chart's data commands (bars.get, bars.range, indicators.get, indicators.range), answered from the store and cut at the replay
// clock while a replay of the symbol is loaded (visible.ts): a reload never shows the future.
import { fail, ok, type Result } from '../../src-shared/result.ts';
import type { Req, Value } from '../../src-shared/ipc.ts';
import { TIMEFRAME_MINUTES, type Timeframe } from '../../src-shared/domain/bars.ts';
import type { Db } from '../store/db.ts';
import { storedInstrument } from '../store/instruments.ts';
import { getBars } from '../store/bars.ts';
import { barRange, barsBefore, type F64Columns } from '../store/bar-range.ts';
import { getFvgZones, getIndicatorValues, getIndicatorValuesPerBucket, nthNewestIndicatorT } from '../store/indicator-values.ts';
import { barsUntil, knownEnd, rowsUntil, zonesUntil } from './visible.ts';

type IndicatorRows = ReturnType<typeof getIndicatorValues>;

interface Deps {
  db: () => Db;
  /** the replay clock while a replay of the symbol is loaded, else +∞ */
  until: (symbol: string) => number;
}

export function dataHandlers(d: Deps): {
  'bars.get': (req: Req<'bars.get'>) => Result<Value<'bars.get'>>;
  'bars.range': (req: Req<'bars.range'>) => Result<Value<'bars.range'>>;
  'indicators.get': (req: Req<'indicators.get'>) => Result<Value<'indicators.get'>>;
  'indicators.range': (req: Req<'indicators.range'>) => Result<Value<'indicators.range'>>;
} {
  const unknown = (symbol: string) => fail('unknown-symbol', `no stored data for '${symbol}'`, { field: 'symbol', got: symbol });
  return {
    'bars.get': (req) => {
      const db = d.db(), inst = storedInstrument(db, req.symbol);
      if (!inst) return unknown(req.symbol);
      const m = TIMEFRAME_MINUTES[req.timeframe], until = d.until(inst.symbol);
      const bars = getBars(db, inst.id, m, { from: req.from, to: knownEnd(req.to, m * 60_000, until), limit: req.limit });
      return ok({ symbol: inst.symbol, timeframe: req.timeframe, bars: barsUntil(bars, m * 60_000, until) });
    },
    'bars.range': (req) => {
      const db = d.db(), inst = storedInstrument(db, req.symbol);
      if (!inst) return unknown(req.symbol);
      const m = TIMEFRAME_MINUTES[req.timeframe], tfMs = m * 60_000;
      if (req.bucket !== undefined && req.bucket % tfMs !== 0) {
        return fail('bad-request', `bucket must be a multiple of ${tfMs} ms (${req.timeframe})`, { field: 'bucket', got: String(req.bucket) });
      }
      const to = knownEnd(req.to, tfMs, d.until(inst.symbol));
      const cols = barRange(db, inst.id, m, { from: req.from, to, limit: req.limit, bucketMs: req.bucket });
      const n = cols.t.length;
      const first = n > 0 ? cols.t[0]! : to ?? Infinity;
      const more = Number.isFinite(first) ? barsBefore(db, inst.id, m, first) : false;
      return ok({ symbol: inst.symbol, timeframe: req.timeframe, bucket: req.bucket ?? tfMs, n, more, cols: ownColumns(cols) });
    },
    'indicators.get': (req) => {
      const db = d.db(), inst = storedInstrument(db, req.symbol);
      if (!inst) return unknown(req.symbol);
      const until = d.until(inst.symbol);
      const newest = req.limit !== undefined && req.from === undefined;
      const frames = coarserFrames(req.timeframe).map((tf) => {
        // the newest `limit` rows are found by index: only they are read and parsed
        let rows = knownRows(db, inst.id, tf, newest ? newestRows(db, inst.id, tf, req, until, req.limit!) : req, until);
        if (newest) rows = rows.slice(-req.limit!);
        const series: Record<string, (number | null)[]> = {};
        for (const [i, r] of rows.entries()) {
          for (const [k, v] of Object.entries(r.data)) (series[k] ??= new Array(rows.length).fill(null))[i] = v;
        }
        return { timeframe: tf, t: rows.map((r) => r.t), series };
      });
      return ok({ symbol: inst.symbol, frames, fvgZones: zonesUntil(getFvgZones(db, inst.id, req.from, req.to), until) });
    },
    'indicators.range': (req) => {
      const db = d.db(), inst = storedInstrument(db, req.symbol);
      if (!inst) return unknown(req.symbol);
      const until = d.until(inst.symbol);
      if (req.bucket !== undefined && req.limit !== undefined) {
        return fail('bad-request', 'indicators.range takes `bucket` or `limit`, not both', { field: 'limit', expected: 'no limit with a bucket', got: String(req.limit) });
      }
      const { from, more } = req.limit === undefined ? { from: req.from, more: undefined } : newestFrom(db, inst.id, req, until, req.limit);
      const frames = coarserFrames(req.timeframe).map((tf) => {
        if (req.bucket !== undefined) return frameColumns(tf, bucketRows(db, inst.id, tf, req.bucket, req, until), req.columns);
        // with a limit, a coarser frame from its bar that holds `from` on
        const q = req.limit === undefined || from === undefined ? req : { from: from - TIMEFRAME_MINUTES[tf] * 60_000 + 1, to: req.to };
        return frameColumns(tf, knownRows(db, inst.id, tf, q, until), req.columns);
      });
      return ok({ symbol: inst.symbol, frames, fvgZones: zonesUntil(getFvgZones(db, inst.id, from, req.to), until), ...(more === undefined ? {} : { more }) });
    },
  };
}

/**
 * `indicators.range` with a limit: the start of the `limit`-th newest row of the finest frame known by
 * the clock (within [from, to)), and whether older rows were left out.
 */
function newestFrom(db: Db, instrumentId: number, req: Req<'indicators.range'>, until: number, limit: number): { from: number | undefined; more: boolean } {
  const tf = coarserFrames(req.timeframe)[0]!;
  const t = nthNewestKnownT(db, instrumentId, tf, req.to, until, limit);
  if (t === null || (req.from !== undefined && t < req.from)) return { from: req.from, more: false };
  const older = nthNewestIndicatorT(db, instrumentId, TIMEFRAME_MINUTES[tf], 1, t);
  return { from: t, more: older !== null && (req.from === undefined || older >= req.from) };
}

/** [from, to) that holds the newest `limit` rows of `tf` known by the clock `until` (all when fewer). */
function newestRows(db: Db, instrumentId: number, tf: Timeframe, req: { to?: number }, until: number, limit: number): { from?: number; to?: number } {
  return { from: nthNewestKnownT(db, instrumentId, tf, req.to, until, limit) ?? undefined, to: req.to };
}

/** Start of the `n`-th newest row of `tf` before `to` whose bar has ended by the clock `until` (null: fewer rows). */
function nthNewestKnownT(db: Db, instrumentId: number, tf: Timeframe, to: number | undefined, until: number, n: number): number | null {
  return nthNewestIndicatorT(db, instrumentId, TIMEFRAME_MINUTES[tf], n, knownEnd(to, TIMEFRAME_MINUTES[tf] * 60_000, until));
}

/** Stored indicator rows of `tf` in [from, to) whose bar has ended by the replay clock `until`. */
function knownRows(db: Db, instrumentId: number, tf: Timeframe, q: { from?: number; to?: number }, until: number): IndicatorRows {
  return rowsUntil(getIndicatorValues(db, instrumentId, TIMEFRAME_MINUTES[tf], q.from, q.to), TIMEFRAME_MINUTES[tf] * 60_000, until);
}

/** The newest row of `tf` known by each bucket's end (the overview's overlays), cut at the replay clock `until`. */
function bucketRows(db: Db, instrumentId: number, tf: Timeframe, bucketMs: number, q: { from?: number; to?: number }, until: number): IndicatorRows {
  const m = TIMEFRAME_MINUTES[tf];
  return getIndicatorValuesPerBucket(db, instrumentId, m, bucketMs, q.from, knownEnd(q.to, m * 60_000, until));
}

/** One frame of `indicators.range`: its rows' starts and the asked columns it carries (NaN = no value). */
function frameColumns(tf: Timeframe, rows: IndicatorRows, columns: readonly string[]): Value<'indicators.range'>['frames'][number] {
  const t = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) t[i] = rows[i]!.t;
  const cols: Record<string, Float64Array> = {};
  for (const name of columns) {
    if (!rows.some((r) => name in r.data)) continue; // a column of another timeframe
    const c = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) c[i] = rows[i]!.data[name] ?? NaN;
    cols[name] = c;
  }
  return { timeframe: tf, n: rows.length, t, cols };
}

/** Frames of the chart's timeframe and coarser ones (the chart places each value at its bar end). */
const coarserFrames = (tf: Timeframe) => (['5m', '30m'] as const).filter((f) => TIMEFRAME_MINUTES[f] >= TIMEFRAME_MINUTES[tf]);

/** A column that owns its whole buffer: structured clone copies a view's entire buffer, not the view. */
const own = (a: Float64Array): Float64Array => (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : a.slice());

function ownColumns(c: F64Columns): Value<'bars.range'>['cols'] {
  return { t: own(c.t), o: own(c.o), h: own(c.h), l: own(c.l), c: own(c.c), v: own(c.v) };
}
