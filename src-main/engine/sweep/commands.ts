// The sweep.* commands of the contract (the Sweeps panel): the sweeps in the store, one sweep's detail,
// one task's whole report (its run replayed again in a child process, so the engine keeps answering),
// and a parameter set applied as a config change, the way the app composes profile and config.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parseDocument } from 'yaml';
import { DEFAULT_CONFIG, type Config } from '../../../src-shared/config.ts';
import { applyProfile, profileOf } from '../../../src-shared/profiles.ts';
import { fail, ok, type Result } from '../../../src-shared/result.ts';
import type { CommandName, ConfigState, Req, Value } from '../../../src-shared/ipc.ts';
import type { RunReport } from '../../../src-shared/report.ts';
import { SweepSpec, type SweepParams } from '../../../src-shared/sweep.ts';
import type { Db } from '../../store/db.ts';
import { sweepById, sweepTaskById, sweepTasks } from '../../store/sweeps.ts';
import type { ConfigService } from '../config/config-service.ts';
import { diffConfig, type DiffEntry } from '../config/diff.ts';
import { envName } from '../config/env.ts';
import { sweepDetail, sweepList } from './detail.ts';
import { setPath } from './expand.ts';
import { taskReportInChild } from './pool.ts';
import { runTaskReport, type TaskInput } from './run-task.ts';
import { parseStoredRef } from './stored-source.ts';
import { canonicalJson } from './task-id.ts';

/** The one sweep command that answers later: a report takes seconds to compute. */
export type SweepAsyncCommand = 'sweep.taskReport';
type SweepCommand = Exclude<Extract<CommandName, `sweep.${string}`>, SweepAsyncCommand>;
export type SweepHandlers = { [N in SweepCommand]: (req: Req<N>) => Result<Value<N>> }
  & { [N in SweepAsyncCommand]: (req: Req<N>) => Promise<Result<Value<N>>> };

interface Deps {
  db: Db;
  /** the config in force (defaults ← config.yaml ← environment) */
  config: Config;
  configService: ConfigService;
}

/**
 * Run from sources (server mode, tests) the pool's worker file is beside pool.ts and a child process replays
 * the task. In a bundle (the Electron build) that .ts file is not shipped: the task is replayed in the engine's
 * own worker thread, which holds other commands for those seconds (never the window's main process).
 */
const defaultReport: (t: TaskInput) => Promise<RunReport> = import.meta.url.endsWith('.ts') ? taskReportInChild : runTaskReport;

/** `deps` is read at each call (the engine builds its handler table before its fields). */
export function sweepHandlers(deps: () => Deps, report: (t: TaskInput) => Promise<RunReport> = defaultReport): SweepHandlers {
  // a second click on the same task while it computes waits for the same run
  const inFlight = new Map<number, Promise<Result<RunReport>>>();
  return {
    'sweep.list': () => ok(sweepList(deps().db)),
    'sweep.get': (req) => {
      const d = sweepDetail(deps().db, req.id);
      return d ? ok(d) : fail('unknown-sweep', `no sweep ${req.id} in this store (sweep.list names the ones there are)`);
    },
    'sweep.taskReport': (req) => {
      const input = taskInput(deps().db, req.taskId);
      if (!input.ok) return Promise.resolve(input);
      let p = inFlight.get(req.taskId);
      if (!p) {
        p = report(input.value).then(
          (r) => ok(r),
          (e: unknown) => fail('task-report', `task ${req.taskId} could not be replayed: ${e instanceof Error ? e.message : String(e)}`),
        ).finally(() => inFlight.delete(req.taskId));
        inFlight.set(req.taskId, p);
      }
      return p;
    },
    'sweep.apply': (req) => applySet(deps(), req.sweepId, req.set, req.dryRun ?? false),
  };
}

/** A done task's inputs as stored with it, or why its report cannot be made. */
export function taskInput(db: Db, taskId: number): Result<TaskInput> {
  const row = sweepTaskById(db, taskId);
  if (!row) return fail('unknown-task', `no sweep task ${taskId} in this store`);
  if (row.status !== 'done') {
    return fail('task-not-done', `task ${taskId} is ${row.status}${row.error ? ` (${row.error})` : ''}: only a done task has a report`);
  }
  if (row.input_json === null) {
    return fail('task-input-missing', `task ${taskId} was stored by an older version that did not keep its inputs: run its sweep file again with \`npm run cli -- sweep\` (done tasks are not recomputed) to get its report`);
  }
  const input = JSON.parse(row.input_json) as TaskInput;
  // a file, or a stored instrument of a database (`store:<db>#<SYMBOL>`), read again to replay the task
  const stored = parseStoredRef(input.data);
  const path = stored ? stored.db : input.data;
  if (!existsSync(path)) return fail('data-missing', `task ${taskId}'s ${stored ? `database ${path} (stored ${stored.symbol})` : `data file ${path}`} is no longer there`);
  return ok(input);
}

