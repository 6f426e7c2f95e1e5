// Import one file into the store: parse everything, tag ticks with the import, build bars, all in ONE
// transaction with the import record. A crash leaves the import absent; re-importing the same bytes adds nothing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { WriteDb } from '../../store/db.ts';
import { MAX_KEPT_PROBLEMS, type FeedReader, type OpenOptions, type TickChunk } from '../feed/types.ts';
import { fileToRead } from '../feed/index.ts';
import { ensureInstrument, storedInstrument } from '../../store/instruments.ts';
import { identify, instrumentNeeded } from './resolve-instrument.ts';
import { completeImport, deleteImportRecord, findImportByHash, insertImport } from '../../store/imports.ts';
import { appendTicks, overlappingTicks } from '../../store/ticks.ts';
import { iterateBars, storeInputBars, upsertBars, type BarConflict } from '../../store/bars.ts';
import { barsBetween, levelSlices, refreshBarLevels } from '../../store/bar-levels.ts';
import { BarSet } from '../bars/bar-set.ts';
import { BarBuilder } from '../bars/bar-builder.ts';
import { TIMEFRAMES, TIMEFRAME_MINUTES, timeframeFromMinutes, type Bar, type Timeframe } from '../../../src-shared/domain/bars.ts';
import { zone } from '../../../src-shared/time.ts';
import { fail, ok, type Problem, type Result } from '../../../src-shared/result.ts';
import type { ImportRecord } from '../../../src-shared/ipc.ts';
import { resolveInstrument } from '../../../src-shared/instruments.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments/types.ts';
import { DEFAULT_CONFIG, type Config } from '../../../src-shared/config.ts';
import { TickReplacement } from './tick-replace.ts';
import { computeIndicatorSteps } from './compute-indicators.ts';
import { runJobSync, type Job } from './job.ts';
import type { ProgressMeter } from '../../../src-shared/progress.ts';
import type { Metrics } from '../health/metrics.ts';
import type { Faults } from '../health/guard.ts';

export interface ImportOptions extends OpenOptions {
  /** wall clock, injected (ms) */
  now?: () => number;
  /** indicator parameters; the instrument's indicator values are recomputed in the same transaction */
  config?: Config;
  /** false: leave indicators to the caller (a batch of imports computes them once at the end) */
  indicators?: boolean;
  /** bars of a bar file at stored times with other values: take the file's (default: keep the stored, and report) */
  replace?: boolean;
  /** test hook: called after each stored chunk (the crash test kills the process here) */
  afterChunk?: (chunksStored: number) => void;
  /** timings per chunk: `feed` (parse), `bars` (bar building), `store` (writes); and the indicator stages */
  metrics?: Metrics | null;
  /** test hook: make an indicator stage throw (the import still stores every row) */
  faults?: Faults | null;
  /** the job's progress by phase: reading (bytes), bars (coarser frames), indicators (bars), writing */
  meter?: ProgressMeter | null;
}

/** input bars through the coarser bar builders between two yields */
const BAR_SLICE = 20_000;

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A stored symbol keeps the zone its bars were aligned in: a definition in another zone is refused. */
function zoneConflict(db: WriteDb, spec: InstrumentSpec, file: string): { ok: false; problem: Problem } | null {
  const stored = storedInstrument(db, spec.symbol);
  if (!stored || stored.exchangeTz === spec.exchangeTz) return null;
  return fail('instrument-zone-conflict', `${spec.symbol} is stored with bars aligned in ${stored.exchangeTz}; its definition says ${spec.exchangeTz}`, {
    file, field: 'exchange_tz', expected: stored.exchangeTz, got: spec.exchangeTz,
  });
}

/** A re-import of stored bytes adds nothing, but completes a row that was waiting for its definition. */
function completeDefinition(db: WriteDb, rec: ImportRecord, opts: ImportOptions): void {
  const stored = storedInstrument(db, rec.symbol);
  const spec = stored && !stored.spec ? resolveInstrument(stored.symbol, opts.instruments ?? []) : undefined;
  if (spec && spec.exchangeTz === stored!.exchangeTz) ensureInstrument(db, spec);
}

interface Prepared { size: number; sha256: string; reader: FeedReader; spec: InstrumentSpec; inputTf: Timeframe; replaces: number | null }

