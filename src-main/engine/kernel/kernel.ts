// The trading kernel: the one composition root of the pipeline. Every way of running it — the app's
// replay, the CLI replay, the bench, training and the synergy counts — builds a Kernel and hands it
// the rows of a market source in time order; nothing else knows the stage order or decides fills.
//
//   rows (ticks or bars) → bars (1m/5m/30m, exchange-clock aligned) → at each closed step bar:
//   indicators → matrices → synergy (pipeline.ts) → decision → risk → approvals → paper execution
//   (trading/session.ts, which records every state change in its store)
//
// Fills come from the finest data the source has: with ticks, every trade print (not the volume-only
// ones) goes to the broker as it arrives, so an approved order fills at the next print after its
// decision; with bars, the broker walks the step bars' conservative path. A step bar closes before
// any row of the next step reaches the broker, so the app (paced, stored rows) and the CLI (a file
// read at once) trade the same prints in the same order and record the same decision stream.
import type { Bar, Timeframe } from '../../../src-shared/domain/bars.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments.ts';
import { zone } from '../../../src-shared/time.ts';
import { BarSet } from '../bars/bar-set.ts';
import type { BarBuilder } from '../bars/bar-builder.ts';
import type { FeedChunk } from '../feed/types.ts';
import { IndicatorPipeline, type PipelineOptions, type StepOut } from '../pipeline.ts';
import { decisionMatrices, matricesNotReady } from '../decision/inputs.ts';
import type { TradingSession, StepResult } from '../trading/session.ts';
import type { Metrics } from '../health/metrics.ts';
import type { Faults } from '../health/guard.ts';
import { stepMsOf, type StepMode } from './mode.ts';
import { calendarOf } from './calendar.ts';
import type { TradingCalendar } from '../../../src-shared/instruments/types.ts';

export interface KernelStep {
  /** the step's bar, indicator rows, 30m bar and synergy (bar null: the end-of-data 30m delivery) */
  out: StepOut;
  /** the trading step's result; null when this step only moved the pipeline on (warm-up, a resumed run's traded steps, no trading) */
  result: StepResult | null;
  /** ms from the bar close (indicators done) to the decision's commit; null without a traded synergy */
  decisionMs: number | null;
}

export interface KernelListener {
  /** every closed bar of every timeframe the source can make (the chart) */
  bar?(tf: Timeframe, bar: Bar): void;
  /** every step; return true to stop feeding right after it (the replay holds for the trader) */
  step?(s: KernelStep): boolean | void;
}

/**
 * What the kernel reads of an instrument: the clock bars align to, the price grid (LVN) and the
 * calendar (session breaks; none: the stream is one session, as for a file of an unknown instrument).
 */
export type KernelSpec = Pick<InstrumentSpec, 'exchangeTz' | 'tickSize'> & { calendar?: InstrumentSpec['calendar'] };

export interface KernelOptions {
  config: Config;
  spec: KernelSpec;
  mode: StepMode;
  /** the source's row period in minutes (0: trade ticks) */
  inputMinutes: number;
  /** the trading side; null: indicators and synergies only (training, counts) */
  trading?: TradingSession | null;
  metrics?: Metrics | null;
  faults?: Faults | null;
  onFault?: PipelineOptions['onFault'];
  /** an indicator adapted itself and says so (LVN's coarser grid) */
  onNote?: PipelineOptions['onNote'];
  /** rehearse the decision path between bars while the synergy detector is armed (default on; off only to measure it) */
  rehearse?: boolean;
  /** steps before this time (ms, the bar's start) only warm the pipeline: a walk-forward fold trades its window alone */
  tradeFrom?: number;
  /** a rehearsal failed (nothing was stored; trading goes on) */
  onRehearsalFailed?: (e: Error) => void;
}

export interface KernelStats {
  steps: number;
  /** steps that only moved the pipeline on */
  warmed: number;
  traded: number;
  decisions: number;
  /** per traded synergy: bar close → decision committed, ms */
  decisionMs: number[];
  /** decision rehearsals between bars and the ms they took in all */
  primes: number;
  primeMs: number;
}

/** Test hooks injected from outside (tests/helpers): called after every committed trading step. */
export const kernelHooks: { afterCommit: ((session: TradingSession) => void)[] } = { afterCommit: [] };

export class Kernel {
  readonly pipeline: IndicatorPipeline;
  readonly trading: TradingSession | null;
  readonly mode: StepMode;
  readonly stepMs: number;
  /** the instrument's exchange calendar (session breaks); null for a spec without one */
  readonly calendar: TradingCalendar | null;
  readonly stats: KernelStats = { steps: 0, warmed: 0, traded: 0, decisions: 0, decisionMs: [], primes: 0, primeMs: 0 };
  readonly #set: BarSet;
  readonly #stepBuilder: BarBuilder;
  readonly #stepTf: Timeframe;
  readonly #listeners: KernelListener[] = [];
  readonly #rehearse: boolean;
  readonly #onRehearsalFailed: ((e: Error) => void) | null;
  readonly #tradeFrom: number;
  #stop = false;
  /** end (time of knowledge) of the last step bar; -Infinity before the first */
  lastStepEnd = -Infinity;
  /** wall ms spent inside steps (indicators to commit), for callers that time bar building apart */
  stepWallMs = 0;

