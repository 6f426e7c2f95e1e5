// Indicator values of the chart's symbol: the columns the chart shows, loaded with `indicators.range`
// (typed columns; the newest rows when the chart reloads, then those of the bars it holds once they are
// loaded, and again when it pages), then followed with `indicators.appended` while the newest bars are
// held (append; a replay's reset drops values at or after its `from`). While the chart shows the
// overview, one row a bucket of the whole history (`indicators.range` with `bucket`): the overlays
// decimated to the candles, the step columns only (a bucket's signals show once zoomed in to bars).
// `aligned` places them on the chart's bars (rebuilt once per change of either, not per draw; its
// columns are built when read).
import type { Api } from '../api.ts';
import type { EventPayload, FvgZone, IndicatorFrame, Res, Value } from '../../../src-shared/ipc.ts';
import { TIMEFRAME_MINUTES, type Timeframe } from '../../../src-shared/domain/bars.ts';
import type { ChartData } from './chart.svelte.ts';
import { FrameStore } from '../indicators/frame-store.ts';
import { buildAligned, EVENT_COLUMNS, STEP_COLUMNS, type Aligned } from '../indicators/align.ts';

const zoneKey = (z: FvgZone) => `${z.from}|${z.dir}`;
/** the columns the chart draws or reads out: the only ones held */
const CHART_COLUMNS: string[] = [...STEP_COLUMNS, ...EVENT_COLUMNS];
const SHOWN: ReadonlySet<string> = new Set(CHART_COLUMNS);
/** the overview's columns: a bucket's newest row says nothing of the events of the rows before it */
const STEPS: ReadonlySet<string> = new Set(STEP_COLUMNS);
/** the coarsest indicator frame's bar: a window's values start at the one that holds its first bar */
const COARSEST_MS = TIMEFRAME_MINUTES['30m'] * 60_000;
/** rows of the finest indicator frame asked for first: more than the chart's first 5,000 bars cover */
const FIRST_ROWS = 5_000;

export class Indicators {
  #api: Api;
  #chart: ChartData;
  #seq = 0;
  #symbol: string | null = null;
  #frames = new Map<Timeframe, FrameStore>();
  #zones = new Map<string, FvgZone>();
  #queue: EventPayload<'indicators.appended'>[] = [];
  /** every stored value of the symbol is held (the first answer left nothing out) */
  #complete = false;
  /** ms per bucket of the rows held (one row a bucket of the overview), 0 for every row */
  #bucket = 0;

  loading = $state(false);
  error = $state<string | null>(null);
  /** bumps on every change of the values */
  revision = $state(0);

  /** The values on the chart's bars (empty while the chart shows another symbol). */
  readonly aligned: Aligned = $derived.by(() => {
    void this.revision;
    void this.#chart.revision;
    const shown = this.#chart.shown;
    const t = this.#chart.columns.view().t;
    const bucket = this.#chart.overview;
    // rows of the chart's kind of items only: bars, or the overview's buckets (none in between)
    const frames = shown.symbol !== null && shown.symbol === this.#symbol && this.#bucket === bucket ? [...this.#frames.values()] : [];
    const zones = frames.length > 0 ? this.#zones.values() : [];
    return buildAligned(t, bucket > 0 ? bucket : TIMEFRAME_MINUTES[shown.timeframe] * 60_000, frames, zones, bucket > 0);
  });

