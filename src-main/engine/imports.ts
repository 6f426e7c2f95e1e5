// Imports for the engine: the bundled samples at start-up, files the trader imports, and the stored
// indicator values kept in step with the indicator parameters in force. Each import is logged under
// one correlation id (`import:<started ms>:<seq>`) shared by its started / finished / failed records.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../src-shared/config.ts';
import type { OpenOptions } from './feed/types.ts';
import { feedLimits } from './feed/limits.ts';
import type { UserInstrumentInput } from '../../src-shared/ipc-instruments.ts';
import { fail, ok, type Result } from '../../src-shared/result.ts';
import { resolveInstrument } from '../../src-shared/instruments.ts';
import type { EventPayload, EventTopic, Req, Value } from '../../src-shared/ipc.ts';
import type { WriteDb } from '../store/db.ts';
import { ensureInstrument, getInstrument, listInstruments } from '../store/instruments.ts';
import { listImports } from '../store/imports.ts';
import { staleIndicatorSymbols } from '../store/indicator-staleness.ts';
import { basename } from 'node:path';
import { importFile, importSteps } from './ingest/import-file.ts';
import { computeIndicators, recomputeSteps } from './ingest/compute-indicators.ts';
import { JobRunner } from './ingest/job-runner.ts';
import { cancelledProblem } from './ingest/job.ts';
import { draftOf, identify } from './ingest/resolve-instrument.ts';
import { indicatorConfigHash } from './indicator-columns.ts';
import { correlationId } from './log/correlation.ts';
import { loggedImport } from './log/engine-events.ts';
import type { LogService } from './log/logger.ts';
import type { Metrics } from './health/metrics.ts';

const DATA_EXT = /\.(csv|zip|gz)$/i;

/**
 * Any readable file can be named to import.inspect / import.start. One whose name does not say market
 * data (.csv, .txt, .zip, .gz) and that does not open as such gets the reason without the text found in
 * it: a mistyped path to a key or password file must not come back quoted in an error.
 */
