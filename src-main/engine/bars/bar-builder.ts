// Tick → bar and bar → bar aggregation for one period, clock-aligned in the exchange zone (SPEC §1.3–1.4).
// Like LEAN's consolidators: a `working` bar, no timers; time moves only when data or `scan` says so.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { Zone } from '../../../src-shared/time.ts';

const MIN = 60_000;
/** Zone.offsetAt is a function of the quarter hour (it caches by it): one entry here spares its map per bar */
const QUARTER = 15 * MIN;

export class BarBuilder {
  readonly periodMs: number;
  readonly zone: Zone;
  #working: Bar | null = null;
  /** working bar: [start, end) in UTC ms */
  #start = 0;
  #end = -Infinity;
  /** true while the working bar has volume but no price-forming trade yet */
  #noPrice = false;
  /** ticks that count for volume only, kept as a fallback price if nothing else prices the bar */
  #fbO = 0;
  #fbH = 0;
  #fbL = 0;
  #fbC = 0;
  #fbSet = false;
  #offKey = NaN;
  #off = 0;

  constructor(periodMinutes: number, zone: Zone) {
    if (!(periodMinutes > 0) || 60 % periodMinutes !== 0 && periodMinutes % 60 !== 0) {
      throw new RangeError(`bar period must divide an hour or be whole hours, got ${periodMinutes} min`);
    }
    this.periodMs = periodMinutes * MIN;
    this.zone = zone;
  }

  /** The bar being built (not final). Callers must not mutate it. */
  get working(): Bar | null {
    if (this.#working === null) return null;
    if (this.#noPrice) return { t: this.#start, o: this.#fbO, h: this.#fbH, l: this.#fbL, c: this.#fbC, v: this.#working.v };
    return this.#working;
  }

  /** The working bar itself while a price-forming trade has priced it (what addTick then updates in place), else null. */
  get priced(): Bar | null {
    return this.#noPrice ? null : this.#working;
  }

  /** Start of the working bar (UTC ms; 0 when none). */
  get workingStart(): number {
    return this.#start;
  }

  /** End (time of knowledge) of the working bar, or -Infinity. */
  get workingEnd(): number {
    return this.#end;
  }

  /** Bucket start of a UTC instant: floor in local time, back to UTC with the instant's own offset. */
  bucketStart(t: number): number {
    const key = Math.floor(t / QUARTER);
    if (key !== this.#offKey) { this.#off = this.zone.offsetAt(t); this.#offKey = key; }
    const off = this.#off;
    const local = t + off;
    const p = this.periodMs;
    return local - (((local % p) + p) % p) - off;
  }

  /**
   * Add a trade. Returns the bar this trade finalised (the previous one), or null.
   * `volOnly` trades add volume but do not set O/H/L/C (vendor sale-condition rule).
   */
  addTick(t: number, price: number, size: number, volOnly = false): Bar | null {
    let done: Bar | null = null;
    if (t >= this.#end || t < this.#start) done = this.#open(t);
    const w = this.#working!;
    w.v += size;
    if (volOnly) {
      if (this.#noPrice) {
        if (!this.#fbSet) { this.#fbO = this.#fbH = this.#fbL = price; this.#fbSet = true; }
        if (price > this.#fbH) this.#fbH = price;
        if (price < this.#fbL) this.#fbL = price;
        this.#fbC = price;
      }
      return done;
    }
    if (this.#noPrice) {
      this.#noPrice = false;
      w.o = w.h = w.l = w.c = price;
      return done;
    }
    if (price > w.h) w.h = price;
    if (price < w.l) w.l = price;
    w.c = price;
    return done;
  }

  /** Add a finished bar of a smaller period (its start decides the bucket). */
  addBar(b: Bar): Bar | null {
    let done: Bar | null = null;
    if (b.t >= this.#end || b.t < this.#start) {
      done = this.#open(b.t);
      const w = this.#working!;
      this.#noPrice = false;
      w.o = b.o; w.h = b.h; w.l = b.l; w.c = b.c; w.v = b.v;
      return done;
    }
    const w = this.#working!;
    if (b.h > w.h) w.h = b.h;
    if (b.l < w.l) w.l = b.l;
    w.c = b.c;
    w.v += b.v;
    return done;
  }

  /** Market time has reached `now`: finalise the working bar if its end has passed. */
  scan(now: number): Bar | null {
    if (this.#working !== null && now >= this.#end) return this.flush();
    return null;
  }

  /** End of stream / session: finalise whatever is working. */
  flush(): Bar | null {
    const w = this.#working;
    if (w === null) return null;
    const out = this.#noPrice ? { t: this.#start, o: this.#fbO, h: this.#fbH, l: this.#fbL, c: this.#fbC, v: w.v } : w;
    this.#working = null;
    this.#start = 0;
    this.#end = -Infinity;
    this.#noPrice = false;
    return out;
  }

  reset(): void {
    this.flush();
  }

  #open(t: number): Bar | null {
    const done = this.flush();
    const s = this.bucketStart(t);
    this.#start = s;
    this.#end = s + this.periodMs;
    this.#working = { t: s, o: 0, h: 0, l: 0, c: 0, v: 0 };
    this.#noPrice = true;
    this.#fbSet = false;
    return done;
  }
}
