// Environment overrides: ALGOSPACE_<SECTION>_<KEY> sets one key, the name being the dotted key path
// upper-cased with '.' → '_' (ALGOSPACE_RISK_RISK_PER_TRADE, ALGOSPACE_INDICATORS_MLMI_K).
// A variable that starts with a section name but names no key is a problem, never silently ignored;
// other ALGOSPACE_* variables (PORT, WORKER, SHARED_DATA, MMD_*) belong to the app, not the config.
import type { Problem } from '../../../src-shared/result.ts';
import { keysAt, leafPaths, setPath } from './schema-paths.ts';
import { closest, validateConfig } from './validate.ts';

export const ENV_PREFIX = 'ALGOSPACE_';

export function envName(path: string): string {
  return ENV_PREFIX + path.toUpperCase().replaceAll('.', '_');
}

/** env name → key path for every overridable leaf (section keys; `version` is not one). */
function buildNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of leafPaths()) {
    if (!p.includes('.')) continue;
    const n = envName(p);
    // Two paths with one name (`a.b_c` vs `a_b.c`) would be a schema bug: fail loudly.
    if (names.has(n)) throw new Error(`config keys ${names.get(n)} and ${p} map to the same env var ${n}`);
    names.set(n, p);
  }
  return names;
}

const NAMES = buildNames();
const SECTIONS = (keysAt('') ?? []).filter((k) => k !== 'version').map((k) => k.toUpperCase());

/** A value as JSON when it parses (numbers, booleans, null, quoted strings), else the raw text. */
export function parseEnvValue(raw: string): unknown {
  try { return JSON.parse(raw); } catch { return raw; }
}

export interface EnvOverrides {
  /** key path → value, only overrides that are valid on their own */
  values: Map<string, unknown>;
  /** key path → variable name, for messages */
  vars: Map<string, string>;
  problems: Problem[];
}

export function readEnvOverrides(env: Record<string, string | undefined>): EnvOverrides {
  const out: EnvOverrides = { values: new Map(), vars: new Map(), problems: [] };
  for (const [name, raw] of Object.entries(env).sort(([a], [b]) => a.localeCompare(b))) {
    if (!name.startsWith(ENV_PREFIX) || raw === undefined) continue;
    const rest = name.slice(ENV_PREFIX.length);
    if (!SECTIONS.some((s) => rest.startsWith(`${s}_`) || rest === s)) continue;
    const path = NAMES.get(name);
    if (!path) {
      const near = closest(name, [...NAMES.keys()].map((n) => n.toLowerCase()));
      out.problems.push({
        code: 'config-env-unknown',
        message: `${name}: names no config key${near ? ` (did you mean ${near.toUpperCase()}?)` : ''}; the override is ignored`,
        field: name, expected: 'ALGOSPACE_<SECTION>_<KEY> of a config key', got: name,
      });
      continue;
    }
    const value = parseEnvValue(raw);
    // Checked on its own, so one bad variable cannot block every later config change.
    const probe: Record<string, unknown> = {};
    setPath(probe, path, value);
    const v = validateConfig(probe);
    if (!v.ok) {
      for (const p of v.problems) out.problems.push({ ...p, code: 'config-env-invalid', message: `${name}: ${p.message}; the override is ignored` });
      continue;
    }
    out.values.set(path, value);
    out.vars.set(path, name);
  }
  return out;
}

/** A deep copy of `fileValue` with the overrides set on top. */
export function applyOverrides(fileValue: unknown, env: EnvOverrides): unknown {
  // A file that is no mapping stays as it is, so validation reports it.
  if (env.values.size === 0 || typeof fileValue !== 'object' || fileValue === null || Array.isArray(fileValue)) return fileValue;
  const base = structuredClone(fileValue);
  for (const [path, value] of env.values) setPath(base as Record<string, unknown>, path, value);
  return base;
}
