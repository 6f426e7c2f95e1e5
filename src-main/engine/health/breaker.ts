// A circuit breaker for one pipeline stage, counted in market time so a replay trips and recovers
// on the same bars at any speed:
//   closed    → calls go through; `failures` consecutive failures open it.
//   open      → calls are skipped; after `cooldown` 5m steps it becomes half-open.
//   half-open → one trial call goes through: success closes it, failure opens it again
//               (and the cool-down starts over).
// The caller advances market time with `advance(steps)` once per pipeline step and asks `allow()`
// before each call; it reports the outcome with `success()` or `failure()`.

export const BREAKER_STATES = ['closed', 'open', 'half-open'] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];

export interface BreakerOptions {
  /** consecutive failures that open the breaker (≥ 1) */
  failures: number;
  /** 5m steps an open breaker waits before a trial call (≥ 1) */
  cooldown: number;
}

export class CircuitBreaker {
  readonly failuresToOpen: number;
  readonly cooldown: number;
  #state: BreakerState = 'closed';
  #consecutive = 0;
  /** market time in 5m steps, advanced by the caller */
  #now = 0;
  #openedAt = 0;
  /** how often it opened (a re-open from half-open counts) */
  opened = 0;

  constructor(o: BreakerOptions) {
    if (!(Number.isInteger(o.failures) && o.failures >= 1)) throw new Error(`breaker failures must be an integer ≥ 1, got ${o.failures}`);
    if (!(Number.isInteger(o.cooldown) && o.cooldown >= 1)) throw new Error(`breaker cooldown must be an integer ≥ 1, got ${o.cooldown}`);
    this.failuresToOpen = o.failures;
    this.cooldown = o.cooldown;
  }

  get state(): BreakerState { return this.#state; }
  get consecutiveFailures(): number { return this.#consecutive; }

  /** Market time moved on by `steps` 5m steps; an open breaker whose cool-down is over half-opens. */
  advance(steps = 1): void {
    this.#now += steps;
    if (this.#state === 'open' && this.#now - this.#openedAt >= this.cooldown) this.#state = 'half-open';
  }

  /** May the stage be called now? (closed or half-open) */
  allow(): boolean {
    return this.#state !== 'open';
  }

  success(): void {
    this.#consecutive = 0;
    this.#state = 'closed';
  }

  failure(): void {
    this.#consecutive++;
    if (this.#state === 'half-open' || this.#consecutive >= this.failuresToOpen) this.#open();
  }

  reset(): void {
    this.#state = 'closed';
    this.#consecutive = 0;
  }

  #open(): void {
    this.#state = 'open';
    this.#openedAt = this.#now;
    this.opened++;
  }
}
