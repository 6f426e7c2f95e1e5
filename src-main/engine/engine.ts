// The engine behind every transport: owns the store and the replayer, answers contract commands.
// No Electron, no sockets: the worker (or a test, or the CLI) hands it requests and gets Results.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, closeDb, dbSizeBytes, type WriteDb } from '../store/db.ts';
import { getInstrument, listInstruments } from '../store/instruments.ts';
import { listImports, totalRejected } from '../store/imports.ts';
import { getBars } from '../store/bars.ts';
import { getFvgZones, getIndicatorValues } from '../store/indicator-values.ts';
import { importFile } from './ingest/import-file.ts';
import { computeIndicators } from './ingest/compute-indicators.ts';
import { DEFAULT_CONFIG, type Config } from '../../src-shared/config.ts';
import { openFeed } from './feed/index.ts';
import { Replayer } from './replay/replayer.ts';
import { TIMEFRAME_MINUTES } from '../../src-shared/domain/bars.ts';
import { fail, ok, type Result } from '../../src-shared/result.ts';
import type { CommandName, EventPayload, EventTopic, Req, Value } from '../../src-shared/ipc.ts';
import { APP_VERSION } from './version.ts';
import { ConfigService } from './config/config-service.ts';
import { configPathFor } from './config/load.ts';
import { indicatorConfigHash } from './indicator-columns.ts';
import type { ConfigChange } from '../../src-shared/ipc.ts';

export interface EngineOptions {
  dbPath: string;
  sampleDir: string;
  mode: 'electron' | 'browser';
  emit<T extends EventTopic>(topic: T, payload: EventPayload<T>): void;
  now?: () => number;
  /** the YAML config file; default: config.yaml beside the database (none for ':memory:') */
  configPath?: string | null;
  /** environment for ALGOSPACE_<SECTION>_<KEY> overrides; default: process.env */
  env?: Record<string, string | undefined>;
}

type Handlers = { [N in CommandName]: (req: Req<N>) => Result<Value<N>> };

const DATA_EXT = /\.(csv|zip|gz)$/i;

export class Engine {
  readonly db: WriteDb;
  readonly replayer: Replayer;
  readonly configService: ConfigService;
  /** the config in force; later stages read it here (hot reload replaces it) */
  config: Config = DEFAULT_CONFIG;
  #opts: EngineOptions;
  #now: () => number;
  #statusTimer: ReturnType<typeof setInterval> | null = null;

  constructor(opts: EngineOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.db = openDb(opts.dbPath);
    this.replayer = new Replayer(this.db, {
      bars: (p) => opts.emit('bars.appended', p),
      indicators: (p) => opts.emit('indicators.appended', p),
      state: (s) => opts.emit('replay.changed', s),
      now: () => performance.now(),
      schedule: (fn, ms) => setTimeout(fn, ms),
      cancel: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    });
    this.configService = new ConfigService({
      path: opts.configPath !== undefined ? opts.configPath : opts.dbPath === ':memory:' ? null : configPathFor(opts.dbPath),
      db: this.db,
      env: opts.env ?? process.env,
      now: this.#now,
      onApplied: (next, change, previous) => this.#onConfigApplied(next, change, previous),
      onRejected: (source, problems) => opts.emit('config.rejected', { source, problems }),
    });
    this.config = this.configService.config;
    this.replayer.config = this.config;
  }

