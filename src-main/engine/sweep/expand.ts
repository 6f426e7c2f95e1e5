// A sweep's task list: its parameter sets (a grid's product in the order written, or a seeded random
// sample) × its data files, each with the full config it runs with. Every key and every generated
// config is checked here, so a bad key or value stops the sweep before any task runs.
import { DEFAULT_CONFIG, type Config } from '../../../src-shared/config.ts';
import { applyProfile } from '../../../src-shared/profiles.ts';
import type { SweepParams, SweepRange, SweepSpec, SweepValue } from '../../../src-shared/sweep.ts';
import { rng } from '../stats/bootstrap.ts';
import { leafPaths } from '../config/schema-paths.ts';
import { closest, validateConfig } from '../config/validate.ts';

/** A sweep file that cannot run: the message names the key (and the task) at fault. */
export class SweepError extends Error {}

/** The config sections a task may vary: those that decide and trade (fingerprint.ts tradingSettings). */
const SWEPT_SECTIONS = ['indicators', 'matrices', 'synergy', 'decision', 'risk', 'exec'];

export interface SweepTask {
  /** position in the expanded list: results are stored and shown in this order */
  idx: number;
  params: SweepParams;
  /** absolute path */
  data: string;
  /** the task's full config: base, then profile, then params, auto-approve on */
  config: Config;
}

/** The parameter sets of a sweep, deterministic: grid in key order (the last key varies fastest), random from its seed. */
export function paramSets(spec: Pick<SweepSpec, 'grid' | 'random'>): SweepParams[] {
  if (spec.grid) {
    let sets: SweepParams[] = [{}];
    for (const [key, values] of Object.entries(spec.grid)) {
      sets = sets.flatMap((s) => values.map((v) => ({ ...s, [key]: v })));
    }
    return sets;
  }
  const r = spec.random!;
  const rand = rng(r.seed);
  const out: SweepParams[] = [];
  for (let i = 0; i < r.samples; i++) {
    const s: SweepParams = {};
    for (const [key, dom] of Object.entries(r.params)) s[key] = Array.isArray(dom) ? dom[Math.floor(rand() * dom.length)]! : draw(dom, rand);
    out.push(s);
  }
  return out;
}

function draw(r: SweepRange, rand: () => number): number {
  if (r.step === undefined) return r.min + rand() * (r.max - r.min);
  const n = Math.floor((r.max - r.min) / r.step + 1e-9);
  const k = Math.floor(rand() * (n + 1));
  // on the step grid without float noise (0.1 + 2·0.1 is 0.3, not 0.30000000000000004)
  return Number((r.min + k * r.step).toPrecision(12));
}

/** Refuses keys that are not config leaves, or that cannot change a trade (replay pacing, alerts, logging). */
export function checkKeys(keys: readonly string[]): void {
  const leaves = leafPaths().filter((k) => SWEPT_SECTIONS.includes(k.split('.')[0]!));
  for (const key of keys) {
    if (key === 'exec.auto_approve') throw new SweepError(`sweep key '${key}': a sweep always auto-approves (nobody is there to approve)`);
    if (leaves.includes(key)) continue;
    const near = closest(key, leaves);
    throw new SweepError(`sweep key '${key}' is not a config key a sweep can vary${near ? ` (did you mean '${near}'?)` : ''}; `
      + `keys are dotted paths under ${SWEPT_SECTIONS.join(', ')}`);
  }
}

/** base → profile → params → auto-approve, validated by the config schema (a refused value names its key). */
export function taskConfig(base: Config, profile: SweepSpec['profile'], params: SweepParams): Config {
  const raw = structuredClone(applyProfile(base, profile, DEFAULT_CONFIG)) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(params)) setPath(raw, key, value);
  (raw.exec as Record<string, unknown>).auto_approve = true;
  const v = validateConfig(raw);
  if (!v.ok) {
    const where = Object.entries(params).map(([k, x]) => `${k}=${JSON.stringify(x)}`).join(', ');
    throw new SweepError(`sweep parameters {${where}}: ${v.problems.map((p) => `${p.field ?? ''}${p.field ? ': ' : ''}${stripField(p.message, p.field)}`).join('; ')}`);
  }
  return v.config;
}

/** The task list: every parameter set × every data file (files vary fastest). */
export function expandTasks(spec: SweepSpec, base: Config, dataFiles: readonly string[]): SweepTask[] {
  const sets = paramSets(spec);
  checkKeys(Object.keys(spec.grid ?? spec.random!.params));
  const tasks: SweepTask[] = [];
  for (const params of sets) {
    const config = taskConfig(base, spec.profile, params);
    for (const data of dataFiles) tasks.push({ idx: tasks.length, params, data, config });
  }
  return tasks;
}

/** Sets a dotted config key in a plain config object, making the sections on the way. */
export function setPath(obj: Record<string, unknown>, key: string, value: SweepValue): void {
  const segs = key.split('.');
  let cur = obj;
  for (const s of segs.slice(0, -1)) {
    if (typeof cur[s] !== 'object' || cur[s] === null) cur[s] = {};
    cur = cur[s] as Record<string, unknown>;
  }
  cur[segs.at(-1)!] = value;
}

/** validateConfig's messages start with the field; the error names it once. */
function stripField(message: string, field: string | undefined): string {
  return field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}
