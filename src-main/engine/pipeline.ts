// The only file that knows the stage order (SPEC §1.6). A step is the close of one 5m bar:
//   1. update the 5m indicators (FVG, ATR, 5m features);
//   2. if a 30m bar ended at or before this step's end and was not consumed yet: update the 30m
//      indicators (MLMI, NW-RQK, LVN, MMD, 30m features) and append the 30m and regime matrix rows;
//   3. append the 5m matrix row;
//   4. run the synergy detector (SPEC §4) on the step's signals, in the order mlmi, nwrqk, fvg:
//      MLMI and NW-RQK only at the step that delivered their 30m bar, FVG on every step. A stage
//      that is down gives no signals, so synergies that need it are suspended, not invented.
//      A session break (the step bar's trading day in the instrument's calendar differs from the
//      previous step bar's) clears the detector's sequence and cooldown. In '30m' mode a step is a
//      30m bar: windows and cooldowns count 30m bars and FVG comes from the 30m bars.
// The 30m bars are built here from the 5m bars, so a 30m bar is delivered exactly at the first step
// whose end reaches its end, never earlier (no look-ahead), whatever the bar source.
// In '30m' mode (30-minute input bars, or a 30m run of the CLI) each 30m bar is a step and the
// 5m-stage indicators run on the 30m bars themselves.
//
// Fault isolation (health/guard.ts, indicator-guards.ts), at two levels:
// - per indicator: each indicator of a stage (5m: fvg, atr, features; 30m: mlmi, nwrqk, lvn, mmd,
//   features) runs under its own guard `indicators.<tf>.<name>`. One that throws is counted,
//   reported (onFault), reset alone (with the matrix its values feed, whose rows must stay
//   contiguous), and its columns are null for that bar; the other indicators keep their state and
//   their values, bit for bit.
// - per stage: the 5m stage, the 30m stage and the matrix appends are each wrapped too. A failure
//   of the stage itself (outside any indicator) resets the whole stage, as its state is then unknown.
// A failed part's columns are null for that bar and the step goes on. After
// `alerts.breaker_failures` consecutive failures its breaker opens: it is not called (outputs
// null) until `alerts.breaker_cooldown_bars` 5m steps of market time have passed, then one trial
// call closes it again or re-opens it. A recovered part warms up from scratch, so its columns stay
// null until it is ready again: no value is carried over or invented. A matrix whose input is
// down gets no rows and restarts when all its inputs are ready again. A failed indicator gives no
// synergy signal at that step. Only the pipeline's own invariant (bars in order) throws.
import type { Bar } from '../../src-shared/domain/bars.ts';
import type { Config } from '../../src-shared/config.ts';
import type { FvgZone } from '../../src-shared/ipc.ts';
import { zone, type Zone } from '../../src-shared/time.ts';
import { BarBuilder } from './bars/bar-builder.ts';
import { Stage5m, COLUMNS_5M } from './indicators/stage-5m.ts';
import { Stage30m, COLUMNS_30M } from './indicators/stage-30m.ts';
import type { IndicatorRow } from '../../src-shared/domain/indicators.ts';
import { StageGuard, type Faults } from './health/guard.ts';
import { UnitGuards, type FaultReport, type IndicatorFault } from './indicator-guards.ts';
import { nullRow, type IndicatorNote } from './indicators/unit.ts';
import { SynergyDetector, type SynergyStepInput } from './synergy/detector.ts';
import { fvgSignal, mlmiSignal, nwrqkSignal, type Signal } from './synergy/signals.ts';
import type { SynergyEvent } from './synergy/event.ts';
import type { Metrics } from './health/metrics.ts';
import type { TradingCalendar } from '../../src-shared/instruments/types.ts';

export type { IndicatorFault, IndicatorNote };

const M5 = 5 * 60_000;

