// The engine behind every transport: owns the store and the replayer, answers contract commands.
// No Electron, no sockets: the worker (or a test, or the CLI) hands it requests and gets Results.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDb, closeDb, dbSizeBytes, type WriteDb } from '../store/db.ts';
import { migrationLines, onMigrationProgress } from '../store/migrations/progress.ts';
import { getInstrument, listInstruments, storedInstrument } from '../store/instruments.ts';
import { resolveInstrument, type InstrumentSpec } from '../../src-shared/instruments.ts';
import { totalRejected } from '../store/imports.ts';
import { hasBars } from '../store/bars.ts';
import { DEFAULT_CONFIG, type Config } from '../../src-shared/config.ts';
import { Replayer } from './replay/replayer.ts';
import { dataHandlers } from './data-handlers.ts';
import { Imports } from './imports.ts';
import { openReplayKernel } from './replay/replay-kernel.ts';
import { finestRows, storedDataId } from '../store/replay-source.ts';
import { naturalMode } from './kernel/mode.ts';
import { TIMEFRAME_MINUTES } from '../../src-shared/domain/bars.ts';
import { fail, ok, type Result } from '../../src-shared/result.ts';
import type { CommandName, EventPayload, EventTopic, Req, Value } from '../../src-shared/ipc.ts';
import { APP_VERSION } from './version.ts';
import { ConfigService } from './config/config-service.ts';
import { configPathFor } from './config/load.ts';
import { indicatorConfigHash } from './indicator-columns.ts';
import type { ConfigChange } from '../../src-shared/ipc.ts';
import { createLogger, type Logger, type LogService } from './log/logger.ts';
import { RecordBatcher } from './log/batch.ts';
import { logReplay, problemSummary } from './log/engine-events.ts';
import type { Health } from '../../src-shared/ipc.ts';
import { Metrics } from './health/metrics.ts';
import { AlertBook } from './health/alerts.ts';
import { sampleHealth, toHealth } from './health/snapshot.ts';
import { listAlerts } from '../store/alerts.ts';
import { AppTrading } from './trading/app-trading.ts';
import { tradingHandlers } from './trading/commands.ts';
import { reportHandlers } from './report/commands.ts';
import { modelHandlers } from './decision/model-commands.ts';
import { sweepHandlers, type SweepAsyncCommand } from './sweep/commands.ts';
import { LiveHealthRecorder } from './health/recorder.ts';

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
  /**
   * Logs: `dir` is the user-data folder (records go to <dir>/logs/algospace.log); default: the
   * database's folder, none for ':memory:'. `console`: human-readable lines on stderr (default off).
   */
  log?: { dir?: string | null; console?: boolean };
  /** while a job runs (imports.ts): read the commands that arrived, answering job.cancel at once (worker.ts) */
  poll?: () => void;
}

/** A command answers at once, but for the few that take seconds (sweep.taskReport): a promise the worker awaits. */
type Answer<N extends CommandName> = N extends SweepAsyncCommand ? Promise<Result<Value<N>>> : Result<Value<N>>;
type Handlers = { [N in CommandName]: (req: Req<N>) => Answer<N> };


export class Engine {
  readonly db: WriteDb;
  readonly replayer: Replayer;
  readonly configService: ConfigService;
  /** sample and file imports, stored indicator values (imports.ts) */
  readonly imports: Imports;
  /** synergy → decision → approval → paper broker for the replay (trading/app-trading.ts) */
  readonly trading: AppTrading;
  /** the config in force; later stages read it here (hot reload replaces it) */
  config: Config = DEFAULT_CONFIG;
  /** structured logs: file, ring for `logs.tail`, `log.appended` events */
  readonly logs: LogService;
  #log: Logger;
  #logBatch: RecordBatcher;
  #replayStatus: string = 'idle';
  #opts: EngineOptions;
  #now: () => number;
  #statusTimer: ReturnType<typeof setInterval> | null = null;
  /** per-stage counts, latency, errors and breakers (health/metrics.ts) */
  readonly metrics = new Metrics();
  #alerts!: AlertBook;
  #rssAtStart = process.memoryUsage().rss;
  /** heartbeat of this engine's health in the database (what `health --db` prints while it runs) */
  readonly #healthRec = new LiveHealthRecorder();