interface Plan { profile: SweepSpec['profile']; next: Config; diff: DiffEntry[]; notes: string[] }

/** The config that applying the set gives: the sweep's profile over the config in force, then the set's keys. */
export function planSet(d: Pick<Deps, 'db' | 'config'>, state: Pick<ConfigState, 'sources'>, sweepId: number, set: string): Result<Plan> {
  const s = sweepById(d.db, sweepId);
  if (!s) return fail('unknown-sweep', `no sweep ${sweepId} in this store`);
  const spec = SweepSpec.parse(JSON.parse(s.spec_json));
  const row = sweepTasks(d.db, sweepId).find((r) => canonicalJson(JSON.parse(r.params_json)) === set);
  if (!row) return fail('unknown-set', `sweep ${sweepId} has no parameter set ${set}`);
  const params = JSON.parse(row.params_json) as SweepParams;
  const next = structuredClone(applyProfile(d.config, spec.profile, DEFAULT_CONFIG));
  for (const [key, value] of Object.entries(params)) setPath(next as unknown as Record<string, unknown>, key, value);
  const diff = diffConfig(d.config, next);
  const notes = [`the sweep's profile (${spec.profile}) first, as its tasks had it, then ${Object.keys(params).join(', ')}`];
  // keys the profile sets: where the two profiles differ
  const profileKeys = new Set(diffConfig(applyProfile(next, 'spec', DEFAULT_CONFIG), applyProfile(next, 'active', DEFAULT_CONFIG)).map((x) => x.path));
  const clash = Object.keys(params).filter((k) => profileKeys.has(k));
  if (clash.length > 0 && profileOf(next, DEFAULT_CONFIG) === 'custom') {
    notes.push(`${clash.join(', ')} ${clash.length > 1 ? 'are keys' : 'is a key'} the profiles set: the set's value is written over the ${spec.profile} profile's, so the profile switch will show "custom" (switching profile would overwrite it)`);
  }
  for (const k of Object.keys(params)) {
    if (state.sources[k] === 'env') notes.push(`${k} is set by the environment (${envName(k)}), which overrides config.yaml: the set's value takes effect only once that variable is unset`);
  }
  const input = row.input_json ? JSON.parse(row.input_json) as TaskInput : null;
  if (input) {
    // what else the sweep's tasks ran with (its own base config): auto-approve is a sweep's own, instruments are the trader's
    const other = diffConfig(next, input.config).filter((x) => x.path !== 'exec.auto_approve' && !x.path.startsWith('instruments'));
    if (other.length > 0) {
      notes.push(`the sweep's tasks started from ${spec.config ? basename(spec.config) : 'the defaults'}; your config still differs from them in ${other.length} other key${other.length > 1 ? 's' : ''} (${other.slice(0, 4).map((x) => x.path).join(', ')}${other.length > 4 ? ', …' : ''}): those are left as they are`);
    }
  }
  if (diff.length === 0) notes.push('your config already has these values: nothing to change');
  return ok({ profile: spec.profile, next, diff, notes });
}

function applySet(d: Deps, sweepId: number, set: string, dryRun: boolean): Result<Value<'sweep.apply'>> {
  const state = d.configService.state();
  const plan = planSet(d, state, sweepId, set);
  if (!plan.ok) return plan;
  const { profile, diff, notes } = plan.value;
  if (dryRun || diff.length === 0) return ok({ profile, diff, notes, change: null });
  // only the changed keys are written into the file's text: its comments and other keys stay as they are
  const doc = parseDocument(state.yaml);
  if (doc.errors.length > 0) return fail('config-file-refused', `config.yaml cannot be read (${doc.errors[0]!.message}): fix it in the config editor first`);
  for (const x of diff) doc.setIn(x.path.split('.'), x.to);
  const r = d.configService.apply(doc.toString(), 'editor');
  if (!r.ok) return { ok: false, problem: { ...r.problems[0]!, message: `config refused, the previous one stays in force: ${r.problems[0]!.message}` } };
  return ok({ profile, diff: r.change?.diff ?? [], notes, change: r.change });
}
