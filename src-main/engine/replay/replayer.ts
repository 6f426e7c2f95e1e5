// Replays stored ticks (or the finest stored bars) through the bar stage at 1×, 10×, 100× or max speed.
// Market time drives everything: a bar is released when the replay clock passes its end, and the
// same data gives the same bars at any speed. Idle gaps (nights, weekends) are skipped, not waited out.
import type { Db } from '../../store/db.ts';
import { getInstrument } from '../../store/instruments.ts';
import { cursorAt, readTicks, tickRange, type TickCursor } from '../../store/ticks.ts';
import { BarSet } from '../bars/bar-set.ts';
import { TIMEFRAMES, TIMEFRAME_MINUTES, emptyColumns, pushBar, type Bar, type BarColumns, type Timeframe } from '../../../src-shared/domain/bars.ts';
import { zone, type Zone } from '../../../src-shared/time.ts';
import type { EventPayload, ReplaySpeed, ReplayState } from '../../../src-shared/ipc.ts';
import type { FeedChunk } from '../feed/types.ts';
import { ReplayIndicators } from './replay-indicators.ts';
import type { IndicatorPipeline, StepOut } from '../pipeline.ts';
import { DEFAULT_CONFIG, type Config } from '../../../src-shared/config.ts';
import type { Metrics } from '../health/metrics.ts';


const CHUNK = 20_000;
/** a gap with no data longer than this much wall time at the current speed is skipped */
const MAX_IDLE_WALL_MS = 2_000;
/** at 'max' speed, work this long per slice before yielding to messages */
const MAX_SLICE_MS = 12;
const EMIT_EVERY_MS = 34; // ≤ 30 events per second

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
   * The indicator pipeline was (re)built and warmed for a replay from `from` (load, seek, config
   * reload); it returns the listener for the steps the replay closes from there (trading).
   */
  warmed?(info: { symbol: string; from: number; pipeline: IndicatorPipeline }): ((out: StepOut, pipeline: IndicatorPipeline) => void) | null;
}

interface Source {
  kind: 'ticks' | 'bars';
  tickSize: number;
  inputMinutes: number;
  instrumentId: number;
  first: number;
  last: number;
}

export class Replayer {
  #db: Db;
  #hooks: ReplayHooks;
  #symbol: string | null = null;
  #zone: Zone | null = null;
  #src: Source | null = null;
  #set: BarSet | null = null;
  #status: ReplayState['status'] = 'idle';
  #speed: ReplaySpeed = 100;
  #from: number | null = null;
  #clock: number | null = null;
  #ticks = 0;
  #closedFine = 0;
  // buffered rows not yet released
  #buf: FeedChunk | null = null;
  #bufAt = 0;
  /** ticks: the last row read; bars: `t` is the start of the last bar read */
  #cursor: TickCursor = cursorAt(-Infinity);
  #exhausted = false;
  // pending event content
  #closed = new Map<Timeframe, BarColumns>();
  // indicators: the pipeline, and the values and zones not yet sent
  config: Config = DEFAULT_CONFIG;
  #indicators: ReplayIndicators | null = null;
  #reset = false;
  #lastEmit = -Infinity;
  #lastStep = 0;
  #holdRequested = false;
  #held = false;
  #timer: unknown = null;
  /** pipeline time spent inside bar building (subtracted from the `bars` timing) */
  #nestedMs = 0;
  // throughput
  #rateT0 = 0;
  #rateN0 = 0;
  ticksPerSec = 0;

  constructor(db: Db, hooks: ReplayHooks) {
    this.#db = db;
    this.#hooks = hooks;
  }

  get state(): ReplayState {
    return {
      symbol: this.#symbol, status: this.#status, speed: this.#speed, source: this.#src?.kind ?? null,
      clock: this.#clock, from: this.#src?.first ?? null, to: this.#src?.last ?? null, ticks: this.#ticks,
    };
  }

