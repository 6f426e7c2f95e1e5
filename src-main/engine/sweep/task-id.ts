// A sweep task's identity: the hash of what decides its result (as a run's fingerprint, kernel/fingerprint.ts):
// the data file's content, the config sections that decide and trade, the model's content, the step
// timeframe, the instrument's spec and the code version. Keys are sorted before hashing, so the order a
// sweep file (or a config) writes them in never changes a task's identity.
import { createHash } from 'node:crypto';
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments.ts';
import { APP_VERSION } from '../version.ts';
import { tradingSettings } from '../kernel/fingerprint.ts';
import type { StepMode } from '../kernel/mode.ts';

export interface TaskIdentity {
  /** sha256 of the data file */
  data: string;
  config: Config;
  /** sha256 of the model file; null: the rule path */
  model: string | null;
  timeframe: StepMode;
  spec: InstrumentSpec;
  /** a walk-forward fold's window [from, to); null or absent: the whole file */
  window?: readonly [number, number] | null;
  /** default: the app version */
  code?: string;
}

export function taskHash(t: TaskIdentity): string {
  return createHash('sha256').update(canonicalJson({
    code: t.code ?? APP_VERSION, data: t.data, trading: tradingSettings(t.config), model: t.model, timeframe: t.timeframe, spec: t.spec,
    // only a fold adds the key: whole-file tasks keep the hashes they had before folds existed
    ...(t.window ? { window: t.window } : {}),
  })).digest('hex');
}

/** JSON with every object's keys sorted (arrays keep their order). */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : x));
}
