import type { Db, WriteDb } from './db.ts';
import { BATCH_ROWS, batchInsert } from './statements.ts';
import type { IndicatorRow } from '../../src-shared/domain/indicators.ts';

// Re-exported for the indicator stages, the pipeline and the indicators CLI, which import it from here
// (drop once they import src-shared/domain/indicators.ts).
export type { IndicatorRow };

/** Insert or replace the indicator values of bars of one timeframe (caller holds the transaction). */
export function upsertIndicatorValues(db: WriteDb, instrumentId: number, tfMinutes: number, configHash: string, rows: readonly { t: number; data: IndicatorRow }[]): void {
  const args: unknown[] = [];
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const n = Math.min(BATCH_ROWS, rows.length - i);
    args.length = n * 5;
    for (let k = 0; k < n; k++) {
      const r = rows[i + k]!, o = k * 5;
      args[o] = instrumentId; args[o + 1] = tfMinutes; args[o + 2] = r.t; args[o + 3] = configHash; args[o + 4] = JSON.stringify(r.data);
    }
    batchInsert(db, 'INSERT OR REPLACE INTO indicator_values (instrument_id, tf, t, config_hash, data)', 5, n).run(args);
  }
}

export function deleteIndicatorValues(db: WriteDb, instrumentId: number): void {
  db.prepare('DELETE FROM indicator_values WHERE instrument_id = ?').run(instrumentId);
  db.prepare('DELETE FROM fvg_zones WHERE instrument_id = ?').run(instrumentId);
}

/** Start of the `n`-th newest row of a timeframe before `to` (exclusive), or null when it has fewer rows. */
export function nthNewestIndicatorT(db: Db, instrumentId: number, tfMinutes: number, n: number, to = 8.64e15): number | null {
  const row = db.prepare('SELECT t FROM indicator_values WHERE instrument_id = ? AND tf = ? AND t < ? ORDER BY t DESC LIMIT 1 OFFSET ?')
    .raw().get(instrumentId, tfMinutes, to, n - 1) as [number] | undefined;
  return row ? row[0] : null;
}

/** Values in time order for [from, to). */
export function getIndicatorValues(db: Db, instrumentId: number, tfMinutes: number, from = -8.64e15, to = 8.64e15): { t: number; data: IndicatorRow }[] {
  const rows = db.prepare('SELECT t, data FROM indicator_values WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ? ORDER BY t')
    .raw().all(instrumentId, tfMinutes, from, to) as [number, string][];
  return rows.map(([t, data]) => ({ t, data: JSON.parse(data) as IndicatorRow }));
}

/**
 * One row per bucket: of the rows whose bar ends in (b, b + bucketMs] — known by the end of the epoch-aligned
 * bucket starting at b and not before its start — the newest, in time order ([from, to) by bar start).
 * A chart of buckets (the overview) places exactly these: its overlays decimated to one value a bucket.
 */
export function getIndicatorValuesPerBucket(db: Db, instrumentId: number, tfMinutes: number, bucketMs: number, from = -8.64e15, to = 8.64e15): { t: number; data: IndicatorRow }[] {
  const rows = db.prepare(`SELECT t, data FROM indicator_values WHERE instrument_id = ? AND tf = ? AND t IN (
      SELECT max(t) FROM indicator_values WHERE instrument_id = ? AND tf = ? AND t >= ? AND t < ?
      GROUP BY (t + CAST(? AS INTEGER)) / CAST(? AS INTEGER)) ORDER BY t`)
    .raw().all(instrumentId, tfMinutes, instrumentId, tfMinutes, from, to, tfMinutes * 60_000 - 1, bucketMs) as [number, string][];
  return rows.map(([t, data]) => ({ t, data: JSON.parse(data) as IndicatorRow }));
}

import type { FvgZone } from '../../src-shared/ipc.ts';

export function upsertFvgZones(db: WriteDb, instrumentId: number, zones: readonly FvgZone[]): void {
  const stmt = db.prepare('INSERT OR REPLACE INTO fvg_zones (instrument_id, from_t, dir, lower, upper, to_t, end_reason) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const z of zones) stmt.run(instrumentId, z.from, z.dir, z.lower, z.upper, z.to, z.end);
}

/** Zones alive at some point of [from, to): flagged before `to` and not ended before `from`. */
export function getFvgZones(db: Db, instrumentId: number, from = -8.64e15, to = 8.64e15): FvgZone[] {
  const rows = db.prepare(`SELECT from_t, dir, lower, upper, to_t, end_reason FROM fvg_zones
      WHERE instrument_id = ? AND from_t < ? AND (to_t IS NULL OR to_t >= ?) ORDER BY from_t, dir`)
    .raw().all(instrumentId, to, from) as [number, 1 | -1, number, number, number | null, FvgZone['end']][];
  return rows.map(([f, dir, lower, upper, t, end]) => ({ dir, lower, upper, from: f, to: t, end }));
}
