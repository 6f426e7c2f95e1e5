// `replay <file> --timeframe 5m|30m [--tz …] [--profile spec|active] --db <path> [--auto-approve] [--model <path>|none] [--instrument SYM] [--config <path>]`
// Stores the file (an import, skipped when already stored), then replays it through the whole
// pipeline: indicators → synergy → decision → risk → approval (auto in paper mode, else decisions
// expire) → paper broker, every step committed to the trading tables. A run is found again by what
// defines it (file content, timeframe, profile, config, model, auto-approve): run the same command
// after a kill and it resumes at its last committed step. Ends with one JSON line of market-time facts
// only, so a resumed run prints exactly what an uninterrupted one does. Timing goes to stderr.
// The replay itself is engine/trading/replay-file.ts, shared with sweep tasks; this file is flags and output.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, str, UsageError } from './args.ts';
import { formatProblem } from '../../src-shared/result.ts';
import { openDb, closeDb } from '../store/db.ts';
import { DEFAULT_CONFIG } from '../../src-shared/config.ts';
import { applyProfile, isProfileName, type ProfileName } from '../../src-shared/profiles.ts';
import type { DecisionModel } from '../engine/decision/model.ts';
import { loadCheckedModel } from '../engine/decision/model-card.ts';
import { problemLine } from '../engine/decision/live-model.ts';
import { getRun } from '../store/trading.ts';
import { runSummary } from '../engine/trading/summary.ts';
import { prepareFile, replayFile } from '../engine/trading/replay-file.ts';
import { syncModel } from '../engine/kernel/model.ts';
import { Metrics } from '../engine/health/metrics.ts';
import { recordRunHealth } from '../engine/health/recorder.ts';
import { cliConfig, feedOptions, FILE_FLAGS, Refusal } from './file-args.ts';

/** models/decision.onnx of the repo (or of the packaged app's resources) */
export const DEFAULT_MODEL = fileURLToPath(new URL('../../models/decision.onnx', import.meta.url));

export async function runTradeReplay(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['db', ...FILE_FLAGS, 'timeframe', 'profile', 'model'], ['auto-approve']);
  const file = a.positionals[0];
  if (!file || a.positionals.length > 1) throw new UsageError('replay takes exactly one file');
  const dbPath = str(a, 'db');
  if (!dbPath) throw new UsageError('replay with --timeframe, --profile or --auto-approve needs --db <path>');
  const tf = str(a, 'timeframe') ?? '5m';
  if (tf !== '5m' && tf !== '30m') throw new UsageError(`--timeframe must be 5m or 30m, got '${tf}'`);
  const profile = str(a, 'profile') ?? 'spec';
  if (!isProfileName(profile)) throw new UsageError(`--profile must be spec or active, got '${profile}'`);
  const autoApprove = a.flags.get('auto-approve') === true;
  const base = cliConfig(a);
  const opts = feedOptions(a, base);

  const ready = prepareFile(file, opts, tf, base);
  if (!ready.ok) {
    if (ready.why.exit === 2) throw new Refusal(ready.why.message);
    process.stderr.write(`${ready.why.message}\n`);
    return 1;
  }
  const prepared = ready.value;
  const profiled = applyProfile(base, profile as ProfileName, DEFAULT_CONFIG);
  const config = { ...profiled, exec: { ...profiled.exec, auto_approve: autoApprove } };

  const t0 = performance.now();
  const { model, problem } = await loadModel(str(a, 'model'));
  const db = openDb(dbPath);
  try {
    const metrics = new Metrics();
    const r = replayFile({
      db, file, prepared, opts, base, config, tf, profile, model, modelProblem: problem, metrics,
      onFault: (f) => process.stderr.write(`replay: ${f.indicator} failed at the bar of ${new Date(f.barT).toISOString()}: ${f.reason}\n`),
      onNote: (n) => process.stderr.write(`replay: ${n.indicator}: ${n.message}\n`),
    });
    if (!r.ok) {
      process.stderr.write(`${r.message}\n`);
      return 1;
    }
    const { run, found, stats: st, model: mid } = r.value;
    if (st) {
      // what `health --db` prints for this database: this run's stage counts, latencies and faults
      recordRunHealth(db, metrics, { runId: run.id, source: 'cli replay', final: true, dbPath });
      process.stderr.write(`replay: run ${run.id} ${found ? `resumed after step ${found.steps}` : 'started'}; `
        + `${st.warmed} bars re-warmed, ${st.traded} traded in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
    } else {
      process.stderr.write(`replay: run ${run.id} had already finished; its result:\n`);
    }
    const done = getRun(db, run.id)!;
    // every step bar is traded once over the run's life (a resumed run re-warms, it does not re-trade)
    const summary = runSummary(db, done, { file: prepared.info.file, bars: done.steps, model: mid, modelProblem: problem });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  } finally {
    await model?.release();
    closeDb(db);
  }
}

/**
 * --model <path>: that model or nothing: a file that fails a check (names, shapes, feature-schema hash,
 * its card's checksum) refuses the replay, exit 2, before anything is stored. Without --model the
 * default (ALGOSPACE_MODEL, else models/decision.onnx) is used when it loads, else the rule path
 * decides and says why, as the app does at start-up.
 */
async function loadModel(flag: string | undefined): Promise<{ model: DecisionModel | null; problem: string | null }> {
  if (flag === 'none') return { model: null, problem: 'no model (--model none)' };
  const path = flag ?? (process.env.ALGOSPACE_MODEL || DEFAULT_MODEL);
  if (!flag && !existsSync(path)) return { model: null, problem: `model_missing: ${path === DEFAULT_MODEL ? 'models/decision.onnx' : path} not found` };
  const r = await loadCheckedModel(path);
  if (!r.ok) {
    if (flag) throw new Refusal(`replay: --model ${flag}: ${problemLine(r.problem)}`);
    process.stderr.write(`replay: decision model: ${formatProblem(r.problem)}; using the rule path\n`);
    return { model: null, problem: `${r.problem.code}: ${r.problem.message}` };
  }
  const { model, card, cardProblem } = r.value;
  process.stderr.write(`replay: decision model ${model.file} (sha256 ${model.sha256.slice(0, 12)}…, ${card ? 'matches its card' : cardProblem})\n`);
  const chosen = syncModel({ model, problem: null });
  if (!chosen.model) {
    await model.release();
    if (flag) throw new Refusal(`replay: --model ${flag}: ${chosen.problem}`);
  }
  return chosen;
}
