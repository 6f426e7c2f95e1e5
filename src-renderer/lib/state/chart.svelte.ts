// Bars of the selected symbol and timeframe, as growable columns for uPlot. Loads the newest bars
// with `bars.range` (typed columns), then older history in chunks put in front, up to `cap` bars held
// at once (the renderer's memory stays bounded whatever the history's length); beyond that, older or
// newer history pages in as the view nears an end of the bars held, and as many bars leave from the
// other end (all of it reachable); zoomed out that far, it holds buckets of the whole history instead
// (the overview, chart-overview.ts). Follows `bars.appended` while the newest bars are held: closed bars
// are appended, the forming bar is replaced or appended, and a replay's reset drops bars at or after
// its `from`; in the overview, new bars fold into its newest candles (overview-tail.ts). The symbol and
// timeframe shown are kept (chart-memory.ts).
import type { Api } from '../api.ts';
import type { EventPayload } from '../../../src-shared/ipc.ts';
import { TIMEFRAME_MINUTES, type Timeframe } from '../../../src-shared/domain/bars.ts';
import { rememberView } from './chart-memory.ts';
import { Columns } from '../columns.ts';
import { OhlcvPyramid, type OhlcvLevel } from '../chart/lod.ts';
import { loadAround, loadOverview, viewTimes, wantsBars, wantsOverview, type Loaded } from './chart-overview.ts';
import { OverviewFollow } from './overview-tail.ts';
import type { BarRowLike } from '../columns.ts';

/** the newest bars, asked for first (a few screens: the first candles come fast) */
const FIRST_BARS = 5_000;
/** then the older history, newest first, this many bars a request (at most; a page is cap / 4) */
const CHUNK_BARS = 200_000;
/** most bars held at once by default (2^20: a million 1-minute bars fit, the columns' capacity stays 2^20) */
export const MAX_HELD_BARS = 1 << 20;
/** after a failed page or overview request, the next one waits this long (the view asks on every frame) */
const RETRY_MS = 3_000;
const tfMs = (tf: Timeframe) => TIMEFRAME_MINUTES[tf] * 60_000;

export class ChartData {
  #api: Api;
  #cols = new Columns();
  #pyramid = new OhlcvPyramid();
  #shift = 0;
  #seq = 0;
  #queue: EventPayload<'bars.appended'>[] = [];
  #paged = false;
  #remap: [number, number] | null = null;
  #failedAt = -Infinity;
  /** the overview's newest candles, folding new bars */
  #follow: OverviewFollow | null = null;

  /** most bars held at once (set before a reload); more history pages in at the ends */
  cap = MAX_HELD_BARS;
  /** stored bars exist before the first held one, not loaded (the held bars reached `cap`) */
  olderLeft = $state(false);
  /** stored bars exist after the last held one: the window was paged back, live bars are not followed */
  newerLeft = $state(false);
  /** a page of older or newer bars (or the overview, or bars from it) is on its way */
  paging = $state(false);
  /** ms per item while the chart holds buckets of the whole history (the overview), else 0 */
  overview = $state(0);
  /** why the last page or overview request failed (cleared by the next one that succeeds) */
  pageError = $state<string | null>(null);

  symbol = $state<string | null>(null);
  timeframe = $state<Timeframe>('5m');
  /** number of bars held (the chart's bar count) */
  length = $state(0);
  /** bumps on every change of the columns */
  revision = $state(0);
  /** bumps when the columns were replaced (new symbol/timeframe/reload): the view refits */
  loadId = $state(0);
  loading = $state(false);
  /** true while older history is still being loaded (after the newest bars are shown) */
  older = $state(false);
  /** symbol and timeframe of the bars held now (changes when a load lands) */
  shown = $state.raw<{ symbol: string | null; timeframe: Timeframe }>({ symbol: null, timeframe: '5m' });
  error = $state<string | null>(null);
  /** called when a (re)load starts, so data that follows the bars (indicators) loads alongside */
  onReload: ((symbol: string | null, timeframe: Timeframe) => void) | null = null;
  /** called when the bars held are loaded or paged: [first, last] bar start held (see olderLeft, newerLeft) */
  onWindow: ((symbol: string, timeframe: Timeframe, first: number, last: number) => void) | null = null;
  /** called when the overview came in: buckets of `bucket` ms over the whole history */
  onOverview: ((symbol: string, timeframe: Timeframe, bucket: number) => void) | null = null;

