// What a replay of an instrument reads: the finest stored rows (trade ticks, else the finest bars),
// their time range, in pages of typed-array chunks; and the identity of the stored data (the
// imports behind it), for the run fingerprint.
import type { Db } from './handles.ts';
import { readTicks, tickRange, type TickCursor } from './ticks.ts';
import { TIMEFRAMES, TIMEFRAME_MINUTES } from '../../src-shared/domain/bars.ts';
import type { FeedChunk } from '../../src-shared/domain/chunks.ts';

export interface StoredRows {
  kind: 'ticks' | 'bars';
  instrumentId: number;
  /** row period in minutes, 0 for ticks */
  inputMinutes: number;
  /** first row's time; end of the data (last tick, or the last bar's end) */
  first: number;
  last: number;
}

/** The finest rows stored for an instrument, or null when it has none. */
export function finestRows(db: Db, instrumentId: number): StoredRows | null {
  const ticks = tickRange(db, instrumentId);
  if (ticks.count > 0) return { kind: 'ticks', instrumentId, inputMinutes: 0, first: ticks.first!, last: ticks.last! };
  const stmt = db.prepare('SELECT COUNT(*) AS n, MIN(t) AS first, MAX(t) AS last FROM bars WHERE instrument_id = ? AND tf = ?');
  for (const tf of TIMEFRAMES) {
    const m = TIMEFRAME_MINUTES[tf];
    const r = stmt.get(instrumentId, m) as { n: number; first: number | null; last: number | null };
    if (r.n > 0) return { kind: 'bars', instrumentId, inputMinutes: m, first: r.first!, last: r.last! + m * 60_000 };
  }
  return null;
}

/** The next page of rows after `after` (ticks: a tick cursor; bars: `after.t` is the last bar start read). */
export function readRows(db: Db, src: StoredRows, after: TickCursor, limit: number): { chunk: FeedChunk; last: TickCursor } {
  if (src.kind === 'ticks') return readTicks(db, src.instrumentId, after, limit);
  const rows = db.prepare('SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t > ? ORDER BY t LIMIT ?')
    .raw().all(src.instrumentId, src.inputMinutes, after.t, limit) as number[][];
  const n = rows.length;
  const chunk: FeedChunk = { kind: 'bars', n, t: new Float64Array(n), o: new Float64Array(n), h: new Float64Array(n), l: new Float64Array(n), c: new Float64Array(n), v: new Float64Array(n) };
  rows.forEach((r, i) => { chunk.t[i] = r[0]!; chunk.o[i] = r[1]!; chunk.h[i] = r[2]!; chunk.l[i] = r[3]!; chunk.c[i] = r[4]!; chunk.v[i] = r[5]!; });
  return { chunk, last: n > 0 ? { t: chunk.t[n - 1]!, importId: -1, seq: -1 } : after };
}

/** The stored data's identity: the content hashes of the instrument's imports, in order. */
export function storedDataId(db: Db, instrumentId: number): string {
  const rows = db.prepare('SELECT sha256 FROM imports WHERE instrument_id = ? ORDER BY sha256').all(instrumentId) as { sha256: string }[];
  return rows.map((r) => r.sha256).join(',');
}

/** Start of the 30m bar `offset` bars before the last one starting before `t` (MMD warm-up), or null. */
export function thirtyMinuteBarBefore(db: Db, instrumentId: number, t: number, offset: number): number | null {
  const r = db.prepare('SELECT t FROM bars WHERE instrument_id = ? AND tf = 30 AND t < ? ORDER BY t DESC LIMIT 1 OFFSET ?')
    .get(instrumentId, t, offset) as { t: number } | undefined;
  return r ? r.t : null;
}
