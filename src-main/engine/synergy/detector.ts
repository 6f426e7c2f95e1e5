// SPEC §4.2: the synergy sequence state machine (Gate 1). Pure and incremental: one call per 5m
// step, no clock; windows and cooldowns count 5m bars. Bar indices may restart at a session start
// (SPEC R12 counts from 0 at each open); a session break clears everything, so no arithmetic
// ever spans two sessions.
import { SIGNAL_TYPES, type Signal, type SynergyConfig } from './signals.ts';
import { patternOf } from './patterns.ts';
import { buildEvent, type SeqSignal, type SynergyEvent } from './event.ts';

const M5 = 5 * 60_000;

export interface SynergyStepInput {
  /** 5m bar index of this step */
  bar: number;
  /** end E of the 5m bar, epoch ms */
  time: number;
  /** first bar of a new session: clears the sequence and the cooldown (rule 6) */
  sessionStart: boolean;
  /** gated signals of this step, in the fixed order mlmi, nwrqk, fvg (at most one of each) */
  signals: readonly Signal[];
  /** start of the 5m bar (ms); default time − 5 min */
  barStart?: number;
}

export class SynergyDetector {
  readonly name = 'synergy';
  readonly #window: number;
  readonly #cooldown: number;
  readonly #required: number;
  #seq: SeqSignal[] = [];
  #lastEmit: number | null = null;
  #lastBar: number | null = null;

  constructor(cfg: SynergyConfig) {
    this.#window = cfg.window_bars;
    this.#cooldown = cfg.cooldown_bars;
    this.#required = cfg.required_signals; // the schema pins it to 3, the length of every pattern
  }

  /** types of the pending sequence, in arrival order (for tests and display) */
  get pending(): readonly Signal['type'][] {
    return this.#seq.map((s) => s.type);
  }

  /**
   * Whether the next bar can complete a synergy from the sequence in progress: there is one, its first
   * signal is still inside the window at that bar, and the cooldown will have passed. The only other
   * way to a synergy is three signals in one bar. (Drivers rehearse the decision path while armed.)
   */
  get armed(): boolean {
    const head = this.#seq[0];
    if (!head || this.#lastBar === null) return false;
    const next = this.#lastBar + 1;
    return next - head.bar <= this.#window && (this.#lastEmit === null || next - this.#lastEmit >= this.#cooldown);
  }

  reset(): void {
    this.#seq = [];
    this.#lastEmit = null;
    this.#lastBar = null;
  }

  step(input: SynergyStepInput): SynergyEvent | null {
    const b = input.bar;
    if (!input.sessionStart && this.#lastBar !== null && !(b > this.#lastBar)) {
      throw new Error(`synergy: bar ${b} after bar ${this.#lastBar} without a session start`);
    }
    this.#lastBar = b;
    checkOrder(input.signals);
    if (input.sessionStart) {
      this.#seq = [];
      this.#lastEmit = null;
    }
    for (const s of input.signals) {
      const ev = this.#accept(s, b, input.time, input.barStart ?? input.time - M5);
      // rule 5: after an emit the step's remaining signals are discarded
      if (ev) return ev;
    }
    return null;
  }

  #accept(s: Signal, b: number, time: number, barStart: number): SynergyEvent | null {
    const seq = this.#seq;
    if (seq.length > 0) {
      const head = seq[0]!;
      if (b - head.bar > this.#window || s.dir !== head.dir) seq.length = 0; // rules 2, 3
      else if (seq.some((x) => x.type === s.type)) return null; // rule 4: keep the first
    }
    if (seq.length === 0 && s.type === 'fvg') return null; // rule 1: no pattern begins with FVG
    seq.push({ ...s, bar: b, time });
    if (seq.length < this.#required) return null;

    const type = patternOf(seq.map((x) => x.type));
    if (type === null) throw new Error(`synergy: no pattern for ${seq.map((x) => x.type).join('→')}`);
    const fire = this.#lastEmit === null || b - this.#lastEmit >= this.#cooldown;
    const ev = fire ? buildEvent(type, seq, barStart, this.#window) : null;
    if (fire) this.#lastEmit = b;
    this.#seq = [];
    return ev;
  }
}

/** Fail fast if a caller breaks the per-step order (SPEC §4.1) or sends a type twice. */
function checkOrder(signals: readonly Signal[]): void {
  let prev = -1;
  for (const s of signals) {
    const i = SIGNAL_TYPES.indexOf(s.type);
    if (i <= prev) throw new Error(`synergy: signals of a step must be ordered ${SIGNAL_TYPES.join(', ')}, once each`);
    prev = i;
  }
}
