// The only file that knows the stage order (SPEC §1.6). A step is the close of one 5m bar:
//   1. update the 5m indicators (FVG, ATR, 5m features);
//   2. if a 30m bar ended at or before this step's end and was not consumed yet: update the 30m
//      indicators (MLMI, NW-RQK, LVN, MMD, 30m features) and append the 30m and regime matrix rows;
//   3. append the 5m matrix row.
// The 30m bars are built here from the 5m bars, so a 30m bar is delivered exactly at the first step
// whose end reaches its end, never earlier (no look-ahead), whatever the bar source.
// In '30m' mode (30-minute input bars, or a 30m run of the CLI) each 30m bar is a step and the
// 5m-stage indicators run on the 30m bars themselves.
import type { Bar } from '../../src-shared/domain/bars.ts';
import type { Config } from '../../src-shared/config.ts';
import type { FvgZone } from '../../src-shared/ipc.ts';
import { zone, type Zone } from '../../src-shared/time.ts';
import { BarBuilder } from './bars/bar-builder.ts';
import { Stage5m } from './indicators/stage-5m.ts';
import { Stage30m } from './indicators/stage-30m.ts';
import type { IndicatorRow } from '../store/indicator-values.ts';

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
}

export interface PipelineOptions {
  config: Config;
  exchangeTz: string;
  tickSize: number;
  mode: '5m' | '30m';
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

  constructor(o: PipelineOptions) {
    this.mode = o.mode;
    this.#zone = zone(o.exchangeTz);
    this.stage5 = new Stage5m(o.config);
    this.stage30 = new Stage30m(o.config, o.tickSize, o.exchangeTz);
    this.#b30 = new BarBuilder(30, this.#zone);
  }

  /** One closed 5m bar. */
  push5m(bar: Bar): StepOut {
    if (this.mode !== '5m') throw new Error('push5m on a 30m pipeline');
    this.#checkOrder(bar.t);
    const out: StepOut = { bar, row: null, bar30: null, row30: null, zones: [] };
    // The 30m bar this 5m bar belongs to; a 5m bar of a later bucket finalises the previous one.
    const earlier = this.#b30.addBar(bar);
    const row = this.stage5.update(bar, out.zones);
    out.row = row;
    if (earlier) this.#deliver30({ ...earlier }, out);
    // The last 5m bar of its bucket ends the 30m bar: deliver it at this step (SPEC R2).
    if (bar.t + M5 >= this.#b30.workingEnd) {
      const done = this.#b30.flush();
      if (done) this.#deliver30({ ...done }, out);
    }
    this.stage5.appendMatrixRow(bar);
    return out;
  }

  /** One closed 30m bar ('30m' mode). */
  push30m(bar: Bar): StepOut {
    if (this.mode !== '30m') throw new Error('push30m on a 5m pipeline');
    this.#checkOrder(bar.t);
    const out: StepOut = { bar, row: null, bar30: null, row30: null, zones: [] };
    out.row = this.stage5.update(bar, out.zones);
    this.#deliver30(bar, out);
    return out;
  }

  /** End of stream: a 30m bar still being built is delivered (no 5m step follows it). */
  finish(): StepOut | null {
    if (this.mode !== '5m') return null;
    const done = this.#b30.flush();
    if (!done) return null;
    const out: StepOut = { bar: null, row: null, bar30: null, row30: null, zones: [] };
    this.#deliver30({ ...done }, out);
    return out;
  }

  #deliver30(bar: Bar, out: StepOut): void {
    out.bar30 = bar;
    out.row30 = this.stage30.update(bar);
    this.last30 = out.row30;
  }

  #checkOrder(t: number): void {
    if (!(t > this.#lastT)) throw new Error(`bars out of order: ${t} after ${this.#lastT}`);
    this.#lastT = t;
  }
}
