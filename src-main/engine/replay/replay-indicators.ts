// The indicator side of a replay: a pipeline warmed from the stored bars before the replay's start,
// fed the bars the replay closes, and the values and FVG zones not yet sent to clients.
import type { Db } from '../../store/db.ts';
import { hasBars, iterateBars } from '../../store/bars.ts';
import { IndicatorPipeline, type StepOut } from '../pipeline.ts';
import type { Metrics } from '../health/metrics.ts';
import type { Bar, Timeframe } from '../../../src-shared/domain/bars.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { FvgZone, IndicatorFrame } from '../../../src-shared/ipc.ts';

/**
 * 30m bars of MMD warm-up fed before a replay start. Its state is bounded: 100 points in the test
 * window, each with a σ over the 20 returns before it, so after 2 + 20 + 100 bars a fresh MMD
 * agrees to the bit with one fed the whole history. A margin on top.
 */
const MMD_WARM_BARS = 130;

export interface ReplaySource { instrumentId: number; tickSize: number; inputMinutes: number }

export class ReplayIndicators {
  readonly pipeline: IndicatorPipeline;
  /** called with every step the replay closes (not the warm-up): the trading side listens here */
  onStep: ((out: StepOut, pipeline: IndicatorPipeline) => void) | null = null;
  #frames = new Map<'5m' | '30m', IndicatorFrame>();
  #zones: FvgZone[] = [];

  private constructor(pipeline: IndicatorPipeline) {
    this.pipeline = pipeline;
  }

  /** A pipeline in the state it has at `from`: fed every stored bar before it (MMD only the last ones). */
  static warm(db: Db, src: ReplaySource, exchangeTz: string, config: Config, metrics: Metrics | null, from: number): ReplayIndicators {
    const has5m = hasBars(db, src.instrumentId, 5);
    const p = new IndicatorPipeline({ config, exchangeTz, tickSize: src.tickSize, mode: has5m || src.inputMinutes < 30 ? '5m' : '30m', metrics });
    const warm = db.prepare('SELECT t FROM bars WHERE instrument_id = ? AND tf = 30 AND t < ? ORDER BY t DESC LIMIT 1 OFFSET ?')
      .get(src.instrumentId, from, MMD_WARM_BARS) as { t: number } | undefined;
    p.stage30.skipMmdBefore = warm ? warm.t : -Infinity;
    const tf = p.mode === '5m' ? 5 : 30;
    for (const b of [...iterateBars(db, src.instrumentId, tf, -8.64e15, from)]) {
      if (p.mode === '5m') p.push5m(b); else p.push30m(b);
    }
    return new ReplayIndicators(p);
  }

  /** Feed a bar the replay closed; true when it was the pipeline's step timeframe. */
  onClosed(tf: Timeframe, b: Bar): boolean {
    const p = this.pipeline;
    let out: StepOut;
    if (p.mode === '5m' && tf === '5m') out = p.push5m(b);
    else if (p.mode === '30m' && tf === '30m') out = p.push30m(b);
    else return false;
    this.#take(out);
    this.onStep?.(out, p);
    return true;
  }

  /** End of the data: deliver a 30m bar still being built. */
  finish(): void {
    const last = this.pipeline.finish();
    if (last) this.#take(last);
  }

  get pending(): boolean {
    return this.#frames.size > 0 || this.#zones.length > 0;
  }

  /** The values and zones collected since the last drain. */
  drain(): { frames: IndicatorFrame[]; zones: FvgZone[] } {
    const out = { frames: [...this.#frames.values()], zones: this.#zones };
    this.#frames.clear();
    this.#zones = [];
    return out;
  }

  #take(out: StepOut): void {
    const mode = this.pipeline.mode;
    if (out.bar && out.row && mode === '5m') this.#add('5m', out.bar.t, out.row);
    if (out.bar30 && out.row30) this.#add('30m', out.bar30.t, mode === '5m' ? out.row30 : { ...out.row30, ...out.row });
    if (mode === '5m') this.#zones.push(...out.zones);
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
