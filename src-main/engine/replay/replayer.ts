// Paces a market source for the app: the stored ticks (or the finest stored bars) of one instrument
// are released to the trading kernel (kernel/kernel.ts) as the market clock (market-clock.ts) passes
// the time each row becomes known — a trade at its time, a bar at its end — at 1×, 10×, 100× or max
// speed. The kernel does everything else (bars, indicators, synergy, decisions, fills). Market time
// drives the results, so the same data gives the same bars and decisions at any speed. The closed
// hours of the instrument's calendar (breaks, nights, weekends, holidays) and data gaps of more than
// IDLE_GAP_MS of open time are skipped, not waited out; everything shown is at or before the clock.
import type { Db } from '../../store/db.ts';
import { getInstrument } from '../../store/instruments.ts';
import { finestRows, readRows, type StoredRows } from '../../store/replay-source.ts';
import { cursorAt, type TickCursor } from '../../store/ticks.ts';
import { emptyColumns } from '../../../src-shared/domain/bars.ts';
import { zone, type Zone } from '../../../src-shared/time.ts';
import type { EventPayload, ReplaySpeed, ReplayState } from '../../../src-shared/ipc.ts';
import type { FeedChunk } from '../../../src-shared/domain/chunks.ts';
import { DEFAULT_CONFIG, type Config } from '../../../src-shared/config.ts';
import type { Metrics } from '../health/metrics.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { calendarOf } from '../kernel/calendar.ts';
import { ChartFeed } from './chart-feed.ts';
import { MarketClock } from './market-clock.ts';
import { openReplayKernel, type ReplayKernelInfo } from './replay-kernel.ts';

const CHUNK = 20_000;
/** at 'max' speed, work this long per slice before yielding to messages */
const MAX_SLICE_MS = 12;
/** a paced tick of the scheduler */
const PACED_TICK_MS = 16;
const EMIT_EVERY_MS = 34; // ≤ 30 events per second
/** missing data in open hours: a wait with more open market time than this is skipped (market-clock.ts) */
const IDLE_GAP_MS = 30 * 60_000;

export interface ReplayHooks {
  bars(p: EventPayload<'bars.appended'>): void;
  indicators?(p: EventPayload<'indicators.appended'>): void;
  state(s: ReplayState): void;
  /** wall clock, ms (injected so tests can drive it) */
  now(): number;
  schedule(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
  /** health: `replay` per step, `feed` per chunk read, `bars` per chunk pushed, and the pipeline's stages */
  metrics?: Metrics;
  /**
   * The kernel for a replay of `symbol` from `from` (load, seek, config reload), warmed with the
   * history before `from`; default: bars and indicators, no trading (replay-kernel.ts).
   */
  kernel?(info: ReplayKernelInfo): Kernel;
  /** whether play may go on now (false: it holds, e.g. a decision waits for the trader) */
  mayPlay?(): boolean;
}

export class Replayer {
  #db: Db;
  #hooks: ReplayHooks;
  #symbol: string | null = null;
  #zone: Zone | null = null;
  #src: StoredRows | null = null;
  #kernel: Kernel | null = null;
  #feed: ChartFeed | null = null;
  /** when the last row released became known */
  #lastKnown = -Infinity;
  #status: ReplayState['status'] = 'idle';
  #from: number | null = null;
  readonly #clock: MarketClock;
  #ticks = 0;
  // buffered rows not yet released
  #buf: FeedChunk | null = null;
  #bufAt = 0;
  /** ticks: the last row read; bars: `t` is the start of the last bar read */
  #cursor: TickCursor = cursorAt(-Infinity);
  #exhausted = false;
  config: Config = DEFAULT_CONFIG;
  #reset = false;
  #lastEmit = -Infinity;
  #held = false;
  #timer: unknown = null;
  // throughput
  #rateT0 = 0;
  #rateN0 = 0;
  ticksPerSec = 0;

  constructor(db: Db, hooks: ReplayHooks) {
    this.#db = db;
    this.#hooks = hooks;
    this.#clock = new MarketClock({ now: () => hooks.now(), idleGapMs: IDLE_GAP_MS, speed: 100 });
  }