  constructor(api: Api) {
    this.#api = api;
  }

  get columns(): Columns { return this.#cols; }

  /** minutes per item held: the timeframe's, or the overview's bucket */
  get itemMinutes(): number { return this.overview > 0 ? this.overview / 60_000 : TIMEFRAME_MINUTES[this.timeframe]; }

  /** bars of the timeframe per item held: 1, or the overview's bucket length */
  get barsPerItem(): number { return this.itemMinutes / TIMEFRAME_MINUTES[this.timeframe]; }

  /** Buckets of `size` bars over the bars held (the chart's level of detail). */
  lodLevel(size: number): OhlcvLevel {
    const { data } = this.#cols.view();
    return this.#pyramid.level({ o: data[1], h: data[2], l: data[3], c: data[4], v: data[5] }, data[0].length, size);
  }

  /** Show `symbol` at `timeframe` (reloads when either changed, or when forced). */
  async show(symbol: string | null, timeframe: Timeframe, force = false): Promise<void> {
    if (!force && symbol === this.symbol && timeframe === this.timeframe && !this.error) return;
    this.symbol = symbol;
    this.timeframe = timeframe;
    if (symbol) {
      rememberView(symbol, timeframe);
    }
    await this.reload();
  }

  async reload(): Promise<void> {
    const seq = ++this.#seq;
    const symbol = this.symbol;
    const timeframe = this.timeframe;
    this.#queue = [];
    this.#shift = 0;
    this.older = false;
    this.olderLeft = false;
    this.newerLeft = false;
    this.overview = 0;
    this.pageError = null;
    this.#remap = null;
    if (!symbol) {
      this.onReload?.(symbol, timeframe);
      this.loading = false;
      this.#cols.clear();
      this.shown = { symbol, timeframe };
      this.#changed(true);
      return;
    }
    this.loading = true;
    // asked before what follows the bars (indicators), so the engine answers it first
    const first = this.#api.call('bars.range', { symbol, timeframe, limit: Math.min(FIRST_BARS, this.cap) });
    this.onReload?.(symbol, timeframe);
    const res = await first;
    if (seq !== this.#seq) return; // a newer request superseded this one
    this.loading = false;
    if (res.ok) {
      this.error = null;
      this.#cols.load(res.value.cols);
    } else {
      this.error = res.problem.message;
      this.#cols.clear();
    }
    for (const p of this.#queue.splice(0)) this.#apply(p);
    this.shown = { symbol, timeframe };
    this.#changed(true);
    if (res.ok && res.value.more) await this.#older(seq, symbol, timeframe);
    if (res.ok && seq === this.#seq) this.#window(symbol, timeframe); // what follows the bars takes their span
  }

  /** Bars added in front (negative: dropped there) since the last call (the view shifts its window by as many). */
  takeShift(): number {
    const s = this.#shift;
    this.#shift = 0;
    return s;
  }

  /** Once after the overview came in or left: the time span [from, to] the view showed, for it to show again. */
  takeRemap(): [number, number] | null {
    const r = this.#remap;
    this.#remap = null;
    return r;
  }

  /** True once after a page came in: the view keeps its place instead of following new bars. */
  takePaged(): boolean {
    const p = this.#paged;
    this.#paged = false;
    return p;
  }

  /** The rest of the history, newest first, in chunks put in front of the bars held. */
  async #older(seq: number, symbol: string, timeframe: Timeframe): Promise<void> {
    this.older = true;
    try {
      await this.#olderChunks(seq, symbol, timeframe);
    } finally {
      if (seq === this.#seq) this.older = false;
    }
  }

  async #olderChunks(seq: number, symbol: string, timeframe: Timeframe): Promise<void> {
    for (;;) {
      if (this.#cols.length === 0) return;
      if (this.#cols.length >= this.cap) { // the rest pages in when the view gets there
        this.olderLeft = true;
        return;
      }
      const first = this.#cols.view().t[0]!;
      const res = await this.#api.call('bars.range', { symbol, timeframe, to: first, limit: Math.min(CHUNK_BARS, this.cap - this.#cols.length) });
      if (!this.#landed(seq, res) || this.#cols.length === 0) return; // a failure is shown, as a page's is
      const added = this.#cols.prepend(res.value.cols);
      if (added === 0) return;
      this.#shift += added;
      this.#pyramid.reset();
      this.#changed(false);
      if (!res.value.more) return;
    }
  }

  /**
   * The view shows bar indexes [lo, hi]: within a page of an end of the bars held while stored bars lie
   * beyond it, the next page comes in there and as many bars leave from the other end.
   */
  async nearEdge(lo: number, hi: number): Promise<void> {
    const symbol = this.symbol, timeframe = this.timeframe, seq = this.#seq, n = this.#cols.length;
    if (this.paging || this.loading || this.older || !symbol || n === 0 || performance.now() - this.#failedAt < RETRY_MS) return;
    if (this.overview > 0) {
      if (wantsBars(lo, hi, this.barsPerItem, this.cap)) await this.#busy(() => this.#toBars(seq, symbol, timeframe, lo, hi));
      return;
    }
    if (wantsOverview(lo, hi, n, this.olderLeft || this.newerLeft)) {
      await this.#busy(() => this.#toOverview(seq, symbol, timeframe, lo, hi));
      return;
    }
    const page = this.#page();
    // zoomed out over half the bars held, a page would barely move the view and come again at once:
    // the history pages in once the view is zoomed in that far (zoomed out further: the overview)
    if (hi - lo > this.cap / 2) return;
    const older = this.olderLeft && lo < page / 2, newer = this.newerLeft && hi > n - 1 - page / 2;
    if (!older && !newer) return;
    await this.#busy(() => this.#pageIn(seq, symbol, timeframe, page, older));
  }

  async #busy(work: () => Promise<void>): Promise<void> {
    this.paging = true;
    try {
      await work();
    } finally {
      this.paging = false;
    }
  }

  /** False (and the message shown, retried later) when a request failed; also false when a newer load superseded it. */
  #landed<T>(seq: number, res: Loaded<T>): res is { ok: true; value: T } {
    if (seq !== this.#seq) return false;
    if (!res.ok) {
      this.pageError = res.problem.message;
      this.#failedAt = performance.now();
      return false;
    }
    this.pageError = null;
    return true;
  }

  /** Zoomed out over nearly all the bars held: buckets of the whole history instead. */
  async #toOverview(seq: number, symbol: string, timeframe: Timeframe, lo: number, hi: number): Promise<void> {
    const span = viewTimes(this.#cols.view().t, lo, hi, this.overview);
    const res = await loadOverview(this.#api, symbol, timeframe, tfMs(timeframe), this.cap);
    if (!this.#landed(seq, res)) return;
    this.#cols.load(res.value.cols);
    this.overview = res.value.bucket;
    this.olderLeft = res.value.more; // only where even the coarsest buckets do not fit
    this.newerLeft = false;
    this.#remap = span;
    this.#pageDone();
    this.onOverview?.(symbol, timeframe, res.value.bucket);
    void this.#followTail(seq, symbol, timeframe, res.value.bucket);
  }

  /**
   * The overview follows new bars from the stored bars of its newest candle on (its candles rebuilt
   * from them: bars stored since the overview was read count too); events wait until they are here.
   */
  async #followTail(seq: number, symbol: string, timeframe: Timeframe, bucket: number): Promise<void> {
    const t = this.#cols.view().t, follow = this.#follow = t.length > 0 ? new OverviewFollow(timeframe, bucket) : null;
    if (follow === null) return;
    const res = await this.#api.call('bars.range', { symbol, timeframe, from: t[t.length - 1]! });
    if (follow !== this.#follow || this.overview !== bucket) return;
    if (this.#landed(seq, res)) this.#putCandles(follow.start(res.value.cols));
    else this.#follow = null; // shown; the overview stays as read (zoom or double-click reads it again)
  }

  #putCandles(candles: readonly BarRowLike[]): void {
    if (candles.length === 0) return;
    this.#pyramid.invalidateFrom(this.#cols.lowerBound(candles[0]!.t));
    for (const c of candles) this.#cols.upsert(c);
    this.#changed(false);
  }

  /** The overview zoomed in far enough: the bars around the view's middle. */
  async #toBars(seq: number, symbol: string, timeframe: Timeframe, lo: number, hi: number): Promise<void> {
    const t = this.#cols.view().t, span = viewTimes(t, lo, hi, this.overview);
    const mid = t[Math.max(0, Math.min(t.length - 1, Math.round((lo + hi) / 2)))]!;
    const res = await loadAround(this.#api, symbol, timeframe, mid, this.cap);
    if (!this.#landed(seq, res)) return;
    const { older, newer } = res.value;
    this.#cols.load(older.cols);
    this.#cols.append(newer.cols);
    this.overview = 0;
    this.olderLeft = older.more;
    this.newerLeft = newer.n >= Math.floor(this.cap / 2); // a full half: more may follow
    this.#remap = span;
    this.#pageDone();
    this.#window(symbol, timeframe);
  }

  #page(): number { return Math.max(1, Math.min(CHUNK_BARS, Math.floor(this.cap / 4))); }

  /** The next page of older (or newer) stored bars in; as many leave from the other end. */
  async #pageIn(seq: number, symbol: string, timeframe: Timeframe, page: number, older: boolean): Promise<void> {
    const v = this.#cols.view().t;
    const res = await this.#api.call('bars.range', older ? { symbol, timeframe, to: v[0]!, limit: page } : { symbol, timeframe, from: v[v.length - 1]! + 1, limit: page });
    if (!this.#landed(seq, res)) return;
    if (older) {
      this.#shift += this.#cols.prepend(res.value.cols);
      this.olderLeft = res.value.more;
    } else {
      this.#cols.append(res.value.cols);
      this.newerLeft = res.value.n >= page; // a full page: more may follow (an empty page ends it)
    }
    const excess = this.#cols.length - this.cap;
    if (excess > 0 && older) {
      this.#cols.keepFront(this.cap);
      this.newerLeft = true;
    } else if (excess > 0) {
      this.#cols.dropFront(excess);
      this.#shift -= excess;
      this.olderLeft = true;
    }
    this.#pageDone();
    this.#window(symbol, timeframe);
  }

  #pageDone(): void {
    this.#paged = true;
    this.#pyramid.reset();
    this.#changed(false);
  }

  /** Tell what follows the bars (indicators) the span of the bars held (olderLeft / newerLeft: not all). */
  #window(symbol: string, timeframe: Timeframe): void {
    const t = this.#cols.view().t;
    if (t.length > 0) this.onWindow?.(symbol, timeframe, t[0]!, t[t.length - 1]!);
  }

  /** Handler for `bars.appended`. */
  onAppended(p: EventPayload<'bars.appended'>): void {
    if (p.symbol !== this.symbol) return;
    if (this.overview > 0 && !p.reset) { // new bars fold into the overview's newest candles
      if (this.#follow) this.#putCandles(this.#follow.event(p));
      return;
    }
    if (this.newerLeft || this.overview > 0) { // the newest bars are not held: they come in when the view gets there
      if (p.reset) void this.reload();
      return;
    }
    if (this.loading) {
      this.#queue.push(p);
      return;
    }
    if (!this.#apply(p)) return;
    // a long live run: the oldest bars leave a page at a time, so the bars held stay within the cap
    const excess = this.#cols.length - this.cap;
    if (excess >= this.#page() && !p.reset) {
      this.#cols.dropFront(excess);
      this.#shift -= excess;
      this.#pyramid.reset();
      this.olderLeft = true;
    }
    this.#changed(p.reset);
  }

  /** Back to the newest bars: when they are not held (paged back, or the overview), the chart reloads them. */
  latest(): void {
    if (this.newerLeft || this.overview > 0) void this.reload();
  }

  #apply(p: EventPayload<'bars.appended'>): boolean {
    let touched = false;
    if (p.reset) {
      if (p.from === null) this.#cols.clear();
      else this.#cols.truncateFrom(p.from);
      touched = true;
    }
    for (const f of p.frames) {
      if (f.timeframe !== this.timeframe) continue;
      const t0 = f.closed.t.length > 0 ? f.closed.t[0]! : f.forming?.t;
      if (t0 !== undefined) this.#pyramid.invalidateFrom(this.#cols.lowerBound(t0));
      if (f.closed.t.length > 0) {
        this.#cols.upsertColumns(f.closed);
        touched = true;
      }
      if (f.forming) {
        this.#cols.upsert(f.forming);
        touched = true;
      }
    }
    return touched;
  }

  #changed(loaded: boolean): void {
    if (loaded) this.#pyramid.reset();
    this.length = this.#cols.length;
    this.revision++;
    if (loaded) this.loadId++;
  }
}
