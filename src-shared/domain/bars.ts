// Bars are labelled by their start (UTC epoch ms) and become known at their end (SPEC §0).
export const TIMEFRAMES = ['1m', '5m', '30m'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];
export const TIMEFRAME_MINUTES: Record<Timeframe, number> = { '1m': 1, '5m': 5, '30m': 30 };

/** Bucket lengths, in bars of the timeframe, of the store's pre-aggregated levels (the chart's overview reads them). */
export const LEVEL_FACTORS = [16, 256, 4096] as const;

/** The start of the bucket of `ms` that holds `t`, buckets aligned to the epoch (negative times too). */
export const bucketStart = (t: number, ms: number): number => t - (((t % ms) + ms) % ms);

export function timeframeFromMinutes(m: number): Timeframe | null {
  for (const tf of TIMEFRAMES) if (TIMEFRAME_MINUTES[tf] === m) return tf;
  return null;
}

export interface Bar {
  /** bar start, UTC epoch ms */
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

/** Columnar bars, the shape the chart and the IPC use (no object per bar on the wire). */
export interface BarColumns {
  t: number[];
  o: number[];
  h: number[];
  l: number[];
  c: number[];
  v: number[];
}

export function emptyColumns(): BarColumns {
  return { t: [], o: [], h: [], l: [], c: [], v: [] };
}

export function pushBar(cols: BarColumns, b: Bar): void {
  cols.t.push(b.t); cols.o.push(b.o); cols.h.push(b.h); cols.l.push(b.l); cols.c.push(b.c); cols.v.push(b.v);
}