  get state(): ReplayState {
    return {
      symbol: this.#symbol, status: this.#status, speed: this.#clock.speed, source: this.#src?.kind ?? null,
      clock: this.clock, from: this.#src?.first ?? null, to: this.#src?.last ?? null, ticks: this.#ticks,
    };
  }

  get clock(): number | null { return this.#src ? this.#clock.time : null; }
  get exchangeTz(): string | null { return this.#zone?.name ?? null; }
  get barsSoFar(): number { return this.#feed?.closedFine ?? 0; }
  /** the symbol loaded (null: none): everything served about it is at or before `clock` */
  get symbol(): string | null { return this.#status === 'idle' ? null : this.#symbol; }

  /**
   * Prepare a replay of `symbol` from `from`, paused. Default: the start of the last calendar day
   * (exchange zone) that has data, so the chart keeps the history before it on screen.
   */
  load(symbol: string, from?: number): ReplayState | string {
    const inst = getInstrument(this.#db, symbol);
    if (!inst) return `no stored data for '${symbol}'`;
    const src = finestRows(this.#db, inst.id);
    if (!src) return `no ticks or bars stored for '${symbol}'`;
    this.#stopTimer();
    this.#symbol = inst.symbol;
    this.#zone = zone(inst.exchangeTz);
    this.#clock.setCalendar(calendarOf(inst));
    this.#src = src;
    this.#status = 'paused';
    this.#clock.pause();
    this.#seekTo(from ?? this.#lastDayStart(src));
    this.#hooks.state(this.state);
    return this.state;
  }

  #lastDayStart(src: StoredRows): number {
    const z = this.#zone!;
    const lastLocal = z.toLocal(src.last - 1);
    return Math.max(src.first, z.toUtc(lastLocal - (((lastLocal % 86_400_000) + 86_400_000) % 86_400_000)));
  }

  play(): ReplayState | string {
    if (!this.#src) return 'nothing loaded: load a symbol first';
    if (this.#status === 'ended') this.#seekTo(this.#from ?? this.#src.first);
    // a decision waits for the trader: hold here until it is settled (the engine plays on then)
    if (this.#hooks.mayPlay && !this.#hooks.mayPlay()) return this.#holdNow();
    this.#held = false;
    this.#status = 'playing';
    this.#clock.play();
    this.#rateT0 = this.#hooks.now();
    this.#rateN0 = this.#ticks;
    this.#hooks.state(this.state);
    this.#scheduleStep(0);
    return this.state;
  }

  /** true while paused by a hold (a decision waits; cleared by play, pause, seek) */
  get held(): boolean { return this.#held; }

  pause(): ReplayState {
    this.#held = false;
    if (this.#status === 'playing') this.#status = 'paused';
    this.#clock.pause();
    this.#stopTimer();
    this.#emit(true);
    this.#hooks.state(this.state);
    return this.state;
  }

  setSpeed(speed: ReplaySpeed): ReplayState {
    this.#clock.setSpeed(speed);
    this.#hooks.state(this.state);
    return this.state;
  }

  seek(time: number): ReplayState | string {
    if (!this.#src) return 'nothing loaded: load a symbol first';
    this.#seekTo(time);
    this.#hooks.state(this.state);
    return this.state;
  }

  /**
   * New indicator parameters: a loaded replay is re-seeked to its clock, so the kernel is rebuilt and
   * re-warmed from stored bars with them (the chart gets a reset from that point). Status is kept.
   */
  reloadConfig(config: Config): void {
    this.config = config;
    const clock = this.clock;
    if (!this.#src || clock === null) return;
    this.#seekTo(clock);
    this.#hooks.state(this.state);
  }

  stop(): ReplayState {
    this.#stopTimer();
    this.#clock.pause();
    this.#status = 'idle';
    this.#hooks.state(this.state);
    return this.state;
  }

  #holdNow(): ReplayState {
    this.#held = true;
    this.#status = 'paused';
    this.#clock.pause();
    this.#stopTimer();
    this.#emit(true);
    this.ticksPerSec = 0;
    this.#hooks.state(this.state);
    return this.state;
  }

  #seekTo(time: number): void {
    const src = this.#src!;
    this.#held = false;
    const z = this.#zone!;
    // Start on a 30-minute boundary so every timeframe starts with a whole bar.
    const t = Math.max(src.first, Math.min(time, src.last));
    const off = z.offsetAt(t);
    const aligned = t + off - (((t + off) % 1_800_000) + 1_800_000) % 1_800_000 - off;
    this.#from = aligned;
    this.#clock.set(aligned);
    this.#cursor = src.kind === 'ticks' ? cursorAt(aligned) : cursorAt(aligned - 1);
    this.#buf = null;
    this.#bufAt = 0;
    this.#exhausted = false;
    this.#ticks = 0;
    this.#lastKnown = -Infinity;
    const info = { symbol: this.#symbol!, from: aligned, rows: src, config: this.config };
    const k = this.#hooks.kernel ? this.#hooks.kernel(info) : openReplayKernel(this.#db, info, { metrics: this.#hooks.metrics ?? null });
    this.#kernel = k;
    this.#feed = new ChartFeed(k.mode, k.timeframes[0]!);
    k.listen(this.#feed);
    this.#reset = true;
    if (this.#status === 'ended') this.#status = 'paused';
    this.#emit(true);
  }

  #refill(): boolean {
    if (this.#exhausted) return false;
    const m = this.#hooks.metrics;
    const t0 = m ? m.now() : 0;
    const { chunk, last } = readRows(this.#db, this.#src!, this.#cursor, CHUNK);
    this.#cursor = last;
    this.#buf = chunk;
    this.#bufAt = 0;
    if (chunk.n === 0) this.#exhausted = true;
    if (m) { const t1 = m.now(); m.component('feed').observe(t1 - t0, chunk.n, t1); }
    return chunk.n > 0;
  }

  /** time at which row i becomes known: a trade at its time, a bar at its end */
  #knownAt(i: number): number {
    const buf = this.#buf!;
    return buf.kind === 'ticks' ? buf.t[i]! : buf.t[i]! + this.#src!.inputMinutes * 60_000;
  }

  /**
   * Release every row known by `until` to the kernel. Returns 'more' (rows left), 'end' (the data ran
   * out) or 'hold' (a step asked to stop: its decision waits for the trader).
   */
  #advance(until: number, deadline: number): 'more' | 'end' | 'hold' {
    for (;;) {
      if (!this.#buf || this.#bufAt >= this.#buf.n) {
        if (!this.#refill()) return 'end';
      }
      const buf = this.#buf!;
      let j = this.#bufAt;
      while (j < buf.n && this.#knownAt(j) <= until) j++;
      if (j > this.#bufAt) {
        const stopped = this.#release(buf, j);
        if (stopped) return 'hold';
      }
      if (j < buf.n) return 'more';
      if (this.#hooks.now() > deadline) return 'more';
    }
  }

  /** Rows from the buffer's position to `j` go to the kernel; true when it stopped early for a hold. */
  #release(buf: FeedChunk, j: number): boolean {
    const k = this.#kernel, m = this.#hooks.metrics;
    const t0 = m ? m.now() : 0;
    const s0 = k ? k.stepWallMs : 0;
    const at = k ? k.feed(buf, this.#bufAt, j) : j;
    if (m) { const t1 = m.now(); m.component('bars').observe(t1 - t0 - (k ? k.stepWallMs - s0 : 0), at - this.#bufAt, t1); }
    if (at > this.#bufAt) this.#lastKnown = this.#knownAt(at - 1);
    this.#ticks += at - this.#bufAt;
    this.#bufAt = at;
    return at < j;
  }

  #nextKnownAt(): number | null {
    if (!this.#buf || this.#bufAt >= this.#buf.n) {
      if (!this.#refill()) return null;
    }
    return this.#knownAt(this.#bufAt);
  }

  #step(): void {
    this.#timer = null;
    if (this.#status !== 'playing') return;
    const m = this.#hooks.metrics;
    const t0 = m ? m.now() : 0;
    const ticks0 = this.#ticks;
    this.#run();
    if (m) { const t1 = m.now(); m.component('replay').observe(t1 - t0, this.#ticks - ticks0, t1); }
  }

  /** One scheduler tick: release what the clock has reached, close the bars it passed, emit. */
  #run(): void {
    const now = this.#hooks.now();
    const clock = this.#clock;
    let r: 'more' | 'end' | 'hold';
    if (clock.speed === 'max') {
      // As fast as possible: release rows for a time slice, then yield so commands get through.
      const deadline = now + MAX_SLICE_MS;
      r = 'more';
      while (r === 'more' && this.#hooks.now() < deadline) {
        const nk = this.#nextKnownAt();
        if (nk === null) { r = 'end'; break; }
        r = this.#advance(nk + 60_000, deadline);
        clock.reach(this.#lastKnown);
      }
    } else {
      const target = clock.advance(this.#nextKnownAt());
      r = this.#advance(target, now + PACED_TICK_MS);
    }
    if (r === 'end') return this.#ended();
    if (r === 'hold') return this.#heldAtStep();
    // bars whose end the clock has passed close now (a step among them may hold); not past a row
    // not released yet (a slice can end before the clock's time), whose bar would then be closed early
    const nk = this.#nextKnownAt();
    if (nk === null) return this.#ended();
    if (this.#kernel?.advanceTo(Math.min(clock.time!, nk - 1))) return this.#heldAtStep();
    this.#rate();
    this.#emit(false);
    if (this.#status === 'playing') this.#scheduleStep(clock.speed === 'max' ? 0 : PACED_TICK_MS);
  }

  /** A step's decision waits: the clock stays at that step's end (nothing later was released). */
  #heldAtStep(): void {
    const k = this.#kernel;
    if (k && Number.isFinite(k.lastStepEnd)) this.#clock.set(k.lastStepEnd);
    this.#holdNow();
  }

  #ended(): void {
    this.#clock.reach(this.#src!.last);
    this.#kernel?.finish();
    this.#status = 'ended';
    this.#clock.pause();
    this.ticksPerSec = 0;
    this.#emit(true);
    this.#hooks.state(this.state);
  }

  #rate(): void {
    const t = this.#hooks.now();
    if (t - this.#rateT0 >= 500) {
      this.ticksPerSec = ((this.#ticks - this.#rateN0) * 1000) / (t - this.#rateT0);
      this.#rateT0 = t;
      this.#rateN0 = this.#ticks;
    }
  }

  #emit(force: boolean): void {
    const now = this.#hooks.now();
    if (!force && now - this.#lastEmit < EMIT_EVERY_MS) return;
    const k = this.#kernel, feed = this.#feed;
    if (!this.#symbol) return;
    this.#lastEmit = now;
    const tfs = k ? k.timeframes : [];
    const frames = tfs.map((tf) => {
      const forming = k!.forming(tf);
      return { timeframe: tf, closed: feed ? feed.closed(tf) : emptyColumns(), forming: forming ? { ...forming } : null };
    });
    feed?.clearBars();
    this.#hooks.bars({ symbol: this.#symbol, reset: this.#reset, from: this.#from, frames });
    if (this.#hooks.indicators && feed && (this.#reset || feed.indicatorsPending)) {
      const { frames: indFrames, zones } = feed.drainIndicators();
      this.#hooks.indicators({ symbol: this.#symbol, reset: this.#reset, from: this.#from, frames: indFrames, fvgZones: zones });
    }
    this.#reset = false;
    this.#hooks.state(this.state);
  }

  #scheduleStep(ms: number): void {
    if (this.#timer === null) this.#timer = this.#hooks.schedule(() => this.#step(), ms);
  }

  #stopTimer(): void {
    if (this.#timer !== null) this.#hooks.cancel(this.#timer);
    this.#timer = null;
  }
}
