// The registry of pipeline components and what each has done: processed count, throughput over the
// last ~5 s, a latency histogram over the last 30–60 s (two rotating fixed-size histograms), errors,
// the last error, and the breaker of the stage (when it has one). Everything is O(1) per observation
// and allocation-free; callers time a bar, a step or a chunk, never a single tick.
//
// Time comes from an injected clock (wall ms, monotonic; default performance.now) so tests can drive
// windows and rates. It is instrumentation only: no stage output depends on it.
import type { StageHealth } from '../../../src-shared/ipc.ts';
import { Histogram, quantileOf } from './histogram.ts';
import type { CircuitBreaker } from './breaker.ts';

/**
 * Listed in this order. `decision`: synergy → decision in the queue (model, risk, commit). Each
 * indicator stage is listed with its indicators (`indicators.30m.lvn`, …): the stage's own row times
 * the whole stage and counts failures of the stage itself; an indicator's row counts its own, so
 * health shows which indicator degraded.
 */
export const COMPONENTS = [
  'feed', 'bars',
  'indicators.5m', 'indicators.5m.fvg', 'indicators.5m.atr', 'indicators.5m.features',
  'indicators.30m', 'indicators.30m.mlmi', 'indicators.30m.nwrqk', 'indicators.30m.lvn', 'indicators.30m.mmd', 'indicators.30m.features',
  'matrices', 'decision', 'store', 'replay',
] as const;
export type ComponentName = (typeof COMPONENTS)[number];

/** latency and error-rate window: one histogram is filled while the other holds the previous 30 s */
export const WINDOW_MS = 30_000;
/** an error this recent makes a closed-breaker stage `degraded` */
export const RECENT_ERROR_MS = 60_000;
const RATE_SECONDS = 5;
const SLOTS = 8; // one per wall second, a ring longer than RATE_SECONDS
/** at most one error report per component per this many ms (the rest are counted as suppressed) */
const REPORT_EVERY_MS = 1_000;

export type Clock = () => number;
export type ErrorReport = (component: string, message: string, suppressed: number) => void;

/** Items per second over the last ~5 s of the clock, from a ring of one-second slots. */
export class RateCounter {
  readonly #count = new Float64Array(SLOTS);
  readonly #sec = new Float64Array(SLOTS).fill(-1);
  #firstAt = -1;