/** Everything checked before the transaction: readable, new bytes, a defined instrument, a supported period. */
function prepare(db: WriteDb, path: string, opts: ImportOptions): Result<Prepared> | { ok: true; value: ImportRecord; duplicate: true } {
  let size: number;
  try {
    // hashed before it is opened: a FIFO or a device (/dev/zero) must be refused before any read
    const fit = fileToRead(path, opts.maxBytes);
    if (!fit.ok) return fit;
    size = fit.size;
  } catch (e) {
    return fail('unreadable-file', `cannot read '${path}': ${(e as Error).message}`, { file: basename(path) });
  }
  const sha256 = sha256File(path);
  const before = findImportByHash(db, sha256);
  // a bar file imported before, again with --replace (after its differing bars were kept): imported anew
  if (before && !(opts.replace && before.kind === 'bars')) {
    completeDefinition(db, before, opts);
    return { ok: true, value: before, duplicate: true };
  }
  const id = identify(path, opts);
  if (!id.ok) return id;
  const reader = id.value.reader;
  if (!id.value.spec) return instrumentNeeded(id.value, opts.instrument !== undefined);
  const spec = id.value.spec;
  const conflict = zoneConflict(db, spec, reader.info.file);
  if (conflict) return conflict;
  // A bar file too short to show its period (one row) is taken as 1-minute bars.
  const inputTf: Timeframe | null = reader.info.kind === 'ticks' ? '1m' : timeframeFromMinutes(reader.info.barMinutes ?? 1);
  if (inputTf === null) {
    return fail('unsupported-bar-period', `bars of ${reader.info.barMinutes} minutes are not supported`, {
      file: reader.info.file, expected: 'ticks or 1-, 5- or 30-minute bars', got: `${reader.info.barMinutes}-minute bars`,
    });
  }
  return ok({ size, sha256, reader, spec, inputTf, replaces: before?.id ?? null });
}

export function importFile(db: WriteDb, path: string, opts: ImportOptions = {}): Result<ImportRecord> {
  return runJobSync(importSteps(db, path, opts));
}

/**
 * The import as a job (job.ts): it yields after every chunk of the file and every slice of bars and
 * indicator values; thrown a JobCancelled there, it rolls its one transaction back and rethrows.
 */
