// The trading replay of one file, as every file driver runs it (the CLI's `replay --timeframe`, a sweep
// task): check the file can be stepped and traded, store it (an import, skipped when already stored),
// find or create the run by its fingerprint, and drive the kernel over the file into that run. The
// caller chooses the database (a file for the CLI, ':memory:' for a sweep task) and prints what it wants.
import { openFeed, type FeedInfo, type FeedReader, type OpenOptions } from '../feed/index.ts';
import { inputMinutes } from '../feed/input-minutes.ts';
import { importFile, sha256File } from '../ingest/import-file.ts';
import { symbolFromFileName } from '../ingest/instrument-draft.ts';
import { tradingProblem } from '../risk/currency.ts';
import type { Config } from '../../../src-shared/config.ts';
import { formatProblem } from '../../../src-shared/result.ts';
import { unknownInstrumentMessage, type InstrumentSpec } from '../../../src-shared/instruments.ts';
import type { DecisionModel } from '../decision/model.ts';
import type { WriteDb } from '../../store/db.ts';
import { createRun, findRun, finishRun, type RunRow } from '../../store/trading.ts';
import { openSession } from '../kernel/session.ts';
import { Kernel, type KernelOptions, type KernelStats } from '../kernel/kernel.ts';
import { cannotStep, type StepMode } from '../kernel/mode.ts';
import { modelId, runFingerprint } from '../kernel/fingerprint.ts';
import { Metrics } from '../health/metrics.ts';

/** A file ready to replay: its reader, its row period and the instrument it trades. */
export interface PreparedFile { reader: FeedReader; info: FeedInfo; inputMinutes: number; spec: InstrumentSpec }

/** Why a file cannot be replayed: exit 1 (the file itself), or 2 (a refusal: which instrument, its money). */
export type NotReplayable = { exit: 1 | 2; message: string };

/** Opens the feed and checks that it steps at `tf` and trades under `config` (messages as the CLI prints them). */
export function prepareFile(file: string, opts: OpenOptions, tf: StepMode, config: Config): { ok: true; value: PreparedFile } | { ok: false; why: NotReplayable } {
  const opened = openFeed(file, opts);
  if (!opened.ok) return { ok: false, why: { exit: 1, message: `replay: ${formatProblem(opened.problem)}` } };
  const reader = opened.value, info = reader.info;
  const inMin = inputMinutes(info);
  const why = cannotStep(inMin, tf);
  if (why) return { ok: false, why: { exit: 1, message: `replay: ${info.file}: ${why}` } };
  const spec = info.instrument;
  if (!spec) {
    const guess = symbolFromFileName(info.file);
    return { ok: false, why: { exit: 2, message: guess ? unknownInstrumentMessage(guess) : `replay: ${info.file}: the file does not say which instrument it holds, and a trading run `
      + `needs its tick, point value, currency and commission: name it with --instrument SYM (a catalogue symbol, see 'instruments', or one under instruments: in --config)` } };
  }
  // the session's own check, refused here before anything is stored rather than thrown from its set-up
  const problem = tradingProblem(spec, config);
  if (problem) return { ok: false, why: { exit: 2, message: `replay: ${info.file}: ${problem}` } };
  return { ok: true, value: { reader, info, inputMinutes: inMin, spec } };
}

export interface ReplayFileInput {
  db: WriteDb;
  file: string;
  prepared: PreparedFile;
  opts: OpenOptions;
  /** the config the file's indicators are stored with (--config, before the profile) */
  base: Config;
  /** the run's effective config: profile applied, exec.auto_approve set */
  config: Config;
  tf: StepMode;
  profile: string;
  model: DecisionModel | null;
  modelProblem: string | null;
  metrics?: Metrics;
  onFault?: KernelOptions['onFault'];
  onNote?: KernelOptions['onNote'];
  /** wall clock (ms) of the run's created/finished stamps */
  now?: () => number;
  /** a walk-forward fold: trade the steps starting in [from, to) only, warmed on the rows before; no row from `to` on is read */
  window?: readonly [number, number];
}

export interface ReplayFileResult {
  run: RunRow;
  /** the run found again by its fingerprint (null: created now) */
  found: RunRow | null;
  /** null: the run had already finished, nothing was replayed */
  stats: KernelStats | null;
  model: string | null;
}

/** Stores the file and replays it into its run (resumed when the fingerprint matches a stored one). */
export function replayFile(p: ReplayFileInput): { ok: true; value: ReplayFileResult } | { ok: false; message: string } {
  const { db, file, config, tf } = p;
  const { reader, info, spec } = p.prepared;
  const now = p.now ?? Date.now;
  const imported = importFile(db, file, { ...p.opts, config: p.base });
  if (!imported.ok) return { ok: false, message: `replay: store: ${formatProblem(imported.problem)}` };
  const mid = modelId(p.model?.file ?? null);
  // the run is found again by its fingerprint: the same command after a kill resumes it
  const whole = runFingerprint({ data: sha256File(file), symbol: spec.symbol, spec, mode: tf, config, model: mid });
  const key = p.window ? `${whole}:${p.window[0]}-${p.window[1]}` : whole;
  const found = findRun(db, key);
  const run = found ?? createRun(db, {
    key, source: info.file, symbol: spec.symbol, timeframe: tf, profile: p.profile, config_json: JSON.stringify(config),
    model: mid, auto_approve: config.exec.auto_approve ? 1 : 0, created_at: now(),
  });
  if (run.finished_at) return { ok: true, value: { run, found, stats: null, model: mid } };
  const session = openSession({
    db, run, spec, config, model: p.model, modelProblem: p.modelProblem, mode: tf, inputMinutes: p.prepared.inputMinutes,
  });
  const kernel = new Kernel({
    config, spec, mode: tf, inputMinutes: p.prepared.inputMinutes, trading: session, metrics: p.metrics ?? null,
    onFault: p.onFault, onNote: p.onNote, ...(p.window ? { tradeFrom: p.window[0] } : {}),
  });
  feedUntil(kernel, reader, p.window?.[1] ?? Infinity);
  kernel.finish();
  finishRun(db, run.id, now());
  return { ok: true, value: { run, found, stats: kernel.stats, model: mid } };
}

/** Every row before `to` (time order), and none after. */
function feedUntil(kernel: Kernel, reader: FeedReader, to: number): void {
  for (const c of reader.chunks()) {
    if (c.n === 0) continue;
    if (c.t[c.n - 1]! < to) { kernel.feed(c); continue; }
    let k = 0;
    while (k < c.n && c.t[k]! < to) k++;
    kernel.feed(c, 0, k);
    return;
  }
}