  constructor(opts: EngineOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    // Logging first, at the default level, so a failure to open the store is in the file too;
    // the configured level and limits are applied once the config is read.
    this.#logBatch = new RecordBatcher((records) => opts.emit('log.appended', { records }), 250);
    const logging = DEFAULT_CONFIG.logging;
    this.logs = createLogger({
      dir: opts.log?.dir !== undefined ? opts.log.dir : opts.dbPath === ':memory:' ? null : dirname(opts.dbPath),
      level: logging.level, maxFileMb: logging.max_file_mb, retainFiles: logging.retain_files,
      console: opts.log?.console ?? false,
      onRecord: (r) => this.#logBatch.push(r),
    });
    this.#log = this.logs.child('engine');
    // the desktop app's store from an older version is upgraded here: a long upgrade is logged
    const unlisten = onMigrationProgress(migrationLines((line) => this.#log.info({ dbPath: opts.dbPath }, line)));
    try {
      this.db = openDb(opts.dbPath);
    } catch (e) {
      this.#log.error({ dbPath: opts.dbPath, err: e }, 'cannot open the database');
      this.logs.close();
      throw e;
    } finally {
      unlisten();
    }
    this.#startHealth();
    this.imports = new Imports({
      db: this.db, config: () => this.config, metrics: this.metrics, logs: this.logs, now: this.#now, sampleDir: opts.sampleDir,
      emit: (topic, payload) => {
        // a job's end (done, failed, cancelled): the data it loaded is not a leak (markReady)
        if (topic === 'job.progressed' && (payload as EventPayload<'job.progressed'>).state !== 'running') this.markReady();
        opts.emit(topic, payload);
      },
      // the import form's "Define & import": the definition goes into config.yaml like any config edit
      defineInstrument: (u) => this.configService.defineInstrument(u),
      poll: opts.poll,
    });
    this.replayer = new Replayer(this.db, {
      metrics: this.metrics,
      bars: (p) => opts.emit('bars.appended', p),
      indicators: (p) => opts.emit('indicators.appended', p),
      state: (s) => { opts.emit('replay.changed', s); this.#onReplayState(s); },
      now: () => performance.now(),
      schedule: (fn, ms) => setTimeout(fn, ms),
      cancel: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      kernel: (info) => openReplayKernel(this.db, info, {
        metrics: this.metrics,
        spec: (symbol) => this.instrument(symbol),
        begin: (symbol, from, mode, inputMinutes) => this.trading.begin(symbol, from, mode, inputMinutes),
        rehearsalFailed: (e) => this.trading.rehearsalFailed(e),
      }),
      // a decision waits for the trader (pause on decision): play holds until it is settled
      mayPlay: () => this.trading.mayPlay(),
    });
    this.trading = new AppTrading({
      db: this.db,
      config: () => this.config,
      spec: (symbol) => this.instrument(symbol),
      emit: (s) => opts.emit('trading.changed', s),
      settled: (pending) => {
        // Held for a decision, and none waits any more: play on.
        if (pending === 0 && this.replayer.held) this.replayer.play();
      },
      metrics: this.metrics,
      log: this.logs.child('trading'),
      now: this.#now,
      hasBarAfter: (symbol, tf, t) => {
        const i = storedInstrument(this.db, symbol);
        return !!i && hasBars(this.db, i.id, TIMEFRAME_MINUTES[tf], t);
      },
      data: (symbol) => {
        const i = storedInstrument(this.db, symbol);
        const rows = i ? finestRows(this.db, i.id) : null;
        return i && rows ? { mode: naturalMode(rows.inputMinutes), dataId: storedDataId(this.db, i.id) } : null;
      },
    });
    this.configService = new ConfigService({
      path: opts.configPath !== undefined ? opts.configPath : opts.dbPath === ':memory:' ? null : configPathFor(opts.dbPath),
      db: this.db,
      env: opts.env ?? process.env,
      now: this.#now,
      onApplied: (next, change, previous) => this.#onConfigApplied(next, change, previous),
      onRejected: (source, problems) => {
        this.logs.child('config').warn({ source, problems: problemSummary(problems), count: problems.length }, 'config refused; the previous one stays in force');
        opts.emit('config.rejected', { source, problems });
      },
    });
    this.config = this.configService.config;
    this.replayer.config = this.config;
    this.#applyLogging(this.config);
    this.#log.info({
      version: APP_VERSION, mode: opts.mode, dbPath: opts.dbPath, configPath: this.configService.path,
      logFile: this.logs.file, sampleDir: opts.sampleDir, level: this.config.logging.level,
    }, 'engine started');
    this.#healthRec.start(this.db, () => this.health(), {
      source: 'app', everyMs: 2000, now: this.#now,
      runId: () => this.trading.runId,
      onError: (e) => this.#log.warn({ err: e }, 'health record not written'),
    });
    const fileProblems = this.configService.state().fileProblems;
    if (fileProblems.length > 0) {
      this.logs.child('config').warn({ path: this.configService.path, problems: problemSummary(fileProblems), count: fileProblems.length }, 'config file has problems; running on defaults and environment');
    }
  }

  #applyLogging(c: Config): void {
    this.logs.setLevel(c.logging.level);
    this.logs.reconfigure({ maxFileMb: c.logging.max_file_mb, retainFiles: c.logging.retain_files });
  }

  #replayLogged<T extends { status: string; symbol: string | null; clock: number | null; speed: unknown }>(action: string, asked: Record<string, unknown>, r: T | string): Result<T> {
    if (typeof r !== 'string') this.#replayStatus = r.status;
    logReplay(this.logs.child('replay'), action, asked, r);
    return asResult(r);
  }

  /** The replayer reports every state change; the end of the data is the one no command causes. */
  #onReplayState(s: { status: string; symbol: string | null; clock: number | null; ticks: number }): void {
    if (s.status === 'ended' && this.#replayStatus !== 'ended') {
      this.logs.child('replay').info({ symbol: s.symbol, clock: s.clock, ticks: s.ticks }, 'replay ended');
    }
    this.#replayStatus = s.status;
  }

  /**
   * Hot reload. New indicator (or matrix) parameters rebuild the stored indicator values of every
   * instrument from its stored bars and re-warm a loaded replay; other sections are read from
   * `engine.config` by the stages that use them, so replacing it is enough.
   */
  #onConfigApplied(next: Config, change: ConfigChange, previous: Config): void {
    this.config = next;
    // stored instruments follow an edited `instruments:` list (a definition in another zone is left for the next import)
    if (change.diff.some((d) => d.path === 'instruments')) {
      this.imports.syncDefinitions();
    }
    // Logged before a logging change applies, so raising the level to 'warn' still leaves this record.
    const clog = this.logs.child('config');
    if (change.diff.length > 0) {
      clog.info({ source: change.source, paths: change.diff.map((d) => d.path), changes: change.diff.slice(0, 50) }, 'config applied');
    } else {
      clog.debug({ source: change.source }, 'config text changed; no value changed');
    }
    if (JSON.stringify(next.logging) !== JSON.stringify(previous.logging)) this.#applyLogging(next);
    const symbols: string[] = [];
    if (indicatorConfigHash(next) !== indicatorConfigHash(previous)) {
      symbols.push(...this.imports.recomputeAll()); // a job: progress events, cancellable (job.cancel)
      this.replayer.reloadConfig(next);
    } else {
      this.replayer.config = next;
    }
    this.#opts.emit('config.changed', { state: this.configService.state(), change });
    if (symbols.length > 0) this.#opts.emit('data.changed', { symbols });
  }

  /**
   * Start-up work (sample import, indicator sync) is done, or a job (an import, a recompute) ended:
   * memory growth is measured from here, so the alert watches for leaks, not for the data the engine
   * was asked to load (a 45,000-bar import grew the RSS by 85 MB and raised the alert).
   */
  markReady(): void {
    this.#rssAtStart = process.memoryUsage().rss;
  }

  syncIndicators(): string[] { return this.imports.syncIndicators(); }
  importSamples(): string[] { return this.imports.importSamples(); }
  recomputeIndicators(symbol: string): void { this.imports.recomputeIndicators(symbol); }

  /** status.changed and health.changed (alerts evaluated first), ~2 Hz. */
  startStatusTicker(everyMs = 500): void {
    this.#statusTimer ??= setInterval(() => {
      this.#opts.emit('status.changed', this.status());
      this.tickHealth();
    }, everyMs);
    this.#statusTimer.unref?.();
  }

  /** Stage errors are logged (at most once a second per stage); alerts are stored, emitted and logged. */
  #startHealth(): void {
    const log = this.logs.child('health');
    this.metrics.onError = (stage, message, suppressed) =>
      log.error({ stage, suppressed }, `${stage} failed: ${message}${suppressed > 0 ? ` (${suppressed} more since the last report)` : ''}`);
    this.#alerts = new AlertBook(this.db, {
      raised: (a) => {
        log[a.severity === 'critical' ? 'error' : 'warn']({ key: a.key, value: a.value, threshold: a.threshold }, `alert raised: ${a.message}`);
        this.#opts.emit('alert.raised', a);
      },
      cleared: (a) => {
        log.info({ key: a.key }, `alert cleared: ${a.key}`);
        this.#opts.emit('alert.cleared', a);
      },
    });
  }

  /** Evaluate the alert rules on a fresh snapshot (raising/clearing alerts), emit it, return it. */
  tickHealth(): Health {
    const sample = sampleHealth({ metrics: this.metrics, db: this.db, dbPath: this.#opts.dbPath, rssAtStart: this.#rssAtStart, at: this.#now() });
    this.#alerts.evaluate(sample, this.config.alerts, sample.health.at);
    const h = toHealth(sample, this.#alerts.raised);
    this.#opts.emit('health.changed', h);
    return h;
  }

  /** The health snapshot with the alerts raised at the last tick (no evaluation, no event). */
  health(): Health {
    const sample = sampleHealth({ metrics: this.metrics, db: this.db, dbPath: this.#opts.dbPath, rssAtStart: this.#rssAtStart, at: this.#now() });
    return toHealth(sample, this.#alerts.raised);
  }

  /** The replay clock while a replay of `symbol` is loaded (nothing after it may be served), else +∞. */
  /**
   * The instrument a stored symbol trades as: the trader's config definition or the catalogue's, else
   * the definition stored with its import; null when it needs a definition (issue 13: never a guess).
   */
  instrument(symbol: string): InstrumentSpec | null {
    return resolveInstrument(symbol, this.config.instruments) ?? getInstrument(this.db, symbol) ?? null;
  }

  visibleUntil(symbol: string): number {
    const r = this.replayer;
    return r.symbol !== null && r.symbol === symbol.toUpperCase() && r.clock !== null ? r.clock : Infinity;
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
    ...dataHandlers({ db: () => this.db, until: (symbol) => this.visibleUntil(symbol) }),
    'import.inspect': (req) => this.imports.inspect(req),
    'import.start': (req) => this.imports.start(req),
    'imports.list': () => this.imports.list(),
    'job.cancel': (req) => this.imports.cancel(req),
    // without a start time, an interrupted run of the symbol goes on where it stopped
    'replay.load': (req) => this.#replayLogged('load', { from: req.from },
      this.replayer.load(req.symbol, req.from ?? this.trading.resumePoint(req.symbol) ?? undefined)),
    'replay.get': () => ok(this.replayer.state),
    'replay.play': () => this.#replayLogged('play', {}, this.replayer.play()),
    'replay.pause': () => this.#replayLogged('pause', {}, this.replayer.pause()),
    'replay.setSpeed': (req) => this.#replayLogged('speed', { to: req.speed }, this.replayer.setSpeed(req.speed)),
    'replay.seek': (req) => this.#replayLogged('seek', { to: req.time }, this.replayer.seek(req.time)),
    'replay.stop': () => this.#replayLogged('stop', {}, this.replayer.stop()),
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
    'health.get': () => ok(this.health()),
    'alerts.list': (req) => ok(listAlerts(this.db, req.limit)),
    'logs.tail': (req) => ok({ records: this.logs.tail(req), file: this.logs.file }),
    ...tradingHandlers(() => ({
      db: this.db, trading: this.trading, configService: this.configService, config: this.config, until: (s) => this.visibleUntil(s),
    })),
    ...reportHandlers(() => ({ db: this.db, currentRunId: this.trading.runId })),
    ...modelHandlers(() => ({ trading: this.trading, restart: () => this.replayer.reloadConfig(this.config), emit: (m) => this.#opts.emit('model.changed', m) })),
    ...sweepHandlers(() => ({ db: this.db, config: this.config, configService: this.configService })),
  };

  handle<N extends CommandName>(name: N, req: Req<N>): Answer<N> {
    const failed = (e: unknown) => {
      this.#log.error({ command: name, err: e }, `${name} failed`);
      return fail('engine-error', `${name} failed: ${(e as Error).message}`);
    };
    try {
      const r = (this.handlers[name] as (r: Req<N>) => Result<Value<N>> | Promise<Result<Value<N>>>)(req);
      return (r instanceof Promise ? r.catch(failed) : r) as Answer<N>;
    } catch (e) {
      return failed(e) as Answer<N>;
    }
  }

  close(): void {
    this.#log.info('engine shutting down');
    if (this.#statusTimer) clearInterval(this.#statusTimer);
    this.configService.unwatch();
    this.replayer.stop();
    this.trading.close();
    this.#healthRec.stop();
    closeDb(this.db);
    this.#log.info('engine stopped');
    // Receivers are going away; the records are in the file and the ring.
    this.#logBatch.close();
    this.logs.close();
  }
}

function asResult<T>(v: T | string): Result<T> {
  return typeof v === 'string' ? fail('replay', v) : ok(v);
}

