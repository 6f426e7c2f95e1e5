// The replay's market clock: open market time runs at `speed` × wall time; the closed hours of the
// instrument's calendar (daily breaks, nights, weekends, holidays) cost no wall time, so a wait for
// the next row lasts the open time inside it (calendar.openMs) over the speed. A wait whose open time
// exceeds the idle gap is missing data in open hours: it is skipped too, landing exactly on the row.
// Without a calendar every hour counts as open (then only the idle gap skips nights and weekends).
// Pure: no timers, the wall clock is injected, so the caller's scheduler decides when to look and
// tests drive it with a fake wall.
//
// Replayer use, each scheduler tick (~16 ms) at a paced speed:
//   const target = clock.advance(nextKnownAt);   // nextKnownAt: when the next unreleased row becomes known
//   release every row known at or before `target`
// At 'max' the replayer releases rows as fast as it can and records progress with clock.reach(t).
import type { ReplaySpeed } from '../../../src-shared/ipc.ts';
import type { TradingCalendar } from '../../../src-shared/instruments/types.ts';

export type ClockSpeed = ReplaySpeed;

export interface MarketClockOptions {
  /** wall clock in ms; a monotonic one (performance.now) is best, but a step back only stalls the clock */
  now: () => number;
  /** a wait for data with more open market time than this (ms) is an idle span and is skipped, not waited out */
  idleGapMs: number;
  /** the instrument's exchange calendar: its closed hours are skipped (none: always open) */
  calendar?: TradingCalendar | null;
  /** initial speed (default 1) */
  speed?: ClockSpeed;
}

export class MarketClock {
  readonly #now: () => number;
  readonly #idleGapMs: number;
  #calendar: TradingCalendar | null;
  #speed: ClockSpeed;
  #running = false;
  // Market time `#t` at wall time `#wall`; re-anchored on every read so speed changes, pauses and
  // jumps never carry elapsed wall time across (no jump back, no catch-up burst).
  #t: number | null = null;
  #wall = 0;
  /** when the next unreleased row becomes known, as last told by advance() (null: unknown) */
  #next: number | null = null;

  constructor(o: MarketClockOptions) {
    if (!(o.idleGapMs > 0)) throw new RangeError(`idleGapMs must be > 0, got ${o.idleGapMs}`);
    this.#now = o.now;
    this.#idleGapMs = o.idleGapMs;
    this.#calendar = o.calendar ?? null;
    this.#speed = o.speed ?? 1;
  }

  /** market time (UTC ms) at this wall instant; null until set() */
  get time(): number | null {
    return this.#t === null ? null : this.#sync();
  }

  get speed(): ClockSpeed { return this.#speed; }
  get running(): boolean { return this.#running; }
  get calendar(): TradingCalendar | null { return this.#calendar; }

  /** Another instrument's calendar (a replay loads a symbol); the time reached so far is kept. */
  setCalendar(c: TradingCalendar | null): void {
    if (this.#t !== null) this.#sync();
    this.#calendar = c;
  }

  /** Seek: the clock reads exactly `t` now (and may go back); a running clock keeps running from there. */
  set(t: number): void {
    if (!Number.isFinite(t)) throw new RangeError(`market time must be finite, got ${t}`);
    this.#wall = this.#now();
    this.#t = t;
    this.#next = null;
  }

  play(): void {
    if (this.#running) return;
    this.#anchored(); // re-anchors at now: paused wall time is not market time
    this.#running = true;
  }

  /** Freeze at the market time reached at this wall instant. */
  pause(): void {
    if (this.#t !== null) this.#sync();
    this.#running = false;
  }

  /** Continuous: the time reached so far is kept, only the rate from now on changes. */
  setSpeed(s: ClockSpeed): void {
    if (this.#t !== null) this.#sync();
    this.#speed = s;
  }

  /**
   * Market time now, given when the next unreleased row becomes known (null: no more data). A wait with
   * more than idleGapMs of open time is an idle span: the clock jumps to exactly `nextKnownAt` (so that
   * row is released on time, not later) and paces on from there. Shorter waits pass in scaled wall
   * time, their closed hours skipped. At 'max' there is no pacing: the clock follows the data.
   * Paused: the frozen time.
   */
  advance(nextKnownAt: number | null): number {
    this.#next = nextKnownAt;
    const t = this.#anchored();
    if (!this.#running || nextKnownAt === null || nextKnownAt <= t) return t;
    if (this.#speed === 'max') return this.reach(nextKnownAt);
    // the open time of a wait is at most its length, so only a long wait needs the calendar's count
    const gap = nextKnownAt - t, cal = this.#calendar;
    if (gap > this.#idleGapMs && (cal === null || cal.openMs(t, nextKnownAt) > this.#idleGapMs)) return this.reach(nextKnownAt);
    return t;
  }

  /** Move forward to `t` if it is ahead (never back), e.g. the data reached at 'max' or the end of the data. */
  reach(t: number): number {
    const cur = this.#anchored();
    if (t > cur) this.#t = t;
    return this.#t!;
  }

  #anchored(): number {
    if (this.#t === null) throw new Error('market clock has no time yet: set() it first');
    return this.#sync();
  }

  /** Fold the wall time elapsed since the anchor into market time; re-anchor at now. */
  #sync(): number {
    const now = this.#now();
    if (this.#running && this.#speed !== 'max') this.#t = this.#forward(this.#t!, Math.max(0, now - this.#wall) * this.#speed);
    this.#wall = now;
    return this.#t!;
  }

  /**
   * `ms` of open market time on from t. A step that ends in closed hours lands on the next open, or
   * exactly on the next row if that comes first (the bar ending at the close, a row stamped in the
   * break): the rest of the closed span costs nothing, and the step's time past the close is dropped
   * (at most one scheduler tick's worth) so the clock paces on from there without a burst. No wall
   * time, no move: a clock that landed on a row at the close leaves it at its next tick, not at once.
   */
  #forward(t: number, ms: number): number {
    const end = t + ms, cal = this.#calendar;
    if (cal === null || ms <= 0 || cal.isOpen(end)) return end;
    const open = cal.nextOpen(end), next = this.#next;
    if (next !== null && next > t && next < open) return next;
    return Number.isFinite(open) ? open : end; // no session ahead in the calendar's reach: run on as if open
  }
}
