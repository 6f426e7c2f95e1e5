// Training samples from one source: its files go through the trading kernel (kernel.ts, indicators
// and synergies only) as one stream, and a listener keeps the step bars and, at every synergy, the
// decision inputs. Afterwards each synergy gets its risk proposal and the trade's outcome from the
// step bars that follow it (label.ts). Every synergy that does not become a sample is counted with a reason.
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments/types.ts';
import { formatProblem } from '../../../src-shared/result.ts';
import type { FeedChunk } from '../feed/types.ts';
import { decisionMatrices } from '../decision/inputs.ts';
import type { DecisionMatrices } from '../decision/model.ts';
import type { SynergyEvent } from '../synergy/event.ts';
import { proposeTrade, type Direction } from '../risk/sizing.ts';
import { accountRate } from '../risk/currency.ts';
import { unknownInstrumentMessage } from '../../../src-shared/instruments.ts';
import { Kernel } from '../kernel/kernel.ts';
import { STEP_MS, cannotStep, naturalMode } from '../kernel/mode.ts';
import { openFileSource } from '../kernel/file-source.ts';
import { labelTrade, type TradeOutcome } from './label.ts';
import type { Source } from './sources.ts';

export const SKIP_REASONS = [
  'matrices not ready', 'atr not ready', 'size 0', 'order refused', 'data ended before exit', 'data gap before exit',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface Sample {
  source: string;
  mode: '5m' | '30m';
  symbol: string;
  /** decision time: the synergy's time, the end of its step bar (market ms) */
  time: number;
  /** when the label became known: the exit bar's end */
  knownAt: number;
  direction: Direction;
  synergyType: string;
  patternQuality: number;
  matrices: DecisionMatrices;
  /** planned entry (the step bar's close), stop, target, size, money at risk */
  plan: { entry: number; stop: number; target: number; size: number; riskMoney: number };
  outcome: TradeOutcome;
}

export interface SourceReport {
  id: string;
  mode: '5m' | '30m';
  files: { path: string; sha256: string; rows: number; rejected: number }[];
  symbol: string;
  instrument_known: boolean;
  source_tz: string;
  exchange_tz: string;
  tick_size: number;
  point_value: number;
  /** the currency the samples' money (plan riskMoney, outcome pnl) is in: the account's, or the instrument's own (rate 1) when config states no rate */
  currency: string;
  rate: number;
  from: string | null;
  /** the 30m history that warmed the 30m stage first (sources.ts warm30), or null */
  warm30: { path: string; sha256: string; bars: number; first: string | null; last: string | null } | null;
  steps: number;
  first_step: string | null;
  last_step: string | null;
  synergies: number;
  kept: number;
  skipped: Record<SkipReason, number>;
  note: string;
}

export interface SourceResult {
  report: SourceReport;
  samples: Sample[];
}

const iso = (t: number): string => new Date(t).toISOString();

/** called every PROGRESS_STEPS steps with the steps so far, the step bar's start, and the bytes of the source's files read so far and in all */
export type Progress = (steps: number, t: number, bytes: { read: number; total: number }) => void;
export const PROGRESS_STEPS = 1_000;

export function replaySource(src: Source, dataDir: string, config: Config, progress?: Progress): SourceResult {
  const run = runSource(src, dataDir, config, progress);
  const { steps, found, spec, files, sourceTz, known } = run;
  // A label is the sign of the net P&L and r its multiple of the money at risk: both the same in any
  // currency. So without a stated rate the samples' money stays in the instrument's own currency (the
  // report says which) instead of failing; with one it is in the account currency, as the session books it.
  const cur = spec.currency, stated = cur === config.risk.account_currency || config.risk.fx_rates[cur] !== undefined;
  const risk = stated ? config.risk : { ...config.risk, account_currency: cur };
  const rate = accountRate(spec, risk);
  const stepMs = STEP_MS[src.mode];
  const skipped = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>;
  const samples: Sample[] = [];
  for (const { at, ev, matrices, atr } of found) {
    if (!matrices) { skipped['matrices not ready']++; continue; }
    if (atr === null) { skipped['atr not ready']++; continue; }
    const bar = steps[at]!;
    const plan = proposeTrade({
      direction: ev.direction, entry: bar.c, atr, spec, cfg: risk, equity: config.risk.account_equity,
    });
    if (plan.size === 0) { skipped['size 0']++; continue; }
    const res = labelTrade({
      steps, from: at + 1, proposal: plan, submittedAt: ev.time, spec, exec: config.exec,
      maxBarsInTrade: config.risk.max_bars_in_trade, stepMs,
    });
    if (!res.ok) { skipped[res.reason]++; continue; }
    samples.push({
      source: src.id, mode: src.mode, symbol: spec.symbol, time: ev.time, knownAt: res.outcome.exitT + stepMs,
      direction: ev.direction, synergyType: ev.synergy_type, patternQuality: ev.metadata.pattern_quality, matrices,
      plan: { entry: plan.entry, stop: plan.stop, target: plan.target, size: plan.size, riskMoney: plan.riskMoney },
      outcome: res.outcome,
    });
  }
  return {
    samples,
    report: {
      id: src.id, mode: src.mode, files, symbol: spec.symbol, instrument_known: known, source_tz: sourceTz,
      exchange_tz: spec.exchangeTz, tick_size: spec.tickSize, point_value: spec.pointValue,
      currency: risk.account_currency, rate, from: src.from ?? null, warm30: run.warm30,
      steps: steps.length, first_step: steps.length ? iso(steps[0]!.t) : null, last_step: steps.length ? iso(steps.at(-1)!.t) : null,
      synergies: found.length, kept: samples.length, skipped, note: src.note,
    },
  };
}

/** A synergy as the kernel saw it: its step's index, and the decision inputs copied at that step. */
interface Found {
  at: number;
  ev: SynergyEvent;
  matrices: DecisionMatrices | null;
  atr: number | null;
}

interface Run {
  /** the step bars from `src.from` on, in order (the labels read the bars after a synergy) */
  steps: Bar[];
  found: Found[];
  spec: InstrumentSpec;
  known: boolean;
  sourceTz: string;
  files: SourceReport['files'];
  warm30: SourceReport['warm30'];
}

/** All the source's files through one kernel, as one stream of rows from `src.from` on. */
function runSource(src: Source, dataDir: string, config: Config, progress?: Progress): Run {
  const from = src.from ? Date.parse(src.from) : -Infinity;
  // rows from `from` make the step bars from `from` only when it is a step boundary
  if (from !== -Infinity && from % STEP_MS[src.mode] !== 0) throw new Error(`${src.id}: from ${src.from} is not a ${src.mode} boundary`);
  const steps: Bar[] = [], found: Found[] = [], files: SourceReport['files'] = [];
  let kernel: Kernel | null = null, first: Omit<Run, 'steps' | 'found' | 'files' | 'warm30'> | null = null;
  let warm30: Run['warm30'] = null;
  // bytes read so far (for the progress lines' time left): files done, plus the open reader's
  const bytes = { done: 0, total: src.files.reduce((n, rel) => n + statSync(join(dataDir, rel)).size, 0), reader: null as { stats: { bytesRead: number } } | null };
  const told: StepProgress | undefined = progress && ((s, t) => progress(s, t, { read: bytes.done + (bytes.reader?.stats.bytesRead ?? 0), total: bytes.total }));
  for (const rel of src.files) {
    const path = join(dataDir, rel);
    const opened = openFileSource(path, src.tz ? { tz: src.tz } : {}, src.symbol);
    if (!opened.ok) throw new Error(`${src.id}: ${formatProblem(opened.problem)}`);
    const { reader, spec, known, inputMinutes } = opened.value;
    bytes.reader = reader;
    // labels need the instrument's tick, point value and costs: no generic stand-in
    if (!spec) throw new Error(`${src.id}: ${rel}: ${unknownInstrumentMessage(src.symbol ?? rel)}`);
    const why = cannotStep(inputMinutes, src.mode) ?? (naturalMode(inputMinutes) === src.mode ? null : `its steps are ${naturalMode(inputMinutes)}`);
    if (why) throw new Error(`${src.id}: ${rel} has ${inputMinutes}-minute rows; '${src.mode}' mode: ${why}`);
    if (!kernel || !first) {
      first = { spec, known, sourceTz: reader.info.sourceTz };
      kernel = collectingKernel(new Kernel({ config, spec, mode: src.mode, inputMinutes, trading: null }), steps, found, told);
    } else if (spec.symbol !== first.spec.symbol) {
      throw new Error(`${src.id}: ${rel} is ${spec.symbol}, not ${first.spec.symbol}`);
    }
    for (const chunk of reader.chunks()) {
      if (src.warm30 && warm30 === null) warm30 = warmFrom30m(kernel, join(dataDir, src.warm30), src.warm30, spec.symbol, chunk.t[0]!, src.warm30Bars ?? Infinity);
      kernel.feed(chunk, firstAtOrAfter(chunk, from));
    }
    bytes.done += statSync(path).size;
    bytes.reader = null;
    files.push({ path: rel, sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), rows: reader.stats.rowsRead, rejected: reader.stats.rowsRejected });
  }
  if (!kernel || !first) throw new Error(`${src.id}: no files`);
  kernel.finish();
  // A stage that threw was reset by its guard: its rows are gaps the engine would show, not data to learn from.
  for (const [name, g] of Object.entries(kernel.pipeline.guards)) {
    if (g.errors > 0) throw new Error(`${src.id}: pipeline stage ${name} failed ${g.errors} times (last: ${g.lastError})`);
  }
  return { ...first, steps, found, files, warm30 };
}