export interface StepOut {
  /** the bar of the step: a 5m bar, or in '30m' mode a 30m bar */
  bar: Bar | null;
  /** indicator columns of that bar (5m stage) */
  row: IndicatorRow | null;
  /** a 30m bar delivered at this step, with its 30m-stage columns */
  bar30: Bar | null;
  row30: IndicatorRow | null;
  /** FVG zones created or ended at this step */
  zones: FvgZone[];
  /** a synergy completed at this step ('5m' mode) */
  synergy: SynergyEvent | null;
}

/** Session break without a calendar (unknown instrument, bars only): every exchange halt is ≥ 60 min. */
export const NO_CALENDAR_GAP_MS = 30 * 60_000;

export interface PipelineOptions {
  config: Config;
  exchangeTz: string;
  tickSize: number;
  mode: '5m' | '30m';
  /**
   * The instrument's exchange calendar: a step bar whose trading day differs from the previous step
   * bar's starts a new session (SPEC §4.2 rule 6). None: the whole stream is one session.
   */
  calendar?: TradingCalendar | null;
  /** where stage timings, counts and errors go (the engine's registry); none: not timed */
  metrics?: Metrics | null;
  /** test hook: make a stage or one indicator throw at a given call (names: health/guard.ts) */
  faults?: Faults | null;
  /** called once per failure of an indicator, a stage or a matrix append, after it was isolated; must not throw */
  onFault?: ((f: IndicatorFault) => void) | null;
  /** one-time information that is not a failure, e.g. LVN binning its profile by a multiple of the tick */
  onNote?: ((n: IndicatorNote) => void) | null;
}

/** Every guard of a pipeline: the stages, the matrix appends and each indicator of the stages. */
export interface PipelineGuards {
  readonly g5: StageGuard;
  readonly g30: StageGuard;
  readonly matrices: StageGuard;
  readonly fvg: StageGuard;
  readonly atr: StageGuard;
  readonly features5: StageGuard;
  readonly mlmi: StageGuard;
  readonly nwrqk: StageGuard;
  readonly lvn: StageGuard;
  readonly mmd: StageGuard;
  readonly features30: StageGuard;
}

export class IndicatorPipeline {
  readonly mode: '5m' | '30m';
  readonly stage5: Stage5m;
  readonly stage30: Stage30m;
  readonly #zone: Zone;
  readonly #b30: BarBuilder;
  #lastT = -Infinity;
  /** the columns of the last delivered 30m bar (what a 5m row "sees") */
  last30: IndicatorRow | null = null;
  /** fault isolation per stage and per indicator: breaker, error counts, timing */
  readonly guards: PipelineGuards;
  readonly #u5: UnitGuards;
  readonly #u30: UnitGuards;
  readonly #onFault: FaultReport | null;
  /** did the 5m stage produce this step's outputs (so its matrix row may be appended)? */
  #ran5 = false;
  readonly synergy: SynergyDetector;
  readonly #cfg: Config;
  #step = -1;
  readonly #calendar: TradingCalendar | null;
  /** trading day of the previous step bar (NaN before the first) */
  #prevDay = NaN;
  /** end of the previous step bar (no calendar: the gap rule) */
  #prevEnd = -Infinity;
  /** did the 30m stage produce outputs at this step (so its signals may be read)? */
  #ran30 = false;

