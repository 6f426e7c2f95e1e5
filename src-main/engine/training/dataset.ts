// Training samples from one source: replay its files as the engine does (openFeed → BarSet →
// IndicatorPipeline), and at every synergy record the decision inputs, the risk proposal and the
// trade's outcome (label.ts). Every synergy that does not become a sample is counted with a reason.
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Bar, Timeframe } from '../../../src-shared/domain/bars.ts';
import type { Config } from '../../../src-shared/config.ts';
import { genericInstrument, type InstrumentSpec } from '../../../src-shared/instruments.ts';
import { zone } from '../../../src-shared/time.ts';
import { formatProblem } from '../../../src-shared/result.ts';
import { openFeed } from '../feed/index.ts';
import { BarSet } from '../bars/bar-set.ts';
import { IndicatorPipeline } from '../pipeline.ts';
import { decisionMatrices } from '../decision/inputs.ts';
import type { DecisionMatrices } from '../decision/model.ts';
import { proposeTrade, type Direction } from '../risk/sizing.ts';
import { inputMinutes } from '../feed/input-minutes.ts';
import { labelTrade, type TradeOutcome } from './label.ts';
import type { Source } from './sources.ts';

const M5 = 5 * 60_000;

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
  from: string | null;
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

export function replaySource(src: Source, dataDir: string, config: Config): SourceResult {
  const { steps, spec, files, sourceTz, known } = readSteps(src, dataDir);
  const stepMs = src.mode === '5m' ? M5 : 6 * M5;
  const p = new IndicatorPipeline({ config, exchangeTz: spec.exchangeTz, tickSize: spec.tickSize, mode: src.mode });
  const skipped = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>;
  const samples: Sample[] = [];
  let synergies = 0;
  for (let i = 0; i < steps.length; i++) {
    const bar = steps[i]!;
    const out = src.mode === '5m' ? p.push5m({ ...bar }) : p.push30m({ ...bar });
    const ev = out.synergy;
    if (!ev) continue;
    synergies++;
    const matrices = decisionMatrices(p);
    if (!matrices) { skipped['matrices not ready']++; continue; }
    const atr = out.row?.atr;
    if (atr === null || atr === undefined) { skipped['atr not ready']++; continue; }
    const plan = proposeTrade({
      direction: ev.direction, entry: bar.c, atr, spec, cfg: config.risk, equity: config.risk.account_equity,
    });
    if (plan.size === 0) { skipped['size 0']++; continue; }
    const res = labelTrade({
      steps, from: i + 1, proposal: plan, submittedAt: ev.time, spec, exec: config.exec,
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
  // A stage that threw was reset by its guard: its rows are gaps the engine would show, not data to learn from.
  for (const [name, g] of Object.entries(p.guards)) {
    if (g.errors > 0) throw new Error(`${src.id}: pipeline stage ${name} failed ${g.errors} times (last: ${g.lastError})`);
  }
  return {
    samples,
    report: {
      id: src.id, mode: src.mode, files, symbol: spec.symbol, instrument_known: known, source_tz: sourceTz,
      exchange_tz: spec.exchangeTz, tick_size: spec.tickSize, point_value: spec.pointValue, from: src.from ?? null,
      steps: steps.length, first_step: steps.length ? iso(steps[0]!.t) : null, last_step: steps.length ? iso(steps.at(-1)!.t) : null,
      synergies, kept: samples.length, skipped, note: src.note,
    },
  };
}

interface Steps {
  steps: Bar[];
  spec: InstrumentSpec;
  known: boolean;
  sourceTz: string;
  files: SourceReport['files'];
}

/** The source's step bars: all its files through one BarSet, as the replay CLI builds them. */
function readSteps(src: Source, dataDir: string): Steps {
  const want: Timeframe = src.mode === '5m' ? '5m' : '30m';
  const steps: Bar[] = [];
  const files: SourceReport['files'] = [];
  let set: BarSet | null = null, spec: InstrumentSpec | null = null, known = false, sourceTz = '';
  for (const rel of src.files) {
    const path = join(dataDir, rel);
    const opened = openFeed(path, src.tz ? { tz: src.tz } : {});
    if (!opened.ok) throw new Error(`${src.id}: ${formatProblem(opened.problem)}`);
    const reader = opened.value, info = reader.info;
    const s = info.instrument ?? genericInstrument(src.symbol ?? 'UNKNOWN', info.sourceTz);
    if (!spec) {
      spec = s;
      known = info.instrument !== undefined;
      sourceTz = info.sourceTz;
      const inMin = inputMinutes(info);
      if (src.mode === '30m' && inMin !== 30) throw new Error(`${src.id}: '30m' mode needs 30-minute bars, ${rel} has ${inMin}`);
      set = new BarSet(zone(s.exchangeTz), inMin, (tf, b) => { if (tf === want) steps.push({ ...b }); });
    } else if (s.symbol !== spec.symbol) {
      throw new Error(`${src.id}: ${rel} is ${s.symbol}, not ${spec.symbol}`);
    }
    for (const chunk of reader.chunks()) set!.push(chunk);
    files.push({ path: rel, sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), rows: reader.stats.rowsRead, rejected: reader.stats.rowsRejected });
  }
  set?.flush();
  if (!spec) throw new Error(`${src.id}: no files`);
  const from = src.from ? Date.parse(src.from) : -Infinity;
  return { steps: steps.filter((b) => b.t >= from), spec, known, sourceTz, files };
}