  /** true while the chart shows the overview (its values are one a bucket, without signals) */
  get overview(): boolean { return this.#chart.overview > 0; }

  constructor(api: Api, chart: ChartData) {
    this.#api = api;
    this.#chart = chart;
  }

  /** Load the values for `symbol` at `timeframe` (the chart calls this when it reloads). */
  async load(symbol: string | null, timeframe: Timeframe): Promise<void> {
    const seq = ++this.#seq;
    this.#queue = [];
    this.#symbol = symbol;
    this.#frames.clear();
    this.#zones.clear();
    this.#bucket = 0;
    if (!symbol) {
      this.loading = false;
      this.revision++;
      return;
    }
    this.loading = true;
    this.#complete = false;
    // the newest rows first (the chart shows its newest bars first); the rest for the bars the chart
    // holds once they are loaded (loadWindow): a long history's first overlays do not wait for it all
    const res = await this.#api.call('indicators.range', { symbol, timeframe, columns: CHART_COLUMNS, limit: FIRST_ROWS });
    if (seq !== this.#seq) return;
    this.#complete = res.ok && !res.value.more;
    this.#land(res, 0);
  }

  /** The chart shows the overview, buckets of `bucket` ms: the newest row of each bucket of the whole history. */
  async loadOverview(symbol: string, timeframe: Timeframe, bucket: number): Promise<void> {
    this.#complete = false;
    const seq = ++this.#seq;
    this.#symbol = symbol;
    this.loading = true;
    const res = await this.#api.call('indicators.range', { symbol, timeframe, columns: [...STEP_COLUMNS], bucket });
    if (seq !== this.#seq) return;
    this.#land(res, bucket);
  }

  /**
   * The values of the bars held, [first, last] (ChartData.onWindow: once the bars are loaded, and after
   * each page of a history longer than the chart holds); from the coarsest frame's bar holding `first`,
   * to the clock while the newest bars are held. Nothing to do when the first answer held them all.
   */
  async loadWindow(symbol: string, timeframe: Timeframe, first: number, last: number): Promise<void> {
    if (this.#complete && symbol === this.#symbol && !this.#chart.olderLeft && !this.#chart.newerLeft) return; // all held already
    this.#complete = false;
    const seq = ++this.#seq;
    this.#symbol = symbol;
    this.loading = true;
    const to = this.#chart.newerLeft ? { to: last + 1 } : {};
    const res = await this.#api.call('indicators.range', { symbol, timeframe, columns: CHART_COLUMNS, from: first - COARSEST_MS + 1, ...to });
    if (seq !== this.#seq) return;
    this.#land(res, 0);
  }

  /**
   * An `indicators.range` answer replaces the values held (or its problem is shown); the events queued
   * meanwhile follow, unless the chart was paged back from the newest bars.
   */
  #land(res: Res<'indicators.range'>, bucket: number): void {
    this.loading = false;
    this.#frames.clear();
    this.#bucket = bucket;
    if (res.ok) {
      this.error = null;
      this.#put(res.value);
    } else {
      this.error = res.problem.message;
    }
    const queued = this.#queue;
    this.#queue = [];
    if (!this.#chart.newerLeft) for (const p of queued) this.#apply(p);
    this.revision++;
  }

  /** Replace the values held by an `indicators.range` answer. */
  #put(v: Value<'indicators.range'>): void {
    this.#zones.clear();
    for (const f of v.frames) {
      this.#frame(f.timeframe).loadColumns(f.t, f.cols);
    }
    for (const z of v.fvgZones) this.#zones.set(zoneKey(z), z);
  }

  /** Handler for `indicators.appended`. */
  onAppended(p: EventPayload<'indicators.appended'>): void {
    if (p.symbol !== this.#symbol) return;
    if (this.#chart.newerLeft) return; // values of bars not held (a reset reloads the chart, and these with it)
    if (this.loading) {
      this.#queue.push(p);
      return;
    }
    this.#apply(p);
    this.revision++;
  }

  /** Start of the first bar of `tf` with values held (tests: all history loaded). */
  firstT(tf: Timeframe): number | null {
    const f = this.#frames.get(tf);
    return f && f.length > 0 ? f.t[0]! : null;
  }

  /** Start of the last bar of `tf` with values (replay progress; tests). */
  lastT(tf: Timeframe): number | null {
    const f = this.#frames.get(tf);
    return f && f.length > 0 ? f.t[f.length - 1]! : null;
  }

  #frame(tf: Timeframe): FrameStore {
    let f = this.#frames.get(tf);
    if (!f) {
      f = new FrameStore(TIMEFRAME_MINUTES[tf] * 60_000);
      this.#frames.set(tf, f);
    }
    return f;
  }

  #apply(p: EventPayload<'indicators.appended'>): void {
    if (p.reset) {
      if (p.from === null) {
        for (const f of this.#frames.values()) f.clear();
        this.#zones.clear();
      } else {
        const from = p.from;
        for (const f of this.#frames.values()) f.truncateFrom(from);
        for (const [k, z] of this.#zones) {
          if (z.from >= from) this.#zones.delete(k);
          else if (z.to !== null && z.to >= from) this.#zones.set(k, { ...z, to: null, end: null }); // active again at `from`
        }
      }
    }
    for (const f of p.frames) this.#upsert(f);
    for (const z of p.fvgZones) this.#zones.set(zoneKey(z), z);
  }

  #upsert(f: IndicatorFrame): void {
    if (f.t.length === 0) return;
    const held = this.#bucket > 0 ? STEPS : SHOWN; // the overview's rows carry no signals
    const series = Object.fromEntries(Object.entries(f.series).filter(([k]) => held.has(k)));
    this.#frame(f.timeframe).upsert({ ...f, series });
  }
}
