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
import type { LoadedSweep } from './load.ts';
import type { TaskInput } from './run-task.ts';
import { taskHash } from './task-id.ts';

export interface PlannedTask { task: SweepTask; hash: string; input: TaskInput }

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
  const files = new Map<string, { sha: string; spec: InstrumentSpec }>();
  for (const data of s.data) {
    const ready = prepareFile(data, opts, spec.timeframe, base);
    if (!ready.ok) throw new SweepError(ready.why.message.replace(/^replay: /, ''));
    files.set(data, { sha: sha256File(data), spec: ready.value.spec });
  }
  const modelSha = s.model === null ? null : await modelSha256(s.model);
  const seen = new Set<string>();
  const tasks: PlannedTask[] = [];
  for (const task of s.tasks) {
    const f = files.get(task.data)!;
    const hash = taskHash({ data: f.sha, config: task.config, model: modelSha, timeframe: spec.timeframe, spec: f.spec });
    if (seen.has(hash)) continue;
    seen.add(hash);
    const input: TaskInput = {
      data: task.data, config: task.config, base, timeframe: spec.timeframe, profile: spec.profile, model: s.model,
      ...(spec.tz !== undefined ? { tz: spec.tz } : {}), ...(spec.instrument !== undefined ? { instrument: spec.instrument } : {}),
    };
    tasks.push({ task: { ...task, idx: tasks.length }, hash, input });
  }
  const key = createHash('sha256').update(JSON.stringify([spec.name, tasks.map((t) => t.hash)])).digest('hex');
  return { key, tasks, repeats: s.tasks.length - tasks.length };
}

/** The model's content hash, after the checks a task would make (refused here, before any task runs). */
async function modelSha256(path: string): Promise<string> {
  const r = await loadCheckedModel(path);
  if (!r.ok) throw new SweepError(`model ${path}: ${problemLine(r.problem)}`);
  const sha = r.value.model.sha256;
  await r.value.model.release();
  return sha;
}