export function* importSteps(db: WriteDb, path: string, opts: ImportOptions = {}): Job<Result<ImportRecord>> {
  const now = opts.now ?? Date.now;
  const prep = prepare(db, path, opts);
  if (!prep.ok || 'duplicate' in prep) return prep.ok ? ok(prep.value) : prep;
  const { sha256, reader, spec, inputTf, replaces } = prep.value;
  const exZone = zone(spec.exchangeTz);
  const meter = opts.meter ?? null;
  const { store, conflicts } = inputBarStore(db, reader, TIMEFRAME_MINUTES[inputTf], opts.replace === true);

  db.exec('BEGIN IMMEDIATE');
  try {
    const instrumentId = ensureInstrument(db, spec);
    if (replaces !== null) deleteImportRecord(db, replaces); // its record gives way to this one (same bytes)
    const importId = insertImport(db, {
      file: reader.info.file, sha256, format: reader.info.format, layout: reader.info.layout, kind: reader.info.kind,
      instrumentId, sourceTz: reader.info.sourceTz,
    }, now());
    const ticksReplaced = opts.replace === true && reader.info.kind === 'ticks' ? new TickReplacement(db, instrumentId, importId, exZone) : null;
    const read = yield* readChunks(db, prep.value, { instrumentId, importId, store, exZone, ticksReplaced }, opts);
    if (!read.ok) { db.exec('ROLLBACK'); return read; }
    const { rowsStored, firstT, lastT } = read.value;
    if (ticksReplaced) conflicts.problems.push(...ticksReplaced.finish(firstT, lastT, reader.info.file));
    // a bar file's rows are its input bars (the bars phase reads them once per coarser frame); a tick file's are found there
    yield* rebuildCoarser(db, instrumentId, exZone, inputTf, { firstT, lastT, known: reader.info.kind === 'bars' ? rowsStored : 0 }, meter);
    yield* refreshLevels(db, instrumentId, firstT, lastT, meter);
    if (opts.indicators !== false) {
      yield* computeIndicatorSteps(db, instrumentId, spec, opts.config ?? DEFAULT_CONFIG, { metrics: opts.metrics, faults: opts.faults, meter });
    } else {
      meter?.phase('writing', rowsStored, 'rows'); // the commit (the rows went to the store while read)
    }
    const rec = completeImport(db, importId, {
      rowsRead: reader.stats.rowsRead, rowsStored, rowsRejected: reader.stats.rowsRejected,
      problems: [...reader.problems, ...conflicts.problems].slice(0, MAX_KEPT_PROBLEMS), firstT, lastT,
    }, now());
    db.exec('COMMIT');
    return ok({ ...rec, barsDiffering: conflicts.count, barsReplaced: conflicts.replace ? conflicts.count : 0 });
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

interface Target {
  instrumentId: number; importId: number; store: (id: number, bars: readonly Bar[]) => void; exZone: ReturnType<typeof zone>;
  /** import --replace of a tick file: the stored ticks it overlaps give way (tick-replace.ts) */
  ticksReplaced: TickReplacement | null;
}

/** The reading phase: every chunk of the file parsed, its ticks stored, its bars built and stored; a yield after each. */
function* readChunks(db: WriteDb, prep: Prepared, to: Target, opts: ImportOptions): Job<Result<{ rowsStored: number; firstT: number; lastT: number }>> {
  const { reader, size, inputTf, spec } = prep;
  const pending: Bar[] = [];
  // Ticks → 1m bars here; bar files are stored at their own period. Coarser frames are rebuilt after.
  const set = new BarSet(to.exZone, reader.info.kind === 'ticks' ? 0 : TIMEFRAME_MINUTES[inputTf], (_tf, b) => pending.push({ ...b }), [inputTf]);
  let firstT: number | null = null, lastT: number | null = null, rowsStored = 0, chunks = 0;
  // Timed per chunk (never per row): parse, bar building, store writes.
  const m = opts.metrics;
  const feedC = m?.component('feed'), barsC = m?.component('bars'), storeC = m?.component('store');
  opts.meter?.phase('reading', size, 'bytes');
  let tParse = m ? m.now() : 0;
  for (const chunk of reader.chunks()) {
    if (m) { const t = m.now(); feedC!.observe(t - tParse, chunk.n, t); }
    if (chunk.n === 0) { if (m) tParse = m.now(); continue; }
    if (firstT === null) firstT = chunk.t[0]!;
    lastT = chunk.t[chunk.n - 1]!;
    const t0 = m ? m.now() : 0;
    if (chunk.kind === 'ticks') {
      to.ticksReplaced?.clear(chunk);
      const refused = appendNewTicks(db, to.instrumentId, to.importId, chunk, rowsStored, reader.info.file, spec.symbol);
      if (refused) return refused;
    }
    const t1 = m ? m.now() : 0;
    set.push(chunk);
    const t2 = m ? m.now() : 0;
    to.store(to.instrumentId, pending);
    if (m) {
      const t3 = m.now();
      barsC!.observe(t2 - t1, chunk.n, t2);
      storeC!.observe(t1 - t0 + t3 - t2, chunk.n, t3);
    }
    pending.length = 0;
    rowsStored += chunk.n;
    opts.afterChunk?.(++chunks);
    opts.meter?.tick(Math.min(reader.stats.bytesRead, size), reader.stats.rowsRead);
    yield;
    if (m) tParse = m.now();
  }
  set.flush();
  to.store(to.instrumentId, pending);
  if (rowsStored === 0) return noValidRows(reader);
  return ok({ rowsStored, firstT: firstT!, lastT: lastT! });
}

function noValidRows(reader: FeedReader): { ok: false; problem: Problem } {
  const first = reader.problems[0];
  return fail('no-valid-rows', `no valid rows in '${reader.info.file}' (${reader.stats.rowsRejected} rejected)${first ? `; first: line ${first.line} ${first.field ?? ''}: ${first.message}` : ''}`, {
    file: reader.info.file, line: first?.line, field: first?.field, expected: first?.expected, got: first?.got,
  });
}

/** A bar file's own bars never overwrite differing stored ones silently; a tick file's 1m bars are its own (rebuilt). */
function inputBarStore(db: WriteDb, reader: FeedReader, inputMinutes: number, replace: boolean) {
  const conflicts = new ConflictLog(reader.info.file, replace);
  const store = (id: number, bars: readonly Bar[]) => (reader.info.kind === 'bars'
    ? storeInputBars(db, id, inputMinutes, bars, replace, conflicts.add) : upsertBars(db, id, inputMinutes, bars));
  return { store, conflicts };
}

/** Stores a chunk of ticks, unless ticks of another file are stored for its times (then: why, nothing stored). */
function appendNewTicks(db: WriteDb, instrumentId: number, importId: number, chunk: TickChunk, seq: number, file: string, symbol: string): { ok: false; problem: Problem } | null {
  const from = chunk.t[0]!, to = chunk.t[chunk.n - 1]!;
  const over = overlappingTicks(db, instrumentId, importId, from, to);
  if (over) return tickOverlap(file, symbol, over, from, to);
  appendTicks(db, instrumentId, importId, chunk, seq);
  return null;
}

function tickOverlap(file: string, symbol: string, over: { first: number; last: number }, from: number, to: number): { ok: false; problem: Problem } {
  const iso = (t: number) => new Date(t).toISOString();
  return fail('overlapping-ticks', `${symbol} already has ticks stored for ${iso(Math.max(from, over.first))} … ${iso(Math.min(to, over.last))}, `
    + 'which this file covers too: nothing was imported (import with --replace to take the file\'s ticks there)', {
    file, expected: `ticks of ${symbol} at times not stored yet`, got: `ticks for ${iso(from)} … ${iso(to)}`,
  });
}

/** Stored bars an import met with other values: counted, the first ones described. */
class ConflictLog {
  count = 0;
  readonly problems: Problem[] = [];
  readonly file: string;
  readonly replace: boolean;
  constructor(file: string, replace: boolean) {
    this.file = file;
    this.replace = replace;
  }
  add = ({ stored: s, given: g }: BarConflict): void => {
    if (this.count++ >= MAX_KEPT_PROBLEMS) return;
    const ohlcv = (b: Bar) => `${b.o} ${b.h} ${b.l} ${b.c} ${b.v}`;
    this.problems.push({
      code: 'stored-bar-differs', file: this.file, field: 'bar',
      message: `the bar at ${new Date(g.t).toISOString()} is stored with other values: ${this.replace ? 'replaced by the file\'s (--replace)' : 'the stored one is kept (import with --replace to take the file\'s)'}`,
      expected: `stored o h l c v: ${ohlcv(s)}`, got: `file: ${ohlcv(g)}`,
    });
  };
}

const DAY_MS = 86_400_000;

/**
 * The chart's pre-aggregated levels (bar-levels.ts) of every timeframe over the span written, a day
 * either side (a coarser bar may start before the file's first row), a slice at a time.
 */
function* refreshLevels(db: WriteDb, instrumentId: number, firstT: number, lastT: number, meter: ProgressMeter | null): Job<void> {
  const from = firstT - DAY_MS, to = lastT + DAY_MS;
  if (meter) meter.phase('bars', TIMEFRAMES.reduce((n, tf) => n + barsBetween(db, instrumentId, TIMEFRAME_MINUTES[tf], from, to), 0), 'bars');
  let read = 0;
  for (const tf of TIMEFRAMES) {
    const m = TIMEFRAME_MINUTES[tf];
    for (const [a, b] of levelSlices(m, from, to)) { // a yield (and progress tick) per slice
      read += refreshBarLevels(db, instrumentId, m, a, b);
      meter?.tick(read, read); // a slice's bars and those of its edge buckets: a little over the total
      yield;
    }
  }
}

/**
 * The bars phase: rebuild every timeframe coarser than `inputTf` over the touched range from the
 * stored input bars, read once for all of them (each builder takes the input bars of its own range).
 */
function* rebuildCoarser(db: WriteDb, instrumentId: number, exZone: ReturnType<typeof zone>, inputTf: Timeframe,
  range: { firstT: number; lastT: number; known: number }, meter: ProgressMeter | null): Job<void> {
  const { firstT, lastT } = range;
  const inMin = TIMEFRAME_MINUTES[inputTf];
  const tfs = TIMEFRAMES.filter((tf) => TIMEFRAME_MINUTES[tf] > inMin && TIMEFRAME_MINUTES[tf] % inMin === 0);
  meter?.phase('bars', range.known * tfs.length, 'bars');
  if (tfs.length === 0) return;
  const frames = tfs.map((tf) => {
    const m = TIMEFRAME_MINUTES[tf];
    const b = new BarBuilder(m, exZone);
    return { m, b, from: b.bucketStart(firstT), to: b.bucketStart(lastT) + m * 60_000, out: [] as Bar[] };
  });
  const input = [...iterateBars(db, instrumentId, inMin, Math.min(...frames.map((f) => f.from)), Math.max(...frames.map((f) => f.to)))];
  const total = input.length * tfs.length;
  for (let i = 0; i < input.length; i++) {
    const bar = input[i]!;
    for (const f of frames) {
      if (bar.t < f.from || bar.t >= f.to) continue;
      const made = f.b.addBar(bar);
      if (made) f.out.push({ ...made });
    }
    if ((i + 1) % BAR_SLICE === 0) {
      meter?.tick((i + 1) * tfs.length, (i + 1) * tfs.length, total);
      yield;
    }
  }
  for (const f of frames) {
    const last = f.b.flush();
    if (last) f.out.push(last);
    upsertBars(db, instrumentId, f.m, f.out);
    meter?.tick(total, total, total);
    yield;
  }
}
