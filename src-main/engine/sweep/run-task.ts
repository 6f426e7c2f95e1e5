// One sweep task: one deterministic kernel run of one data file under one config, in a store of its own
// in memory (auto-approved, as nobody approves a sweep), then the backtest report of that run, of which
// the sweep keeps the metrics and the closed trades. Nothing here depends on which worker runs it, or when.
import type { Config } from '../../../src-shared/config.ts';
import type { RunReport } from '../../../src-shared/report.ts';
import { SWEEP_METRICS, type SweepMetrics, type SweepTaskResult } from '../../../src-shared/sweep.ts';
import { openDb, closeDb } from '../../store/db.ts';
import { problemLine } from '../decision/live-model.ts';
import { loadCheckedModel } from '../decision/model-card.ts';
import type { DecisionModel } from '../decision/model.ts';
import { syncModel } from '../kernel/model.ts';
import type { StepMode } from '../kernel/mode.ts';
import { buildReport } from '../report/build-report.ts';
import { prepareFile, replayFile } from '../trading/replay-file.ts';
import { withDataFile } from './stored-source.ts';

/** What a worker needs to run a task (structured-cloneable: it crosses to a worker thread). */
export interface TaskInput {
  /** a file, or a stored instrument: `store:<db path>#<SYMBOL>` */
  data: string;
  /** the task's full config (expand.ts taskConfig) */
  config: Config;
  /** the sweep's base config: the file's indicators are stored with it, as the CLI's --config */
  base: Config;
  timeframe: StepMode;
  profile: string;
  /** model file; null: the rule path */
  model: string | null;
  tz?: string;
  instrument?: string;
  /** a walk-forward fold: the window [from, to) in ms it trades */
  window?: [number, number];
}

export async function runTask(t: TaskInput): Promise<SweepTaskResult> {
  const rep = await runTaskReport(t);
  const metrics = Object.fromEntries(SWEEP_METRICS.map((k) => [k, rep[k]])) as SweepMetrics;
  return { metrics, trades: rep.trades_list };
}

/** The task's whole backtest report (the app shows it for a sweep's row: the same run, replayed again). */
export function runTaskReport(t: TaskInput): Promise<RunReport> {
  // a stored instrument is replayed from a CSV of its stored rows (stored-source.ts)
  return withDataFile(t.data, (file) => replayReport(t, file));
}

async function replayReport(t: TaskInput, file: string): Promise<RunReport> {
  const opts = { tz: t.tz, instrument: t.instrument, instruments: t.base.instruments };
  const ready = prepareFile(file, opts, t.timeframe, t.base);
  if (!ready.ok) throw new Error(ready.why.message);
  const { model, problem } = await openModel(t.model);
  const db = openDb(':memory:');
  try {
    const r = replayFile({
      db, file, prepared: ready.value, opts, base: t.base, config: t.config, tf: t.timeframe, profile: t.profile,
      model, modelProblem: problem, ...(t.window ? { window: t.window } : {}),
    });
    if (!r.ok) throw new Error(r.message);
    const rep = buildReport(db, r.value.run.id);
    if (!rep.ok) throw new Error(rep.problem.message);
    return rep.value;
  } finally {
    await model?.release();
    closeDb(db);
  }
}

/** The model as the CLI's replay loads it: a file that fails its checks fails the task. */
async function openModel(path: string | null): Promise<{ model: DecisionModel | null; problem: string | null }> {
  if (path === null) return { model: null, problem: 'no model (--model none)' };
  const r = await loadCheckedModel(path);
  if (!r.ok) throw new Error(`model ${path}: ${problemLine(r.problem)}`);
  const chosen = syncModel({ model: r.value.model, problem: null });
  if (!chosen.model) {
    await r.value.model.release();
    throw new Error(`model ${path}: ${chosen.problem}`);
  }
  return chosen;
}
