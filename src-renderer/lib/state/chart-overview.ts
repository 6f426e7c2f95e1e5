// The chart's overview (issue 17 point 2): a history longer than the chart holds (ChartData.cap) is
// still seen whole when zoomed out. Once the view shows nearly all the bars held while more are
// stored, the chart holds buckets of the whole history instead — the store's pre-aggregated levels
// (16, 256 or 4,096 bars' length, bar-levels.ts), the finest whose buckets fit in cap/2 — and goes
// back to bars (cap/2 either side of the view's middle) once zoomed in to cap/4 bars' span.
import type { Req, Res, Value } from '../../../src-shared/ipc.ts';
import { LEVEL_FACTORS, type Timeframe } from '../../../src-shared/domain/bars.ts';
/** the overview starts once the view shows this share of the bars held while more history is stored */
const ENTER_SHARE = 0.9;

type Range = Value<'bars.range'>;
/** the part of the renderer's Api used here (api.ts: its `call`) */
export interface RangeApi { call(name: 'bars.range', req: Req<'bars.range'>): Promise<Res<'bars.range'>> }
/** an answer as the engine's: its value, or the problem (its message shown) */
export type Loaded<T> = { ok: true; value: T } | { ok: false; problem: { message: string } };

/** True when the view [lo, hi] over `n` bars held (more stored beyond) should become the overview. */
export function wantsOverview(lo: number, hi: number, n: number, moreStored: boolean): boolean {
  return moreStored && n > 0 && hi - lo >= ENTER_SHARE * n;
}

/** True when the overview's view [lo, hi] (buckets of `perBucket` bars) is zoomed in far enough for bars. */
export function wantsBars(lo: number, hi: number, perBucket: number, cap: number): boolean {
  return (hi - lo) * perBucket <= cap / 4;
}

/** The whole history as buckets: the finest kept level with at most cap/2 of them (else the coarsest, its newest cap/2). */
export async function loadOverview(api: RangeApi, symbol: string, timeframe: Timeframe, tfMs: number, cap: number): Promise<Loaded<Range>> {
  let last: Range | null = null;
  for (const f of LEVEL_FACTORS) {
    const res = await api.call('bars.range', { symbol, timeframe, bucket: f * tfMs, limit: Math.max(1, Math.floor(cap / 2)) });
    if (!res.ok) return res;
    last = res.value;
    if (!res.value.more) break;
  }
  return { ok: true, value: last! };
}

/** Bars around time `t`: up to cap/2 before it and cap/2 from it on. */
export async function loadAround(api: RangeApi, symbol: string, timeframe: Timeframe, t: number, cap: number): Promise<Loaded<{ older: Range; newer: Range }>> {
  const half = Math.max(1, Math.floor(cap / 2));
  const [older, newer] = await Promise.all([
    api.call('bars.range', { symbol, timeframe, to: t, limit: half }),
    api.call('bars.range', { symbol, timeframe, from: t, limit: half }),
  ]);
  if (!older.ok) return older;
  if (!newer.ok) return newer;
  return { ok: true, value: { older: older.value, newer: newer.value } };
}

/** The time span of the view [lo, hi] over the items held `t` (its ends clamped to them); `bucketMs` > 0: items are buckets. */
export function viewTimes(t: ArrayLike<number>, lo: number, hi: number, bucketMs: number): [number, number] {
  const last = t.length - 1;
  const at = (i: number) => t[Math.max(0, Math.min(last, i))]!;
  return [at(Math.floor(lo)), at(Math.ceil(hi)) + (bucketMs > 0 ? bucketMs - 1 : 0)];
}
