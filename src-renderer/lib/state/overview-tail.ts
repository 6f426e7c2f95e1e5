// The overview's newest candles while bars keep coming (a running replay, a live feed): the bars of
// the newest bucket are folded into its candle the way the store's levels aggregate them (first open,
// highest high, lowest low, last close, summed volume, labelled by the bucket's first bar, buckets
// aligned to the epoch). The forming bar joins its bucket's candle without entering the closed bars,
// so each replacement of it counts once.
import type { ArrayLikeColumns, BarRowLike } from '../columns.ts';
import { bucketStart } from '../../../src-shared/domain/bars.ts';

export class OverviewTail {
  readonly #ms: number;
  /** the closed bars of the newest bucket seen, folded: null before the first */
  #agg: BarRowLike | null = null;
  #aggBucket = NaN;
  /** start of the newest closed bar folded */
  #last = -Infinity;

  constructor(bucketMs: number) {
    this.#ms = bucketMs;
  }

  /**
   * Closed bars (in time order; those not newer than the last folded are skipped: already counted)
   * and the forming bar: the candles to put in place of the chart's (by their first bar's start),
   * oldest first.
   */
  push(closed: ArrayLikeColumns, forming: BarRowLike | null): BarRowLike[] {
    const out = new Map<number, BarRowLike>();
    for (let i = 0; i < closed.t.length; i++) {
      const t = closed.t[i]!;
      if (t <= this.#last) continue;
      const k = bucketStart(t, this.#ms), a = this.#agg;
      if (a === null || k !== this.#aggBucket) {
        this.#agg = { t, o: closed.o[i]!, h: closed.h[i]!, l: closed.l[i]!, c: closed.c[i]!, v: closed.v[i]! };
        this.#aggBucket = k;
      } else {
        a.h = Math.max(a.h, closed.h[i]!); a.l = Math.min(a.l, closed.l[i]!); a.c = closed.c[i]!; a.v += closed.v[i]!;
      }
      this.#last = t;
      out.set(k, { ...this.#agg! });
    }
    if (forming !== null && forming.t > this.#last) {
      const k = bucketStart(forming.t, this.#ms), a = this.#agg;
      out.set(k, a !== null && k === this.#aggBucket
        ? { t: a.t, o: a.o, h: Math.max(a.h, forming.h), l: Math.min(a.l, forming.l), c: forming.c, v: a.v + forming.v }
        : { ...forming });
    }
    return [...out.entries()].sort((x, y) => x[0] - y[0]).map(([, c]) => c);
  }
}

type Appended = { frames: readonly { timeframe: string; closed: ArrayLikeColumns; forming: BarRowLike | null }[] };

/**
 * The overview of one timeframe following `bars.appended`: events that come before the stored bars of
 * its newest candle wait, then fold in after them (bars in both count once).
 */
export class OverviewFollow {
  readonly #timeframe: string;
  readonly #tail: OverviewTail;
  #queue: Appended[] | null = [];

  constructor(timeframe: string, bucketMs: number) {
    this.#timeframe = timeframe;
    this.#tail = new OverviewTail(bucketMs);
  }

  /** The stored bars from the newest candle's first on: the candles from there, and the waiting events'. */
  start(stored: ArrayLikeColumns): BarRowLike[] {
    const out = this.#tail.push(stored, null);
    for (const p of this.#queue ?? []) out.push(...this.#fold(p));
    this.#queue = null;
    return out;
  }

  /** The candles an event changes (none while it waits for `start`). */
  event(p: Appended): BarRowLike[] {
    if (this.#queue === null) return this.#fold(p);
    this.#queue.push(p);
    return [];
  }

  #fold(p: Appended): BarRowLike[] {
    return p.frames.flatMap((f) => (f.timeframe === this.#timeframe ? this.#tail.push(f.closed, f.forming) : []));
  }
}