  constructor(o: PipelineOptions) {
    this.mode = o.mode;
    this.#zone = zone(o.exchangeTz);
    this.stage5 = new Stage5m(o.config);
    this.stage30 = new Stage30m(o.config, o.tickSize, o.exchangeTz);
    this.#b30 = new BarBuilder(30, this.#zone);
    this.#cfg = o.config;
    this.#calendar = o.calendar ?? null;
    this.synergy = new SynergyDetector(o.config.synergy);
    const b = { failures: o.config.alerts.breaker_failures, cooldown: o.config.alerts.breaker_cooldown_bars };
    const m = o.metrics ?? null, f = o.faults ?? null;
    this.#onFault = o.onFault ?? null;
    const g5 = new StageGuard('indicators.5m', b, m, f), g30 = new StageGuard('indicators.30m', b, m, f);
    const u5 = (this.#u5 = new UnitGuards(g5.name, this.stage5.units, b, m, f, this.#onFault));
    const u30 = (this.#u30 = new UnitGuards(g30.name, this.stage30.units, b, m, f, this.#onFault));
    this.guards = {
      g5, g30, matrices: new StageGuard('matrices', b, m, f),
      fvg: u5.guard('fvg'), atr: u5.guard('atr'), features5: u5.guard('features'),
      mlmi: u30.guard('mlmi'), nwrqk: u30.guard('nwrqk'), lvn: u30.guard('lvn'), mmd: u30.guard('mmd'), features30: u30.guard('features'),
    };
    const onNote = o.onNote ?? null;
    if (onNote) this.stage30.onNote = (n) => onNote({ ...n, indicator: `${g30.name}.${n.indicator}` });
  }

  /** One closed 5m bar. */
  push5m(bar: Bar): StepOut {
    if (this.mode !== '5m') throw new Error('push5m on a 30m pipeline');
    this.#checkOrder(bar.t);
    this.#advance(1);
    const out: StepOut = { bar, row: null, bar30: null, row30: null, zones: [], synergy: null };
    this.#ran30 = false;
    // The 30m bar this 5m bar belongs to; a 5m bar of a later bucket finalises the previous one.
    const earlier = this.#b30.addBar(bar);
    this.#run5(bar, out);
    if (earlier) this.#deliver30({ ...earlier }, out);
    // The last 5m bar of its bucket ends the 30m bar: deliver it at this step (SPEC R2).
    if (bar.t + M5 >= this.#b30.workingEnd) {
      const done = this.#b30.flush();
      if (done) this.#deliver30({ ...done }, out);
    }
    if (this.#ran5) this.#appendMatrices(bar, 5);
    out.synergy = this.#runSynergy(bar, M5);
    return out;
  }

  #runSynergy(bar: Bar, stepMs: number): SynergyEvent | null {
    const cfg = this.#cfg, signals: Signal[] = [];
    if (this.#ran30) {
      const ml = this.stage30.lastMlmi, nw = this.stage30.lastNwrqk;
      const m = ml ? mlmiSignal(ml, cfg.indicators.mlmi.k, cfg.synergy) : null;
      const n = nw ? nwrqkSignal(nw, cfg.synergy) : null;
      if (m) signals.push(m);
      if (n) signals.push(n);
    }
    if (this.#ran5) {
      const f = fvgSignal(this.stage5.lastFvg?.signal ?? null, cfg.synergy);
      if (f) signals.push(f);
    }
    // the bar's start lies inside its session (bars never span a break, SPEC §1.3), so its day is the bar's
    let sessionStart: boolean;
    if (this.#calendar) {
      const day = this.#calendar.tradingDay(bar.t);
      sessionStart = day !== this.#prevDay;
      this.#prevDay = day;
    } else {
      sessionStart = bar.t - this.#prevEnd > NO_CALENDAR_GAP_MS;
    }
    this.#prevEnd = bar.t + stepMs;
    this.#step++;
    const input: SynergyStepInput = { bar: this.#step, time: bar.t + stepMs, barStart: bar.t, sessionStart, signals };
    return this.synergy.step(input);
  }

  /** One closed 30m bar ('30m' mode). */
  push30m(bar: Bar): StepOut {
    if (this.mode !== '30m') throw new Error('push30m on a 5m pipeline');
    this.#checkOrder(bar.t);
    this.#advance(6);
    const out: StepOut = { bar, row: null, bar30: null, row30: null, zones: [], synergy: null };
    this.#run5(bar, out);
    this.#deliver30(bar, out);
    // the tactical matrix gets its row from the 5m stage run on the 30m bar, so the model has all three
    if (this.#ran5) this.#appendMatrices(bar, 5);
    out.synergy = this.#runSynergy(bar, 6 * M5);
    return out;
  }

  /**
   * History before a 5m source's first row: one complete 30m bar of the same instrument (a long 30m
   * file) through the 30m stage and its matrix rows only (MLMI's kNN memory, NW-RQK, LVN, MMD). No
   * 5m stage, no synergy step. The next bar must start at or after this bar's end, so the 30m bucket
   * the 5m bars build next can never repeat it.
   */
  warm30m(bar: Bar): void {
    if (this.mode !== '5m') throw new Error('warm30m on a 30m pipeline');
    this.#checkOrder(bar.t);
    this.#lastT = bar.t + 6 * M5 - 1;
    this.#advance(6);
    this.#deliver30({ ...bar }, { bar: null, row: null, bar30: null, row30: null, zones: [], synergy: null });
    this.#ran30 = false;
  }

  /** End of stream: a 30m bar still being built is delivered (no 5m step follows it). */
  finish(): StepOut | null {
    if (this.mode !== '5m') return null;
    const done = this.#b30.flush();
    if (!done) return null;
    const out: StepOut = { bar: null, row: null, bar30: null, row30: null, zones: [], synergy: null };
    this.#deliver30({ ...done }, out);
    return out;
  }

  /** Market time for the breakers, in 5m steps. */
  #advance(steps: number): void {
    this.guards.g5.advance(steps);
    this.guards.g30.advance(steps);
    this.guards.matrices.advance(steps);
    this.#u5.advance(steps);
    this.#u30.advance(steps);
  }

  /** The 5m stage: its own guard around the per-indicator guards. */
  #run5(bar: Bar, out: StepOut): void {
    const g = this.guards.g5;
    this.#ran5 = false;
    if (g.enter()) {
      try {
        g.inject();
        const row = this.stage5.begin(out.zones);
        this.#u5.run(bar, row);
        out.row = row;
        this.#ran5 = true;
        g.succeed();
      } catch (e) {
        g.fail(e);
        this.stage5.reset();
        this.#report(g, bar);
      }
    }
    if (!this.#ran5) out.row = nullRow(COLUMNS_5M);
  }

  /** The 30m stage: its own guard around the per-indicator guards, then the 30m and regime matrix rows. */
  #deliver30(bar: Bar, out: StepOut): void {
    out.bar30 = bar;
    const g = this.guards.g30;
    let row: IndicatorRow | null = null;
    if (g.enter()) {
      try {
        g.inject();
        row = this.stage30.begin(bar);
        this.#u30.run(bar, row);
        g.succeed();
      } catch (e) {
        g.fail(e);
        this.stage30.reset();
        this.#report(g, bar);
        row = null;
      }
    }
    out.row30 = row ?? nullRow(COLUMNS_30M);
    this.#ran30 = row !== null;
    this.last30 = out.row30;
    if (row) this.#appendMatrices(bar, 30);
  }

  /** onFault for a failure the guard `g` just counted. */
  #report(g: StageGuard, bar: Bar): void {
    this.#onFault?.({ indicator: g.name, barT: bar.t, reason: g.lastError ?? 'unknown error' });
  }

  /** One matrix append, isolated: on failure every assembler restarts (rows must stay contiguous). */
  #appendMatrices(bar: Bar, tf: 5 | 30): void {
    const g = this.guards.matrices;
    if (!g.enter()) return;
    try {
      g.inject();
      if (tf === 5) this.stage5.appendMatrixRow(bar);
      else this.stage30.appendMatrixRows(bar);
      g.succeed();
    } catch (e) {
      g.fail(e);
      this.#report(g, bar);
      this.stage5.matrix.reset();
      this.stage30.matrix30.reset();
      this.stage30.regime.reset();
    }
  }

  #checkOrder(t: number): void {
    if (!(t > this.#lastT)) throw new Error(`bars out of order: ${t} after ${this.#lastT}`);
    this.#lastT = t;
  }
}
