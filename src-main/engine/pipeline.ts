// The only file that knows the stage order (SPEC §1.6). A step is the close of one 5m bar:
//   1. update the 5m indicators (FVG, ATR, 5m features);
//   2. if a 30m bar ended at or before this step's end and was not consumed yet: update the 30m
//      indicators (MLMI, NW-RQK, LVN, MMD, 30m features) and append the 30m and regime matrix rows;
//   3. append the 5m matrix row;
//   4. run the synergy detector (SPEC §4) on the step's signals, in the order mlmi, nwrqk, fvg:
//      MLMI and NW-RQK only at the step that delivered their 30m bar, FVG on every step. A stage
//      that is down gives no signals, so synergies that need it are suspended, not invented.
//      A session break (a gap of more than 30 minutes between 5m bars: every CME halt is ≥ 60 min)
//      clears the detector's sequence and cooldown. In '30m' mode a step is a 30m bar: windows and
//      cooldowns count 30m bars and FVG comes from the 30m bars.
// The 30m bars are built here from the 5m bars, so a 30m bar is delivered exactly at the first step
// whose end reaches its end, never earlier (no look-ahead), whatever the bar source.
// In '30m' mode (30-minute input bars, or a 30m run of the CLI) each 30m bar is a step and the
// 5m-stage indicators run on the 30m bars themselves.
//
// Fault isolation (health/guard.ts): the 5m indicators, the 30m indicators (MMD included) and the
// matrix appends are each wrapped. A stage that throws is counted and reset to a fresh state (its
// indicators may hold a half-done update; its matrices must stay contiguous), its columns are null
// for that bar, and the step goes on. After `alerts.breaker_failures` consecutive failures its
// breaker opens: the stage is not called (outputs null) until `alerts.breaker_cooldown_bars` 5m
// steps of market time have passed, then one trial call closes it again or re-opens it. A
// recovered stage warms up from scratch, so its columns stay null until it is ready again: no
// value is carried over or invented. Only the pipeline's own invariant (bars in order) throws.
import type { Bar } from '../../src-shared/domain/bars.ts';
import type { Config } from '../../src-shared/config.ts';
import type { FvgZone } from '../../src-shared/ipc.ts';
import { zone, type Zone } from '../../src-shared/time.ts';
import { BarBuilder } from './bars/bar-builder.ts';
import { Stage5m, COLUMNS_5M } from './indicators/stage-5m.ts';
import { Stage30m, COLUMNS_30M } from './indicators/stage-30m.ts';
import type { IndicatorRow } from '../store/indicator-values.ts';
import { StageGuard, type Faults } from './health/guard.ts';
import { SynergyDetector, type SynergyStepInput } from './synergy/detector.ts';
import { fvgSignal, mlmiSignal, nwrqkSignal, type Signal } from './synergy/signals.ts';
import type { SynergyEvent } from './synergy/event.ts';
import type { Component, Metrics } from './health/metrics.ts';

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

/** a gap between step bars longer than this starts a new session (synergy detector, trading day) */
export const SESSION_GAP_MS = 30 * 60_000;

export interface PipelineOptions {
  config: Config;
  exchangeTz: string;
  tickSize: number;
  mode: '5m' | '30m';
  /** where stage timings, counts and errors go (the engine's registry); none: not timed */
  metrics?: Metrics | null;
  /** test hook: make a stage throw at a given call */
  faults?: Faults | null;
}

const nullRow = (cols: readonly string[]): IndicatorRow => Object.fromEntries(cols.map((c) => [c, null]));

export class IndicatorPipeline {
  readonly mode: '5m' | '30m';
  readonly stage5: Stage5m;
  readonly stage30: Stage30m;
  readonly #zone: Zone;
  readonly #b30: BarBuilder;
  #lastT = -Infinity;
  /** the columns of the last delivered 30m bar (what a 5m row "sees") */
  last30: IndicatorRow | null = null;
  /** fault isolation per stage: breaker, error counts, timing */
  readonly guards: { readonly g5: StageGuard; readonly g30: StageGuard; readonly matrices: StageGuard };
  readonly #mmd: Component | null;
  readonly #faults: Faults | null;
  /** did the 5m stage produce this step's outputs (so its matrix row may be appended)? */
  #ran5 = false;
  readonly synergy: SynergyDetector;
  readonly #cfg: Config;
  #step = -1;
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
    this.synergy = new SynergyDetector(o.config.synergy);
    const b = { failures: o.config.alerts.breaker_failures, cooldown: o.config.alerts.breaker_cooldown_bars };
    const m = o.metrics ?? null, f = o.faults ?? null;
    this.guards = {
      g5: new StageGuard('indicators.5m', b, m, f),
      g30: new StageGuard('indicators.30m', b, m, f),
      matrices: new StageGuard('matrices', b, m, f),
    };
    this.#faults = f;
    this.#mmd = m ? m.component('mmd') : null;
    // MMD runs inside the 30m stage, so it is down whenever that stage's breaker is open.
    if (this.#mmd) this.#mmd.breaker = this.guards.g30.breaker;
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
    const sessionStart = bar.t - this.#prevEnd > SESSION_GAP_MS;
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
  }

  #run5(bar: Bar, out: StepOut): void {
    const g = this.guards.g5;
    this.#ran5 = false;
    if (g.enter()) {
      try {
        g.inject();
        out.row = this.stage5.update(bar, out.zones);
        this.#ran5 = true;
        g.succeed();
      } catch (e) {
        g.fail(e);
        this.stage5.reset();
      }
    }
    if (!this.#ran5) out.row = nullRow(COLUMNS_5M);
  }

  #deliver30(bar: Bar, out: StepOut): void {
    out.bar30 = bar;
    const g = this.guards.g30;
    let row: IndicatorRow | null = null;
    if (g.enter()) {
      try {
        g.inject();
        this.#runMmd(bar);
        row = this.stage30.update(bar);
        g.succeed();
      } catch (e) {
        g.fail(e);
        this.stage30.reset();
      }
    }
    out.row30 = row ?? nullRow(COLUMNS_30M);
    this.#ran30 = row !== null;
    this.last30 = out.row30;
    if (row) this.#appendMatrices(bar, 30);
  }

  /** MMD, part of the 30m stage (its failure fails the stage) but timed and counted apart: it is the costly one. */
  #runMmd(bar: Bar): void {
    const c = this.#mmd;
    const t0 = c ? c.now() : 0;
    try {
      this.#faults?.before('mmd');
      this.stage30.updateMmd(bar);
    } catch (e) {
      if (c) c.fail(c.now() - t0, e);
      throw e;
    }
    if (c) {
      const t1 = c.now();
      c.observe(t1 - t0, 1, t1);
    }
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
