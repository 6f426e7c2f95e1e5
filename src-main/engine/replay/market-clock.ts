// The replay's market clock: market time runs at `speed` × wall time and jumps only over real idle
// spans (nights, weekends, holidays). Pure: no timers, the wall clock is injected, so the caller's
// scheduler decides when to look and tests drive it with a fake wall.
//
// Replayer use, each scheduler tick (~16 ms) at a paced speed:
//   const target = clock.advance(nextKnownAt);   // nextKnownAt: when the next unreleased row becomes known
//   release every row known at or before `target`
// At 'max' the replayer releases rows as fast as it can and records progress with clock.reach(t).
import type { ReplaySpeed } from '../../../src-shared/ipc.ts';

export type ClockSpeed = ReplaySpeed;

export interface MarketClockOptions {
  /** wall clock in ms; a monotonic one (performance.now) is best, but a step back only stalls the clock */
  now: () => number;
  /** a wait for data longer than this (market ms) is an idle span and is skipped, not waited out */
  idleGapMs: number;
  /** initial speed (default 1) */
  speed?: ClockSpeed;
}

export class MarketClock {
  readonly #now: () => number;
  readonly #idleGapMs: number;
  #speed: ClockSpeed;
  #running = false;
  // Market time `#t` at wall time `#wall`; re-anchored on every read so speed changes, pauses and
  // jumps never carry elapsed wall time across (no jump back, no catch-up burst).
  #t: number | null = null;
  #wall = 0;

  constructor(o: MarketClockOptions) {
    if (!(o.idleGapMs > 0)) throw new RangeError(`idleGapMs must be > 0, got ${o.idleGapMs}`);
    this.#now = o.now;
    this.#idleGapMs = o.idleGapMs;
    this.#speed = o.speed ?? 1;
  }

  /** market time (UTC ms) at this wall instant; null until set() */
  get time(): number | null {
    return this.#t === null ? null : this.#sync();
  }

  get speed(): ClockSpeed { return this.#speed; }
  get running(): boolean { return this.#running; }

  /** Seek: the clock reads exactly `t` now (and may go back); a running clock keeps running from there. */
  set(t: number): void {
    if (!Number.isFinite(t)) throw new RangeError(`market time must be finite, got ${t}`);
    this.#wall = this.#now();
    this.#t = t;
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
   * Market time now, given when the next unreleased row becomes known (null: no more data). A wait of
   * more than idleGapMs is an idle span: the clock jumps to exactly `nextKnownAt` (so that row is
   * released on time, not later) and paces on from there. Shorter waits pass in scaled wall time.
   * At 'max' there is no pacing: the clock follows the data. Paused: the frozen time.
   */
  advance(nextKnownAt: number | null): number {
    const t = this.#anchored();
    if (!this.#running || nextKnownAt === null || nextKnownAt <= t) return t;
    if (this.#speed === 'max' || nextKnownAt - t > this.#idleGapMs) return this.reach(nextKnownAt);
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
    if (this.#running && this.#speed !== 'max') this.#t! += Math.max(0, now - this.#wall) * this.#speed;
    this.#wall = now;
    return this.#t!;
  }
}