  /**
   * Hot reload. New indicator (or matrix) parameters rebuild the stored indicator values of every
   * instrument from its stored bars and re-warm a loaded replay; other sections are read from
   * `engine.config` by the stages that use them, so replacing it is enough.
   */
  #onConfigApplied(next: Config, change: ConfigChange, previous: Config): void {
    this.config = next;
    const symbols: string[] = [];
    if (indicatorConfigHash(next) !== indicatorConfigHash(previous)) {
      for (const inst of listInstruments(this.db)) {
        this.recomputeIndicators(inst.symbol);
        symbols.push(inst.symbol);
      }
      this.replayer.reloadConfig(next);
    } else {
      this.replayer.config = next;
    }
    this.#opts.emit('config.changed', { state: this.configService.state(), change });
    if (symbols.length > 0) this.#opts.emit('data.changed', { symbols });
  }

  /** Recompute instruments whose stored indicator values were made with other parameters (e.g. file edited while closed). */
  syncIndicators(): string[] {
    const stale = (this.db.prepare('SELECT DISTINCT i.symbol FROM indicator_values v JOIN instruments i ON i.id = v.instrument_id WHERE v.config_hash != ?')
      .all(indicatorConfigHash(this.config)) as { symbol: string }[]).map((r) => r.symbol);
    for (const s of stale) this.recomputeIndicators(s);
    if (stale.length > 0) this.#opts.emit('data.changed', { symbols: stale });
    return stale;
  }

  /** Import the bundled sample files that are not stored yet (idempotent by file hash). */
  importSamples(): string[] {
    const dir = this.#opts.sampleDir;
    if (!existsSync(dir)) return [];
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => DATA_EXT.test(f) && statSync(join(dir, f)).isFile()).sort();
    const symbols = new Set<string>();
    for (const f of files) {
      // Indicators once per instrument after the batch, not once per file.
      const r = importFile(this.db, join(dir, f), { now: this.#now, indicators: false });
      if (r.ok && !r.value.duplicate) symbols.add(r.value.symbol);
      if (!r.ok) console.error(`sample ${f}: ${r.problem.message}`);
    }
    for (const symbol of symbols) this.recomputeIndicators(symbol);
    if (symbols.size > 0) this.#opts.emit('data.changed', { symbols: [...symbols] });
    return [...symbols];
  }

  /** Recompute an instrument's stored indicator values (one transaction). */
  recomputeIndicators(symbol: string): void {
    const inst = getInstrument(this.db, symbol);
    if (!inst) return;
    this.db.transaction(() => computeIndicators(this.db, inst.id, inst, this.config))();
  }

  startStatusTicker(everyMs = 500): void {
    this.#statusTimer ??= setInterval(() => this.#opts.emit('status.changed', this.status()), everyMs);
    this.#statusTimer.unref?.();
  }

  status(): Value<'status.get'> {
    let wal = 0;
    try { wal = statSync(`${this.#opts.dbPath}-wal`).size; } catch { /* no WAL yet */ }
    return {
      clock: this.replayer.clock,
      exchangeTz: this.replayer.exchangeTz,
      ticksPerSec: this.replayer.ticksPerSec,
      barsSoFar: this.replayer.barsSoFar,
      rejectedRows: totalRejected(this.db),
      dbBytes: dbSizeBytes(this.db) + wal,
    };
  }

  readonly handlers: Handlers = {
    'app.info': () => ok({ version: APP_VERSION, mode: this.#opts.mode, dbPath: this.#opts.dbPath, sampleDir: this.#opts.sampleDir }),
    'instruments.list': () => ok(listInstruments(this.db)),
    'bars.get': (req) => {
      const inst = getInstrument(this.db, req.symbol);
      if (!inst) return fail('unknown-symbol', `no stored data for '${req.symbol}'`, { field: 'symbol', got: req.symbol });
      const bars = getBars(this.db, inst.id, TIMEFRAME_MINUTES[req.timeframe], { from: req.from, to: req.to, limit: req.limit });
      return ok({ symbol: inst.symbol, timeframe: req.timeframe, bars });
    },
    'indicators.get': (req) => {
      const inst = getInstrument(this.db, req.symbol);
      if (!inst) return fail('unknown-symbol', `no stored data for '${req.symbol}'`, { field: 'symbol', got: req.symbol });
      // Frames of the chart's timeframe and coarser ones (the chart places each value at its bar end).
      const tfs = (['5m', '30m'] as const).filter((tf) => TIMEFRAME_MINUTES[tf] >= TIMEFRAME_MINUTES[req.timeframe]);
      const frames = tfs.map((tf) => {
        let rows = getIndicatorValues(this.db, inst.id, TIMEFRAME_MINUTES[tf], req.from, req.to);
        if (req.limit !== undefined && req.from === undefined) rows = rows.slice(-req.limit);
        const series: Record<string, (number | null)[]> = {};
        for (const [i, r] of rows.entries()) {
          for (const [k, v] of Object.entries(r.data)) (series[k] ??= new Array(rows.length).fill(null))[i] = v;
        }
        return { timeframe: tf, t: rows.map((r) => r.t), series };
      });
      return ok({ symbol: inst.symbol, frames, fvgZones: getFvgZones(this.db, inst.id, req.from, req.to) });
    },
    'import.inspect': (req) => {
      const r = openFeed(req.path, { tz: req.tz, instrument: req.instrument });
      if (!r.ok) return r;
      const i = r.value.info;
      return ok({
        path: req.path, file: i.file, format: i.format, layout: i.layout, kind: i.kind, barMinutes: i.barMinutes,
        sourceTz: i.sourceTz, tzSource: i.tzSource, symbol: i.instrument?.symbol ?? null, bytes: i.bytesTotal,
      });
    },
    'import.start': (req) => {
      const r = importFile(this.db, req.path, {
        tz: req.tz, instrument: req.instrument, now: this.#now, config: this.config,
        onProgress: (p) => this.#opts.emit('import.progressed', p),
      });
      if (r.ok && !r.value.duplicate) this.#opts.emit('data.changed', { symbols: [r.value.symbol] });
      return r;
    },
    'imports.list': () => ok(listImports(this.db)),
    'replay.load': (req) => asResult(this.replayer.load(req.symbol, req.from)),
    'replay.get': () => ok(this.replayer.state),
    'replay.play': () => asResult(this.replayer.play()),
    'replay.pause': () => ok(this.replayer.pause()),
    'replay.setSpeed': (req) => ok(this.replayer.setSpeed(req.speed)),
    'replay.seek': (req) => asResult(this.replayer.seek(req.time)),
    'replay.stop': () => ok(this.replayer.stop()),
    'status.get': () => ok(this.status()),
    'config.get': () => ok(this.configService.state()),
    'config.validate': (req) => ok(this.configService.validate(req.yaml)),
    'config.apply': (req) => {
      const r = this.configService.apply(req.yaml, 'editor');
      if (r.ok) return ok({ state: r.state, change: r.change });
      const first = r.problems[0]!;
      const more = r.problems.length > 1 ? ` (and ${r.problems.length - 1} more problem${r.problems.length > 2 ? 's' : ''})` : '';
      // One Problem fits a Result; every problem went out with config.rejected (and config.validate lists them).
      return { ok: false, problem: { ...first, message: `config refused, the previous one stays in force: ${first.message}${more}` } };
    },
    'config.history': () => ok(this.configService.history()),
  };

  handle<N extends CommandName>(name: N, req: Req<N>): Result<Value<N>> {
    try {
      return (this.handlers[name] as (r: Req<N>) => Result<Value<N>>)(req);
    } catch (e) {
      return fail('engine-error', `${name} failed: ${(e as Error).message}`);
    }
  }

  close(): void {
    if (this.#statusTimer) clearInterval(this.#statusTimer);
    this.configService.unwatch();
    this.replayer.stop();
    closeDb(this.db);
  }
}

function asResult<T>(v: T | string): Result<T> {
  return typeof v === 'string' ? fail('replay', v) : ok(v);
}

