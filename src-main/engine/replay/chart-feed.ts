// What a paced replay shows: the bars its kernel closed (every timeframe) and the indicator values
// and FVG zones of its steps, collected between two emits to the renderer.
import { emptyColumns, pushBar, type Bar, type BarColumns, type Timeframe } from '../../../src-shared/domain/bars.ts';
import type { FvgZone, IndicatorFrame } from '../../../src-shared/ipc.ts';
import type { KernelListener, KernelStep } from '../kernel/kernel.ts';
import type { StepMode } from '../kernel/mode.ts';

export class ChartFeed implements KernelListener {
  readonly #mode: StepMode;
  readonly #finest: Timeframe;
  #closed = new Map<Timeframe, BarColumns>();
  #frames = new Map<'5m' | '30m', IndicatorFrame>();
  #zones: FvgZone[] = [];
  /** bars of the finest timeframe closed so far */
  closedFine = 0;

  constructor(mode: StepMode, finest: Timeframe) {
    this.#mode = mode;
    this.#finest = finest;
  }

  bar(tf: Timeframe, b: Bar): void {
    let cols = this.#closed.get(tf);
    if (!cols) this.#closed.set(tf, (cols = emptyColumns()));
    pushBar(cols, b);
    if (tf === this.#finest) this.closedFine++;
  }

  step(k: KernelStep): void {
    const out = k.out, mode = this.#mode;
    // the end of the data delivers the 30m bar still being built: it ends after the replay clock, so
    // its values are not shown (the chart never gets anything from after the clock)
    if (out.bar === null) return;
    if (out.bar && out.row && mode === '5m') this.#add('5m', out.bar.t, out.row);
    if (out.bar30 && out.row30) this.#add('30m', out.bar30.t, mode === '5m' ? out.row30 : { ...out.row30, ...out.row });
    if (mode === '5m') this.#zones.push(...out.zones);
  }

  /** The closed bars of `tf` since the last take. */
  closed(tf: Timeframe): BarColumns {
    return this.#closed.get(tf) ?? emptyColumns();
  }

  clearBars(): void {
    this.#closed.clear();
  }

  get indicatorsPending(): boolean {
    return this.#frames.size > 0 || this.#zones.length > 0;
  }

  /** The values and zones collected since the last drain. */
  drainIndicators(): { frames: IndicatorFrame[]; zones: FvgZone[] } {
    const out = { frames: [...this.#frames.values()], zones: this.#zones };
    this.#frames.clear();
    this.#zones = [];
    return out;
  }

  #add(tf: '5m' | '30m', t: number, row: Record<string, number | null>): void {
    let f = this.#frames.get(tf);
    if (!f) this.#frames.set(tf, (f = { timeframe: tf, t: [], series: {} }));
    const i = f.t.length;
    f.t.push(t);
    for (const [k, v] of Object.entries(row)) (f.series[k] ??= new Array(i).fill(null)).push(v);
    for (const col of Object.values(f.series)) if (col.length < i + 1) col.push(null);
  }
}
