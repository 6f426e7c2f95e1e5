// A sweep ready to run: every data file opened and checked (it steps at the timeframe, its instrument
// is known and tradable), the model checked once, and every task given its hash, before any task runs.
// Two tasks with the same hash (a value repeated, the same file twice) would give the same result: the
// later one is dropped, and counted.
import { createHash } from 'node:crypto';
import { sha256File } from '../ingest/import-file.ts';
import { loadCheckedModel } from '../decision/model-card.ts';
import { problemLine } from '../decision/live-model.ts';
import { resolveInstrument, unknownInstrumentMessage, type InstrumentSpec } from '../../../src-shared/instruments.ts';
import { prepareFile } from '../trading/replay-file.ts';
import { SweepError, type SweepTask } from './expand.ts';
import type { SweepSpec } from '../../../src-shared/sweep.ts';
import type { LoadedSweep } from './load.ts';
import type { TaskInput } from './run-task.ts';
import { taskHash } from './task-id.ts';
import { fileSpan, foldWindows } from './folds.ts';
import { parseStoredRef, withDataFile } from './stored-source.ts';

export interface PlannedTask {
  task: SweepTask;
  hash: string;
  input: TaskInput;
  /** walk-forward fold (null: the whole file) */
  fold: number | null;
  /** the content the task was planned on: a worker elsewhere checks its copies against these */
  data_sha256: string;
  model_sha256: string | null;
}

export interface SweepPlan {
  /** the sweep's identity: its name and its task hashes in order (the same command finds it again) */
  key: string;
  tasks: PlannedTask[];
  /** tasks dropped as repeats of an earlier one */
  repeats: number;
}

export async function planSweep(s: LoadedSweep): Promise<SweepPlan> {
  const { spec, base } = s;
  if (spec.instrument !== undefined && !resolveInstrument(spec.instrument, base.instruments)) throw new SweepError(unknownInstrumentMessage(spec.instrument));
  const opts = { tz: spec.tz, instrument: spec.instrument, instruments: base.instruments };
  const files = new Map<string, { sha: string; spec: InstrumentSpec; windows: ([number, number] | null)[]; instrument: string | undefined }>();
  for (const data of s.data) {
    const instrument = parseStoredRef(data)?.symbol ?? spec.instrument;
    const info = await withDataFile(data, (path) => {
      const ready = prepareFile(path, { ...opts, instrument }, spec.timeframe, base);
      if (!ready.ok) throw new SweepError(ready.why.message.replace(/^replay: /, ''));
      return { sha: sha256File(path), spec: ready.value.spec, windows: spec.folds ? windowsOf(data, ready.value.reader, spec.folds.count, spec.timeframe) : [null] };
    }).catch((e: unknown) => { throw e instanceof SweepError ? e : new SweepError((e as Error).message); });
    files.set(data, { ...info, instrument });
  }
  const modelSha = s.model === null ? null : await modelSha256(s.model);
  const seen = new Set<string>();
  const tasks: PlannedTask[] = [];
  let candidates = 0;
  for (const task of s.tasks) {
    const f = files.get(task.data)!;
    // folds vary fastest: a parameter set's folds of a file are neighbours in the list
    f.windows.forEach((window, k) => {
      candidates++;
      const hash = taskHash({ data: f.sha, config: task.config, model: modelSha, timeframe: spec.timeframe, spec: f.spec, window });
      if (seen.has(hash)) return;
      seen.add(hash);
      const input: TaskInput = {
        data: task.data, config: task.config, base, timeframe: spec.timeframe, profile: spec.profile, model: s.model,
        ...(spec.tz !== undefined ? { tz: spec.tz } : {}), ...(f.instrument !== undefined ? { instrument: f.instrument } : {}),
        ...(window ? { window } : {}),
      };
      tasks.push({ task: { ...task, idx: tasks.length }, hash, input, fold: window ? k : null, data_sha256: f.sha, model_sha256: modelSha });
    });
  }
  const key = createHash('sha256').update(JSON.stringify([spec.name, tasks.map((t) => t.hash)])).digest('hex');
  return { key, tasks, repeats: candidates - tasks.length };
}

/** The fold windows of a file; a fold too short to hold a step refuses the sweep. */
function windowsOf(data: string, reader: Parameters<typeof fileSpan>[0], count: number, tf: SweepSpec['timeframe']): [number, number][] {
  const span = fileSpan(reader);
  if (!span) throw new SweepError(`${data}: the file has no rows to cut into folds`);
  const w = foldWindows(span, count, tf);
  const empty = w.findIndex(([a, b]) => b <= a);
  if (empty >= 0) throw new SweepError(`${data}: fold ${empty} of ${count} would be empty (the file spans too few ${tf} steps): use fewer folds`);
  return w;
}

/** The model's content hash, after the checks a task would make (refused here, before any task runs). */
async function modelSha256(path: string): Promise<string> {
  const r = await loadCheckedModel(path);
  if (!r.ok) throw new SweepError(`model ${path}: ${problemLine(r.problem)}`);
  const sha = r.value.model.sha256;
  await r.value.model.release();
  return sha;
}
