// One BarBuilder per chart timeframe, fed in parallel from the same ticks or 1-minute bars, so each
// timeframe has its own forming bar. (Same OHLCV as a 1m→5m→30m chain: first/max/min/last/sum.)
import { TIMEFRAMES, TIMEFRAME_MINUTES, type Bar, type Timeframe } from '../../../src-shared/domain/bars.ts';
import type { Zone } from '../../../src-shared/time.ts';
import { BarBuilder } from './bar-builder.ts';
import type { FeedChunk } from '../../../src-shared/domain/chunks.ts';

export type ClosedBarSink = (tf: Timeframe, bar: Bar) => void;

export class BarSet {
  readonly timeframes: readonly Timeframe[];
  readonly builders: readonly BarBuilder[];
  /** input bar period in minutes (0 = ticks); timeframes finer than the input are not built */
  readonly inputMinutes: number;
  #sink: ClosedBarSink;
  ticks = 0;
  inputBars = 0;

  constructor(zone: Zone, inputMinutes: number, sink: ClosedBarSink, timeframes: readonly Timeframe[] = TIMEFRAMES) {
    this.inputMinutes = inputMinutes;
    this.timeframes = timeframes.filter((tf) => {
      const m = TIMEFRAME_MINUTES[tf];
      return inputMinutes === 0 || (m >= inputMinutes && m % inputMinutes === 0);
    });
    this.builders = this.timeframes.map((tf) => new BarBuilder(TIMEFRAME_MINUTES[tf], zone));
    this.#sink = sink;
  }

  /** Feed a whole chunk from a reader (rows from index `from` to `to`, exclusive). */
  push(chunk: FeedChunk, from = 0, to = chunk.n): void {
    const bs = this.builders;
    const tfs = this.timeframes;
    const k = bs.length;
    if (chunk.kind === 'ticks') {
      const { t, price, size, volOnly } = chunk;
      const hot = this.#hot;
      let hi = this.#hotRange(), lo = this.#lo; // a tick in [lo, hi) closes no bar: updated in place below
      for (let i = from; i < to; i++) {
        const ti = t[i]!, p = price[i]!, s = size[i]!;
        if (ti >= lo && ti < hi) { // what addTick does to a priced bar it does not close, in every builder
          if (volOnly[i] === 1) for (let j = 0; j < k; j++) hot[j]!.v += s;
          else {
            for (let j = 0; j < k; j++) {
              const w = hot[j]!;
              w.v += s;
              if (p > w.h) w.h = p;
              if (p < w.l) w.l = p;
              w.c = p;
            }
          }
          continue;
        }
        const vo = volOnly[i] === 1;
        for (let j = 0; j < k; j++) {
          const done = bs[j]!.addTick(ti, p, s, vo);
          if (done !== null) this.#sink(tfs[j]!, done);
        }
        hi = this.#hotRange();
        lo = this.#lo;
      }
      this.ticks += to - from;
    } else {
      for (let i = from; i < to; i++) {
        const bar: Bar = { t: chunk.t[i]!, o: chunk.o[i]!, h: chunk.h[i]!, l: chunk.l[i]!, c: chunk.c[i]!, v: chunk.v[i]! };
        this.pushBar(bar);
      }
    }
  }

  /** the builders' priced working bars, in builder order (valid while #hotRange() gave a non-empty range) */
  readonly #hot: Bar[] = [];
  #lo = 0;

  /**
   * The span every builder's working bar covers while each is priced: a tick inside it opens no bar
   * anywhere. Sets #hot and #lo; returns the span's end (≤ #lo, an empty span, when some builder has no
   * priced working bar).
   */
  #hotRange(): number {
    let lo = -Infinity, hi = Infinity;
    for (let j = 0; j < this.builders.length; j++) {
      const b = this.builders[j]!, w = b.priced;
      if (w === null) { this.#lo = Infinity; return -Infinity; }
      this.#hot[j] = w;
      if (b.workingStart > lo) lo = b.workingStart;
      if (b.workingEnd < hi) hi = b.workingEnd;
    }
    this.#lo = lo;
    return hi;
  }

  pushBar(bar: Bar): void {
    const bs = this.builders;
    for (let j = 0; j < bs.length; j++) {
      const done = bs[j]!.addBar(bar);
      if (done !== null) this.#sink(this.timeframes[j]!, done);
    }
    this.inputBars++;
  }

  /** Market time reached `now` (replay clock): close bars whose end has passed. */
  scan(now: number): void {
    for (let j = 0; j < this.builders.length; j++) {
      const done = this.builders[j]!.scan(now);
      if (done !== null) this.#sink(this.timeframes[j]!, done);
    }
  }

  /** End of stream: finalise every working bar. */
  flush(): void {
    for (let j = 0; j < this.builders.length; j++) {
      const done = this.builders[j]!.flush();
      if (done !== null) this.#sink(this.timeframes[j]!, done);
    }
  }

  forming(tf: Timeframe): Bar | null {
    const j = this.timeframes.indexOf(tf);
    return j < 0 ? null : this.builders[j]!.working;
  }
}