  constructor(o: KernelOptions) {
    this.mode = o.mode;
    this.stepMs = stepMsOf(o.mode);
    this.trading = o.trading ?? null;
    this.#rehearse = o.rehearse ?? true;
    this.#onRehearsalFailed = o.onRehearsalFailed ?? null;
    this.#tradeFrom = o.tradeFrom ?? -Infinity;
    this.calendar = calendarOf(o.spec);
    this.pipeline = new IndicatorPipeline({
      config: o.config, exchangeTz: o.spec.exchangeTz, tickSize: o.spec.tickSize, mode: o.mode, calendar: this.calendar,
      metrics: o.metrics ?? null, faults: o.faults ?? null, onFault: o.onFault, onNote: o.onNote,
    });
    this.#stepTf = o.mode;
    this.#set = new BarSet(zone(o.spec.exchangeTz), o.inputMinutes, (tf, b) => this.#closed(tf, b));
    const i = this.#set.timeframes.indexOf(this.#stepTf);
    if (i < 0) throw new Error(`a ${o.inputMinutes}-minute source cannot make ${o.mode} steps`);
    this.#stepBuilder = this.#set.builders[i]!;
    this.trading?.warmUp();
  }

  listen(l: KernelListener): this {
    this.#listeners.push(l);
    return this;
  }

  /** History before the source's first row: a step bar that only moves the pipeline on. */
  warm(bar: Bar): void {
    if (this.mode === '5m') this.pipeline.push5m(bar); else this.pipeline.push30m(bar);
    this.stats.steps++;
    this.stats.warmed++;
  }

  /** 30m history before a 5m source's first row (a long 30m file of the instrument): the 30m stage only, not a step. */
  warm30(bar: Bar): void {
    this.pipeline.warm30m(bar);
  }

  /**
   * A closed step bar from a source that already holds step bars (stored 5m or 30m bars): the same as
   * a step bar the kernel closed itself (listeners get it; with trading, it trades).
   */
  step(bar: Bar): void {
    this.#closed(this.#stepTf, bar);
  }

  /**
   * Rows of the market source, in time order. Returns the index it stopped at: `to`, or earlier, right
   * after a step whose listener asked to stop (the rows from there on are not consumed).
   */
  feed(chunk: FeedChunk, from = 0, to = chunk.n): number {
    const t = chunk.t;
    let i = from;
    while (i < to) {
      const end = this.#stepBuilder.workingEnd;
      if (end === -Infinity) { this.#push(chunk, i, i + 1); i++; continue; }
      // the step bar ends before this row: close it (and its step) before the row reaches the broker
      if (t[i]! >= end) {
        this.#set.scan(end);
        if (this.#takeStop()) return i;
        continue;
      }
      let j = i + 1;
      while (j < to && t[j]! < end) j++;
      this.#push(chunk, i, j);
      i = j;
    }
    return to;
  }

  /** Market time has reached `clock` (a paced replay): close the bars whose end has passed. True: a listener asked to stop. */
  advanceTo(clock: number): boolean {
    this.#set.scan(clock);
    return this.#takeStop();
  }

  /** End of the data: the bars still forming close (the last step trades), then the last 30m bar's indicators. */
  finish(): void {
    this.#set.flush();
    const last = this.pipeline.finish();
    if (last) this.#emitStep({ out: last, result: null, decisionMs: null });
    this.#stop = false;
  }

  forming(tf: Timeframe): Bar | null {
    return this.#set.forming(tf);
  }

  get timeframes(): readonly Timeframe[] {
    return this.#set.timeframes;
  }

  #push(chunk: FeedChunk, a: number, b: number): void {
    this.#set.push(chunk, a, b);
    const s = this.trading;
    if (s === null || chunk.kind !== 'ticks') return;
    const { t, price, volOnly } = chunk;
    for (let k = a; k < b; k++) if (volOnly[k] !== 1) s.onTick(t[k]!, price[k]!);
  }

  #takeStop(): boolean {
    const s = this.#stop;
    this.#stop = false;
    return s;
  }

  #closed(tf: Timeframe, bar: Bar): void {
    for (const l of this.#listeners) l.bar?.(tf, bar);
    if (tf === this.#stepTf) this.#step({ ...bar });
  }

  #step(bar: Bar): void {
    const w0 = performance.now();
    this.lastStepEnd = bar.t + this.stepMs;
    this.#stepBody(bar);
    this.stepWallMs += performance.now() - w0;
  }

  #stepBody(bar: Bar): void {
    const p = this.pipeline;
    const out = this.mode === '5m' ? p.push5m(bar) : p.push30m(bar);
    const st = this.stats;
    st.steps++;
    const s = this.trading;
    if (s === null || bar.t < this.#tradeFrom || (s.cursorT !== null && bar.t <= s.cursorT)) {
      st.warmed++;
      this.#emitStep({ out, result: null, decisionMs: null });
      return;
    }
    const atr = out.row?.atr ?? null;
    const t0 = performance.now();
    const result = s.step({
      bar, atr, synergy: out.synergy, matrices: () => decisionMatrices(p, { copy: false }), matricesNotReady: () => matricesNotReady(p),
    });
    const decisionMs = out.synergy ? performance.now() - t0 : null;
    st.traded++;
    if (decisionMs !== null) st.decisionMs.push(decisionMs);
    if (result.decision) st.decisions++;
    for (const h of kernelHooks.afterCommit) h(s);
    this.#emitStep({ out, result, decisionMs });
    // a synergy can complete at the next close: rehearse the decision path now, between bars
    if (this.#rehearse && p.synergy.armed) {
      const r0 = performance.now();
      const failed = s.prime(decisionMatrices(p, { copy: false }), atr);
      if (failed) this.#onRehearsalFailed?.(failed);
      st.primeMs += performance.now() - r0;
      st.primes++;
    }
  }

  #emitStep(k: KernelStep): void {
    for (const l of this.#listeners) if (l.step?.(k) === true) this.#stop = true;
  }
}