export function contentFree<T>(path: string, r: Result<T>): Result<T> {
  if (r.ok || /\.(csv|txt|tsv|zip|gz)$/i.test(path)) return r;
  const { got: _got, ...rest } = r.problem;
  return { ok: false, problem: { ...rest, message: r.problem.message.replace(/(["'`])[^"'`\n]*\1/g, '…') } };
}

export interface ImportDeps {
  db: WriteDb;
  config: () => Config;
  metrics: Metrics;
  logs: LogService;
  now: () => number;
  sampleDir: string;
  emit<T extends EventTopic>(topic: T, payload: EventPayload<T>): void;
  /** write a trader's instrument into the config's `instruments:` (the config service validates, writes and records it) */
  defineInstrument?: (u: UserInstrumentInput) => Result<unknown>;
  /** between slices of a job: read the commands that arrived (the worker answers job.cancel at once) */
  poll?: () => void;
}

export class Imports {
  readonly #d: ImportDeps;
  #seq = 0;
  /** the running import or recompute: progress events, cancel */
  readonly jobs: JobRunner;

  constructor(d: ImportDeps) {
    this.#d = d;
    this.jobs = new JobRunner({ emit: (p) => d.emit('job.progressed', p), now: d.now, poll: d.poll });
  }

  #logged(path: string, extra: { sample?: true; tz?: string; instrument?: string }, run: () => ReturnType<typeof importFile>): ReturnType<typeof importFile> {
    const log = this.#d.logs.child('import', { correlationId: correlationId(['import', this.#d.now(), ++this.#seq]) });
    return loggedImport(log, path, extra, extra.sample ? 'debug' : 'info', run);
  }

  /**
   * Recompute instruments whose stored indicator values were made with other parameters (e.g. file
   * edited while closed); first, stored rows waiting for a definition take the config's.
   */
  syncIndicators(): string[] {
    this.syncDefinitions();
    const stale = staleIndicatorSymbols(this.#d.db, indicatorConfigHash(this.#d.config()));
    const done = this.#recomputeJob(stale);
    if (done.length > 0) this.#d.emit('data.changed', { symbols: done });
    return done;
  }

  /** Import the bundled sample files that are not stored yet (idempotent by file hash). */
  importSamples(): string[] {
    const { db, sampleDir: dir, now, metrics } = this.#d;
    if (!existsSync(dir)) return [];
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => DATA_EXT.test(f) && statSync(join(dir, f)).isFile()).sort();
    const symbols = new Set<string>();
    const t0 = performance.now();
    for (const f of files) {
      // Indicators once per instrument after the batch, not once per file.
      const r = this.#logged(join(dir, f), { sample: true }, () => importFile(db, join(dir, f), { now, indicators: false, metrics, ...this.#read() }));
      if (r.ok && !r.value.duplicate) symbols.add(r.value.symbol);
    }
    // a cancelled recompute leaves the samples' values stale: syncIndicators computes them next start
    this.#recomputeJob([...symbols]);
    this.#d.logs.child('import').info({ dir, files: files.length, symbols: [...symbols], ms: Math.round(performance.now() - t0) }, 'samples checked');
    if (symbols.size > 0) this.#d.emit('data.changed', { symbols: [...symbols] });
    return [...symbols];
  }

  /**
   * New indicator parameters: every instrument's stored values anew, as one job (progress events,
   * cancellable, one transaction). Returns the symbols recomputed (none when it was cancelled).
   */
  recomputeAll(): string[] {
    return this.#recomputeJob(listInstruments(this.#d.db).map((i) => i.symbol));
  }

  /** The stored indicator values of `symbols` anew, as one job (progress, cancel); the symbols done (none when cancelled). */
  #recomputeJob(symbols: readonly string[]): string[] {
    const db = this.#d.db;
    const insts = symbols.flatMap((sym) => { const s = getInstrument(db, sym); return s ? [s] : []; });
    if (insts.length === 0) return [];
    const n = `${insts.length} instrument${insts.length === 1 ? '' : 's'}`;
    const o = this.jobs.run('recompute', n, ['indicators', 'writing'],
      (meter) => recomputeSteps(db, insts, this.#d.config(), { metrics: this.#d.metrics, meter }),
      () => ({ state: 'done', message: `indicator values of ${n} recomputed` }));
    if (!o.done) this.#d.logs.child('import').warn({ instruments: insts.length }, 'indicator recompute cancelled: the stored values keep the previous parameters until the next start or change');
    return o.done ? insts.map((i) => i.symbol) : [];
  }

  /** Recompute an instrument's stored indicator values (one transaction). */
  recomputeIndicators(symbol: string): void {
    const db = this.#d.db, inst = getInstrument(db, symbol);
    if (!inst) return;
    db.transaction(() => computeIndicators(db, inst.id, inst, this.#d.config(), { metrics: this.#d.metrics }))();
  }

  inspect(req: Req<'import.inspect'>): Result<Value<'import.inspect'>> {
    const r = identify(req.path, { tz: req.tz, instrument: req.instrument, ...this.#read() });
    if (!r.ok) return contentFree(req.path, r);
    const i = r.value.reader.info;
    return ok({
      path: req.path, file: i.file, format: i.format, layout: i.layout, kind: i.kind, barMinutes: i.barMinutes,
      sourceTz: i.sourceTz, tzSource: i.tzSource, symbol: r.value.symbol, bytes: i.bytesTotal,
      instrumentSource: r.value.source, draft: r.value.spec ? null : draftOf(r.value),
    });
  }

  start(req: Req<'import.start'>): Result<Value<'import.start'>> {
    const d = this.#d;
    let instrument = req.instrument;
    if (req.define) {
      const defined = this.#define(req.define);
      if (!defined.ok) return defined;
      instrument = defined.value;
    }
    const label = basename(req.path);
    const r = this.#logged(req.path, { tz: req.tz, instrument }, () => {
      const o = this.jobs.run('import', label, ['reading', 'bars', 'indicators', 'writing'], (meter) => importSteps(d.db, req.path, {
        tz: req.tz, instrument, ...this.#read(), now: d.now, config: d.config(), metrics: d.metrics, replace: req.replace === true,
        meter,
      }), (v) => (v.ok ? { state: 'done', message: v.value.duplicate ? 'already imported: nothing added' : `${v.value.rowsStored} rows stored` }
        : { state: 'failed', message: v.problem.message }));
      return o.done ? o.value : cancelledProblem(`the import of ${label}`);
    });
    if (r.ok && !r.value.duplicate) d.emit('data.changed', { symbols: [r.value.symbol] });
    return contentFree(req.path, r);
  }

  /** What the config says about reading files: the trader's instruments and the bounds (limits.max_file_mb, max_line_kb). */
  #read(): Pick<OpenOptions, 'instruments' | 'maxBytes' | 'maxLineBytes'> {
    const c = this.#d.config();
    return { instruments: c.instruments, ...feedLimits(c) };
  }

  /** The trader's definition goes into the config first (refused there like any bad edit); returns its symbol. */
  #define(u: UserInstrumentInput): Result<string> {
    if (!this.#d.defineInstrument) return fail('not-supported', 'this engine cannot write instruments into the config', { field: 'define' });
    const r = this.#d.defineInstrument(u);
    if (!r.ok) return r;
    this.syncDefinitions();
    return ok(u.symbol);
  }

  /**
   * Stored rows take the config's definition of their symbol: rows waiting for one (legacy 'other' rows,
   * store/instruments.ts) and rows whose entry was edited since. A definition in another zone than the
   * stored bars is left for the next import to refuse.
   */
  syncDefinitions(): string[] {
    const db = this.#d.db, user = this.#d.config().instruments, done: string[] = [];
    for (const i of listInstruments(db)) {
      if (!i.needsDefinition && !user.some((u) => u.symbol === i.symbol)) continue;
      const spec = resolveInstrument(i.symbol, user);
      if (!spec || spec.exchangeTz !== i.exchangeTz) continue;
      ensureInstrument(db, spec);
      done.push(i.symbol);
    }
    return done;
  }

  cancel(req: Req<'job.cancel'>): Result<Value<'job.cancel'>> {
    return ok(this.jobs.cancel(req.id));
  }

  list(): Result<Value<'imports.list'>> {
    return ok(listImports(this.#d.db));
  }
}
