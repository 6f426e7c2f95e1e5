// The engine's one running job (an import, a recompute after a config or profile change): its progress
// goes out as `job.progressed` events, and `job.cancel` stops it at its next slice. The engine stays
// synchronous while a job runs; between slices `poll` reads the commands that arrived, so a cancel is
// heard (the engine worker answers it at once and keeps the others for after the job).
import { ProgressMeter, type JobKind, type JobPhase, type JobProgress } from '../../../src-shared/progress.ts';
import { JobCancelled, runJobSync, type Job } from './job.ts';

export interface JobRunnerDeps {
  emit(p: JobProgress): void;
  /** wall clock in ms */
  now(): number;
  /** read the commands that arrived meanwhile (the worker: job.cancel answered, others kept) */
  poll?: () => void;
}

export type JobOutcome<T> = { done: true; value: T } | { done: false; progress: JobProgress };

export class JobRunner {
  readonly #d: JobRunnerDeps;
  #current: { id: string; cancel: boolean } | null = null;
  #seq = 0;

  constructor(d: JobRunnerDeps) {
    this.#d = d;
  }

  /** the running job's id */
  get running(): string | null { return this.#current?.id ?? null; }

  /**
   * Run a job to its end or its cancellation. `outcome` words the end for the last event. A job started
   * while one runs (a config change made by an import's definition) runs inside it, without events.
   */
  run<T>(kind: JobKind, label: string, phases: readonly JobPhase[], make: (meter: ProgressMeter | null) => Job<T>,
    outcome: (value: T) => { state: 'done' | 'failed'; message: string }): JobOutcome<T> {
    if (this.#current) return { done: true, value: runJobSync(make(null), () => this.#checkpoint()) };
    const id = `${kind}:${this.#d.now()}:${++this.#seq}`;
    const meter = new ProgressMeter({ id, kind, label, phases, now: this.#d.now, emit: this.#d.emit });
    this.#current = { id, cancel: false };
    try {
      const value = runJobSync(make(meter), () => this.#checkpoint());
      const o = outcome(value);
      meter.end(o.state, o.message);
      return { done: true, value };
    } catch (e) {
      if (e instanceof JobCancelled) return { done: false, progress: meter.end('cancelled', 'cancelled: nothing of it was stored') };
      meter.end('failed', (e as Error).message);
      throw e;
    } finally {
      this.#current = null;
    }
  }

  /** Ask the running job (or only the one with `id`) to stop at its next slice. */
  cancel(id?: string): { cancelled: boolean; id: string | null } {
    const c = this.#current;
    if (!c || (id !== undefined && id !== c.id)) return { cancelled: false, id: c?.id ?? null };
    c.cancel = true;
    return { cancelled: true, id: c.id };
  }

  #checkpoint(): boolean {
    this.#d.poll?.();
    return this.#current?.cancel === true;
  }
}
