// The progress of a long job (an import, a recompute of stored indicator values after a config or
// profile change, a training run), one model for the three: the phase it is in, how far that phase
// is (done of total, in its unit), rows per second and the time the phase still needs. The engine
// measures it (ProgressMeter), the UI and the CLI show it (progressLine).
import { z } from './zod.ts';

export const JOB_KINDS = ['import', 'recompute', 'training'] as const;
export const JOB_PHASES = ['reading', 'bars', 'indicators', 'writing'] as const;
export const JOB_UNITS = ['bytes', 'rows', 'bars', 'instruments', 'folds'] as const;
/** running, then exactly one of the others (the last event of a job) */
export const JOB_STATES = ['running', 'done', 'cancelled', 'failed'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobPhase = (typeof JOB_PHASES)[number];
export type JobUnit = (typeof JOB_UNITS)[number];
export type JobState = (typeof JOB_STATES)[number];

const Num = z.number().finite();

export const JobProgress = z.object({
  /** one id per job (cancel names it) */
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  /** what the job works on: a file name, "2 instruments" */
  label: z.string(),
  state: z.enum(JOB_STATES),
  phase: z.enum(JOB_PHASES),
  /** the phase's place among the job's phases (1-based) */
  step: z.number().int(),
  steps: z.number().int(),
  /** how far the phase is, in `unit` (bytes of the file, bars through the indicators, rows written) */
  done: Num,
  total: Num,
  unit: z.enum(JOB_UNITS),
  /** rows (or bars) handled in this phase, and per second of it */
  rows: Num,
  rowsPerSec: Num,
  /** seconds the phase still needs at its pace so far; null until it can be told */
  etaSec: Num.nullable(),
  elapsedSec: Num,
  /** the outcome in words for the last event ("cancelled: nothing stored") */
  message: z.string().optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export interface MeterOptions {
  id: string;
  kind: JobKind;
  label: string;
  /** the phases this job goes through, in order */
  phases: readonly JobPhase[];
  /** wall clock in ms (injected) */
  now: () => number;
  emit: (p: JobProgress) => void;
  /** at most one `running` event per this many ms (phase starts and the end always go out) */
  everyMs?: number;
}

/** Measures a job: phase starts, ticks (rate-limited events) and the end. */
export class ProgressMeter {
  readonly #o: MeterOptions;
  readonly #started: number;
  #label: string;
  #phase: JobPhase;
  #phaseStart: number;
  #total = 0;
  #unit: JobUnit = 'rows';
  #done = 0;
  #rows = 0;
  #lastEmit = -Infinity;
  #shownDone = -1;
  #ended = false;

  constructor(o: MeterOptions) {
    this.#o = o;
    this.#label = o.label;
    this.#started = o.now();
    this.#phaseStart = this.#started;
    this.#phase = o.phases[0] ?? 'reading';
  }

  get id(): string { return this.#o.id; }

  /** what the job works on now ("NQ (2 of 3 instruments)"); shown from the next event */
  relabel(label: string): void { this.#label = label; }

  /** A new phase starts (emitted at once; so is where the previous one ended, when that was not shown yet). */
  phase(phase: JobPhase, total: number, unit: JobUnit): void {
    if (this.#done > 0 && this.#shownDone !== this.#done) this.#emit('running', true);
    this.#phase = phase;
    this.#total = total;
    this.#unit = unit;
    this.#done = 0;
    this.#rows = 0;
    this.#phaseStart = this.#o.now();
    this.#emit('running', true);
  }

  /** The phase got further; an event goes out when the last one is `everyMs` old. */
  tick(done: number, rows = done, total = this.#total): void {
    this.#done = done;
    this.#rows = rows;
    this.#total = total;
    this.#emit('running', false);
  }

  /** The job ended: the last event, under the job's own label (a part's label, relabel(), was only for while it ran). */
  end(state: Exclude<JobState, 'running'>, message?: string): JobProgress {
    this.#label = this.#o.label;
    const p = this.snapshot(state, message);
    if (!this.#ended) this.#o.emit(p);
    this.#ended = true;
    return p;
  }

  snapshot(state: JobState = 'running', message?: string): JobProgress {
    const t = this.#o.now();
    const phaseSec = Math.max(1e-3, (t - this.#phaseStart) / 1000);
    const rate = this.#done / phaseSec;
    const left = Math.max(0, this.#total - this.#done);
    const step = Math.max(1, this.#o.phases.indexOf(this.#phase) + 1);
    return {
      id: this.#o.id, kind: this.#o.kind, label: this.#label, state, phase: this.#phase, step, steps: this.#o.phases.length,
      done: this.#done, total: this.#total, unit: this.#unit, rows: this.#rows, rowsPerSec: this.#rows / phaseSec,
      etaSec: state !== 'running' || (left === 0 && this.#total > 0) ? 0 : rate > 0 && phaseSec >= 0.2 ? left / rate : null,
      elapsedSec: (t - this.#started) / 1000, ...(message !== undefined ? { message } : {}),
    };
  }

  #emit(state: JobState, force: boolean): void {
    const t = this.#o.now();
    if (this.#ended || (!force && t - this.#lastEmit < (this.#o.everyMs ?? 250))) return;
    this.#lastEmit = t;
    this.#shownDone = this.#done;
    this.#o.emit(this.snapshot(state));
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** "1 m 05 s", "12 s", "<1 s" */
export function formatSeconds(s: number): string {
  if (s < 1) return '<1 s';
  const r = Math.round(s);
  if (r < 60) return `${r} s`;
  const m = Math.floor(r / 60);
  return m < 60 ? `${m} m ${String(r % 60).padStart(2, '0')} s` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} m`;
}

/** How far the phase is, in words: "41 % of 3,220,342 bytes", "12,000 of 45,031 bars". */
export function formatDone(p: JobProgress): string {
  if (p.unit === 'bytes') return `${p.total > 0 ? Math.min(100, Math.floor((100 * p.done) / p.total)) : 0} % of ${int(p.total)} bytes`;
  return `${int(p.done)} of ${int(p.total)} ${p.unit}`;
}

/** One line for a terminal or a status strip: "indicators (3/4): 12,000 of 45,031 bars · 6,100 rows/s · 5 s left". */
export function progressLine(p: JobProgress): string {
  const head = `${p.label}: ${p.phase} (${p.step}/${p.steps})`;
  if (p.state !== 'running') return `${p.label}: ${p.message ?? p.state} after ${formatSeconds(p.elapsedSec)}`;
  const eta = p.etaSec === null ? 'time left unknown yet' : `${formatSeconds(p.etaSec)} left`;
  return `${head}: ${formatDone(p)} · ${int(p.rowsPerSec)} rows/s · ${eta}`;
}