  get clock(): number | null { return this.#clock; }
  get exchangeTz(): string | null { return this.#zone?.name ?? null; }
  get barsSoFar(): number { return this.#closedFine; }

  /**
   * Prepare a replay of `symbol` from `from`, paused. Default: the start of the last calendar day
   * (exchange zone) that has data, so the chart keeps the history before it on screen.
   */
  load(symbol: string, from?: number): ReplayState | string {
    const inst = getInstrument(this.#db, symbol);
    if (!inst) return `no stored data for '${symbol}'`;
    const src = this.#findSource(inst.id, inst.tickSize);
    if (!src) return `no ticks or bars stored for '${symbol}'`;
    this.#stopTimer();
    this.#symbol = inst.symbol;
    this.#zone = zone(inst.exchangeTz);
    this.#src = src;
    this.#status = 'paused';
    this.#seekTo(from ?? this.#lastDayStart(src));
    this.#hooks.state(this.state);
    return this.state;
  }

  #lastDayStart(src: Source): number {
    const z = this.#zone!;
    const lastLocal = z.toLocal(src.last - 1);
    return Math.max(src.first, z.toUtc(lastLocal - (((lastLocal % 86_400_000) + 86_400_000) % 86_400_000)));
  }

  play(): ReplayState | string {
    if (!this.#src) return 'nothing loaded: load a symbol first';
    this.#held = false;
    this.#holdRequested = false;
    if (this.#status === 'ended') this.#seekTo(this.#from ?? this.#src.first);
    this.#status = 'playing';
    this.#lastStep = this.#hooks.now();
    this.#rateT0 = this.#lastStep;
    this.#rateN0 = this.#ticks;
    this.#hooks.state(this.state);
    this.#scheduleStep(0);
    return this.state;
  }

  /**
   * Pause as soon as the rows being released now are done (at max speed: within a minute of market
   * time), e.g. for a decision that needs the trader before it expires. `held` says why it paused.
   */
  hold(): void {
    if (this.#status === 'playing') this.#holdRequested = true;
  }

  /** true while paused by hold() (cleared by play, pause, seek) */
  get held(): boolean { return this.#held; }

  pause(): ReplayState {
    this.#held = false;
    if (this.#status === 'playing') this.#status = 'paused';
    this.#stopTimer();
    this.#emit(true);
    this.#hooks.state(this.state);
    return this.state;
  }

  setSpeed(speed: ReplaySpeed): ReplayState {
    this.#speed = speed;
    this.#lastStep = this.#hooks.now();
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
   * New indicator parameters: a loaded replay is re-seeked to its clock, so the pipeline is re-warmed
   * from stored bars with them (the chart gets a reset from that point). Status is kept.
   */
  reloadConfig(config: Config): void {
    this.config = config;
    if (!this.#src || this.#clock === null) return;
    this.#seekTo(this.#clock);
    this.#hooks.state(this.state);
  }

  stop(): ReplayState {
    this.#stopTimer();
    this.#status = 'idle';
    this.#hooks.state(this.state);
    return this.state;
  }

  #findSource(instrumentId: number, tickSize: number): Source | null {
    const ticks = tickRange(this.#db, instrumentId);
    if (ticks.count > 0) return { kind: 'ticks', tickSize, inputMinutes: 0, instrumentId, first: ticks.first!, last: ticks.last! };
    for (const tf of TIMEFRAMES) {
      const m = TIMEFRAME_MINUTES[tf];
      const r = this.#db.prepare('SELECT COUNT(*) AS n, MIN(t) AS first, MAX(t) AS last FROM bars WHERE instrument_id = ? AND tf = ?')
        .get(instrumentId, m) as { n: number; first: number | null; last: number | null };
      if (r.n > 0) return { kind: 'bars', tickSize, inputMinutes: m, instrumentId, first: r.first!, last: r.last! + m * 60_000 };
    }
    return null;
  }

  #seekTo(time: number): void {
    const src = this.#src!;
    this.#held = false;
    this.#holdRequested = false;
    const z = this.#zone!;
    // Start on a 30-minute boundary so every timeframe starts with a whole bar.
    const t = Math.max(src.first, Math.min(time, src.last));
    const off = z.offsetAt(t);
    const aligned = t + off - (((t + off) % 1_800_000) + 1_800_000) % 1_800_000 - off;
    this.#from = aligned;
    this.#clock = aligned;
    this.#cursor = src.kind === 'ticks' ? cursorAt(aligned) : cursorAt(aligned - 1);
    this.#buf = null;
    this.#bufAt = 0;
    this.#exhausted = false;
    this.#ticks = 0;
    this.#closedFine = 0;
    this.#closed.clear();
    this.#set = new BarSet(z, src.inputMinutes, (tf, b) => this.#onClosed(tf, b));
    this.#indicators = ReplayIndicators.warm(this.#db, src, z.name, this.config, this.#hooks.metrics ?? null, aligned);
    this.#indicators.onStep = this.#hooks.warmed?.({ symbol: this.#symbol!, from: aligned, pipeline: this.#indicators.pipeline }) ?? null;
    this.#reset = true;
    if (this.#status === 'ended') this.#status = 'paused';
    this.#emit(true);
  }

  #onClosed(tf: Timeframe, b: Bar): void {
    if (this.#indicators) {
      const m = this.#hooks.metrics;
      const t0 = m ? m.now() : 0;
      if (this.#indicators.onClosed(tf, b) && m) this.#nestedMs += m.now() - t0;
    }
    let cols = this.#closed.get(tf);
    if (!cols) this.#closed.set(tf, (cols = emptyColumns()));
    pushBar(cols, b);
    if (tf === this.#set!.timeframes[0]) this.#closedFine++;
  }

  #refill(): boolean {
    if (this.#exhausted) return false;
    const m = this.#hooks.metrics;
    const t0 = m ? m.now() : 0;
    const more = this.#read();
    if (m) { const t1 = m.now(); m.component('feed').observe(t1 - t0, this.#buf!.n, t1); }
    return more;
  }

  #read(): boolean {
    const src = this.#src!;
    if (src.kind === 'ticks') {
      const { chunk, last } = readTicks(this.#db, src.instrumentId, this.#cursor, CHUNK);
      this.#cursor = last;
      this.#buf = chunk;
    } else {
      const rows = this.#db.prepare('SELECT t, o, h, l, c, v FROM bars WHERE instrument_id = ? AND tf = ? AND t > ? ORDER BY t LIMIT ?')
        .raw().all(src.instrumentId, src.inputMinutes, this.#cursor.t, CHUNK) as number[][];
      const n = rows.length;
      const chunk: FeedChunk = { kind: 'bars', n, t: new Float64Array(n), o: new Float64Array(n), h: new Float64Array(n), l: new Float64Array(n), c: new Float64Array(n), v: new Float64Array(n) };
      rows.forEach((r, i) => { chunk.t[i] = r[0]!; chunk.o[i] = r[1]!; chunk.h[i] = r[2]!; chunk.l[i] = r[3]!; chunk.c[i] = r[4]!; chunk.v[i] = r[5]!; });
      if (n > 0) this.#cursor = cursorAt(chunk.t[n - 1]!);
      this.#buf = chunk;
    }
    this.#bufAt = 0;
    if (this.#buf.n === 0) this.#exhausted = true;
    return this.#buf.n > 0;
  }

  /** time at which row i becomes known: a trade at its time, a bar at its end */
  #knownAt(i: number): number {
    const buf = this.#buf!;
    return buf.kind === 'ticks' ? buf.t[i]! : buf.t[i]! + this.#src!.inputMinutes * 60_000;
  }

  /** Release every row known by `until`; returns false when the data ran out. */
  #advance(until: number, deadline: number): boolean {
    const set = this.#set!;
    for (;;) {
      if (!this.#buf || this.#bufAt >= this.#buf.n) {
        if (!this.#refill()) return false;
      }
      const buf = this.#buf!;
      let j = this.#bufAt;
      while (j < buf.n && this.#knownAt(j) <= until) j++;
      if (j > this.#bufAt) {
        const m = this.#hooks.metrics;
        const t0 = m ? m.now() : 0;
        this.#nestedMs = 0;
        set.push(buf, this.#bufAt, j);
        if (m) { const t1 = m.now(); m.component('bars').observe(t1 - t0 - this.#nestedMs, j - this.#bufAt, t1); }
        this.#ticks += j - this.#bufAt;
        this.#bufAt = j;
      }
      if (j < buf.n) return true;
      if (this.#hooks.now() > deadline) return true;
    }
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

  #run(): void {
    const now = this.#hooks.now();
    const wall = Math.max(0, now - this.#lastStep);
    this.#lastStep = now;
    let target: number;
    if (this.#speed === 'max') {
      // As fast as possible: release rows for a time slice, then yield so commands get through.
      const next = this.#nextKnownAt();
      target = next === null ? Infinity : next;
      const deadline = now + MAX_SLICE_MS;
      while (this.#hooks.now() < deadline && !this.#holdRequested) {
        const nk = this.#nextKnownAt();
        if (nk === null) break;
        target = nk + 60_000;
        if (!this.#advance(target, deadline)) break;
      }
    } else {
      target = this.#clock! + wall * this.#speed;
      const next = this.#nextKnownAt();
      // Skip a long idle gap (overnight, weekend) instead of waiting it out.
      if (next !== null && next > target + MAX_IDLE_WALL_MS * this.#speed) target = next;
      this.#advance(target, now + MAX_SLICE_MS);
    }
    const more = this.#nextKnownAt() !== null;
    if (!more) {
      this.#clock = Math.max(this.#clock!, this.#src!.last);
      this.#set!.flush();
      this.#indicators?.finish();
      this.#status = 'ended';
    } else {
      const nk = this.#nextKnownAt()!;
      this.#clock = Math.min(Number.isFinite(target) ? target : nk, nk);
      this.#set!.scan(this.#clock);
    }
    const t = this.#hooks.now();
    if (t - this.#rateT0 >= 500) {
      this.ticksPerSec = ((this.#ticks - this.#rateN0) * 1000) / (t - this.#rateT0);
      this.#rateT0 = t;
      this.#rateN0 = this.#ticks;
    }
    if (more && this.#holdRequested) {
      this.#holdRequested = false;
      this.#held = true;
      this.#status = 'paused';
    }
    this.#emit(!more || this.#held);
    if (more && this.#status === 'playing') this.#scheduleStep(this.#speed === 'max' ? 0 : 16);
    else {
      this.ticksPerSec = 0;
      this.#hooks.state(this.state);
    }
  }

  #emit(force: boolean): void {
    const now = this.#hooks.now();
    if (!force && now - this.#lastEmit < EMIT_EVERY_MS) return;
    if (!this.#set || !this.#symbol) return;
    this.#lastEmit = now;
    const frames = this.#set.timeframes.map((tf) => ({
      timeframe: tf,
      closed: this.#closed.get(tf) ?? emptyColumns(),
      forming: this.#set!.forming(tf) ? { ...this.#set!.forming(tf)! } : null,
    }));
    this.#closed.clear();
    this.#hooks.bars({ symbol: this.#symbol, reset: this.#reset, from: this.#from, frames });
    const ind = this.#indicators;
    if (this.#hooks.indicators && ind && (this.#reset || ind.pending)) {
      const { frames: indFrames, zones } = ind.drain();
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
