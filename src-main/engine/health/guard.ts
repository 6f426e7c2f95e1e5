// Fault isolation for one pipeline stage or one indicator of a stage: a circuit breaker, its metrics
// component (when the pipeline was given a registry) and an optional fault-injection hook for
// tests. The pipeline calls it around a stage like this, so no closure is allocated per step:
//
//   if (g.enter()) {
//     try { g.inject(); out = stage.update(bar); g.succeed(); }
//     catch (e) { g.fail(e); stage.reset(); }
//   }
//
// Timing (two clock reads per call) happens only with a metrics component; the breaker and the
// error counters always run.
import { CircuitBreaker, type BreakerOptions } from './breaker.ts';
import type { Component, Metrics } from './metrics.ts';

/**
 * Test hook: throw from `before(name)` to make that guarded call fail. The pipeline's names: the
 * stages `indicators.5m`, `indicators.30m` (the stage itself fails: all its indicators reset) and
 * `matrices`; one indicator of a stage (only it fails and resets): `indicators.5m.fvg`,
 * `indicators.5m.atr`, `indicators.5m.features`, `indicators.30m.mlmi`, `indicators.30m.nwrqk`,
 * `indicators.30m.lvn`, `indicators.30m.mmd`, `indicators.30m.features`.
 */
export interface Faults {
  before(stage: string): void;
}

export class StageGuard {
  readonly name: string;
  readonly breaker: CircuitBreaker;
  readonly component: Component | null;
  readonly #faults: Faults | null;
  #t0 = 0;
  /** calls skipped because the breaker was open */
  skipped = 0;
  /** failures of this pipeline's stage (the component counts across pipelines) */
  errors = 0;
  lastError: string | null = null;

  constructor(name: string, breaker: BreakerOptions, metrics: Metrics | null, faults: Faults | null) {
    this.name = name;
    this.breaker = new CircuitBreaker(breaker);
    this.component = metrics ? metrics.component(name) : null;
    // The component shows the breaker of the newest pipeline (the replay's, or an import's while it runs).
    if (this.component) this.component.breaker = this.breaker;
    this.#faults = faults;
  }

  /** Market time moved on (5m steps). */
  advance(steps: number): void { this.breaker.advance(steps); }

  /** May the stage run now? Starts its timer when it may. */
  enter(): boolean {
    if (!this.breaker.allow()) {
      this.skipped++;
      return false;
    }
    if (this.component) this.#t0 = this.component.now();
    return true;
  }

  /** Call first inside the try: lets a test make this call fail. */
  inject(): void {
    this.#faults?.before(this.name);
  }

  succeed(items = 1): void {
    this.breaker.success();
    const c = this.component;
    if (c) {
      const t1 = c.now();
      c.observe(t1 - this.#t0, items, t1);
    }
  }

  fail(error: unknown, items = 1): void {
    this.breaker.failure();
    this.errors++;
    this.lastError = error instanceof Error ? error.message : String(error);
    const c = this.component;
    if (c) {
      const t1 = c.now();
      c.fail(t1 - this.#t0, error, items, t1);
    }
  }
}