/** The 30m stage warmed with the last `max` bars of a 30m file of the same instrument that end by `before` (the source's first row). */
function warmFrom30m(kernel: Kernel, path: string, rel: string, symbol: string, before: number, max: number): NonNullable<Run['warm30']> {
  const opened = openFileSource(path, {}, symbol);
  if (!opened.ok) throw new Error(`warm30 ${rel}: ${formatProblem(opened.problem)}`);
  const { reader, spec, inputMinutes } = opened.value;
  if (inputMinutes !== 30) throw new Error(`warm30 ${rel}: ${inputMinutes}-minute rows, not 30`);
  if (spec?.symbol !== symbol) throw new Error(`warm30 ${rel} is ${spec?.symbol ?? 'unknown'}, not ${symbol}`);
  const bars: Bar[] = [];
  for (const c of reader.chunks()) {
    if (c.kind !== 'bars') throw new Error(`warm30 ${rel}: not bars`);
    for (let i = 0; i < c.n && c.t[i]! + STEP_MS['30m'] <= before; i++) bars.push({ t: c.t[i]!, o: c.o[i]!, h: c.h[i]!, l: c.l[i]!, c: c.c[i]!, v: c.v[i]! });
  }
  const used = bars.slice(Math.max(0, bars.length - max));
  for (const b of used) kernel.warm30(b);
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  return { path: rel, sha256, bars: used.length, first: used.length ? iso(used[0]!.t) : null, last: used.length ? iso(used.at(-1)!.t) : null };
}

/** The kernel's listener keeps every step bar and, at each synergy, the decision inputs (copied: the matrices move on). */
type StepProgress = (steps: number, t: number) => void;

function collectingKernel(k: Kernel, steps: Bar[], found: Found[], progress?: StepProgress): Kernel {
  return k.listen({
    step: ({ out }) => {
      if (!out.bar) return; // the end-of-data 30m delivery: no step bar
      steps.push(out.bar);
      if (progress && steps.length % PROGRESS_STEPS === 0) progress(steps.length, out.bar.t);
      const ev = out.synergy;
      if (ev) found.push({ at: steps.length - 1, ev, matrices: decisionMatrices(k.pipeline, { copy: true }), atr: out.row?.atr ?? null });
    },
  });
}

/** Index of the chunk's first row at or after `t` (rows never go back in time). */
function firstAtOrAfter(chunk: FeedChunk, t: number): number {
  let i = 0;
  while (i < chunk.n && chunk.t[i]! < t) i++;
  return i;
}