  add(items: number, at: number): void {
    if (this.#firstAt < 0) this.#firstAt = at;
    const sec = Math.floor(at / 1000);
    const i = sec % SLOTS;
    if (this.#sec[i] !== sec) { this.#sec[i] = sec; this.#count[i] = 0; }
    this.#count[i]! += items;
  }

  /** over the last RATE_SECONDS (less while younger; at least one second, so one item is not 1000/s) */
  perSec(at: number): number {
    if (this.#firstAt < 0) return 0;
    const sec = Math.floor(at / 1000);
    let n = 0;
    for (let i = 0; i < SLOTS; i++) {
      const s = this.#sec[i]!;
      if (s > sec - RATE_SECONDS && s <= sec) n += this.#count[i]!;
    }
    const from = Math.max(this.#firstAt, (sec - RATE_SECONDS + 1) * 1000);
    return (n * 1000) / Math.max(1000, at - from);
  }
}

export class Component {
  readonly name: string;
  readonly #now: Clock;
  /** items handled (successful or not) since start */
  processed = 0;
  /** calls that threw */
  errors = 0;
  lastError: string | null = null;
  lastErrorAt = -Infinity;
  /** the breaker of the stage's most recently built pipeline; null: the component has none */
  breaker: CircuitBreaker | null = null;
  onError: ErrorReport | null = null;
  /** set while the stage runs on a fallback (the decision model down → rule path): degraded until cleared */
  fallback: string | null = null;
  readonly #hist: [Histogram, Histogram] = [new Histogram(), new Histogram()];
  #cur = 0;
  #windowStart: number;
  // processed and errors per window, for the error rate
  readonly #winProcessed = new Float64Array(2);
  readonly #winErrors = new Float64Array(2);
  readonly #rate = new RateCounter();
  #reportedAt = -Infinity;
  #suppressed = 0;

  constructor(name: string, now: Clock) {
    this.name = name;
    this.#now = now;
    this.#windowStart = now();
  }

  get now(): Clock { return this.#now; }

  /** One timed call that handled `items` items and ended at `at` (the clock's value). */
  observe(ms: number, items = 1, at = this.#now()): void {
    this.#rotate(at);
    this.#hist[this.#cur]!.record(ms);
    this.#count(items, at);
  }

  /** A call that threw after `ms`. */
  fail(ms: number, error: unknown, items = 1, at = this.#now()): void {
    this.#rotate(at);
    if (ms > 0) this.#hist[this.#cur]!.record(ms);
    this.#count(items, at);
    this.errors++;
    this.#winErrors[this.#cur]!++;
    const message = error instanceof Error ? error.message : String(error);
    this.lastError = message;
    this.lastErrorAt = at;
    if (!this.onError) return;
    if (at - this.#reportedAt < REPORT_EVERY_MS) { this.#suppressed++; return; }
    this.onError(this.name, message, this.#suppressed);
    this.#reportedAt = at;
    this.#suppressed = 0;
  }

  #count(items: number, at: number): void {
    this.processed += items;
    this.#winProcessed[this.#cur]! += items;
    this.#rate.add(items, at);
  }

  #rotate(at: number): void {
    const age = at - this.#windowStart;
    if (age < WINDOW_MS) return;
    const next = 1 - this.#cur;
    this.#hist[next]!.reset();
    this.#winProcessed[next] = 0;
    this.#winErrors[next] = 0;
    if (age >= 2 * WINDOW_MS) { // idle for a whole window: the previous one is stale too
      this.#hist[this.#cur]!.reset();
      this.#winProcessed[this.#cur] = 0;
      this.#winErrors[this.#cur] = 0;
    }
    this.#cur = next;
    this.#windowStart = at;
  }

  /** items per second over the last ~5 s (less while the component is younger) */
  perSec(at = this.#now()): number {
    return this.#rate.perSec(at);
  }

  /** errors / processed over the last 30–60 s */
  errorRate(at = this.#now()): number {
    this.#rotate(at);
    const p = this.#winProcessed[0]! + this.#winProcessed[1]!;
    return p === 0 ? 0 : (this.#winErrors[0]! + this.#winErrors[1]!) / p;
  }

  /** q-quantile of the latency over the last 30–60 s, ms */
  latency(q: number, at = this.#now()): number {
    this.#rotate(at);
    return quantileOf(this.#hist, q);
  }

  /** open → failed; half-open, a fallback, or an error in the last minute → degraded; nothing yet → idle; else ok */
  status(at = this.#now()): StageHealth['status'] {
    const b = this.breaker?.state ?? 'closed';
    if (b === 'open') return 'failed';
    if (b === 'half-open' || this.fallback !== null || at - this.lastErrorAt < RECENT_ERROR_MS) return 'degraded';
    return this.processed === 0 && this.errors === 0 ? 'idle' : 'ok';
  }

  snapshot(at = this.#now()): StageHealth {
    return {
      name: this.name, status: this.status(at), processed: this.processed, perSec: this.perSec(at),
      p50Ms: this.latency(0.5, at), p99Ms: this.latency(0.99, at), maxMs: this.latency(1, at),
      errors: this.errors, lastError: this.lastError, breaker: this.breaker?.state ?? 'closed', fallback: this.fallback,
    };
  }
}

export class Metrics {
  readonly now: Clock;
  #components = new Map<string, Component>();
  #onError: ErrorReport | null = null;

  constructor(now: Clock = () => performance.now(), names: readonly string[] = COMPONENTS) {
    this.now = now;
    for (const n of names) this.component(n);
  }

  /** The named component, registered on first use (a new stage such as `decision` appears then). */
  component(name: string): Component {
    let c = this.#components.get(name);
    if (!c) {
      this.#components.set(name, (c = new Component(name, this.now)));
      c.onError = this.#onError;
    }
    return c;
  }

  /** Where errors are reported (logging); at most one call per component per second. */
  set onError(fn: ErrorReport | null) {
    this.#onError = fn;
    for (const c of this.#components.values()) c.onError = fn;
  }

  list(): Component[] { return [...this.#components.values()]; }

  snapshot(at = this.now()): StageHealth[] {
    return this.list().map((c) => c.snapshot(at));
  }
}
