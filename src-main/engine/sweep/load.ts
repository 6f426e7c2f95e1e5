// Reads a sweep file: YAML, checked against SweepSpec, paths resolved against the file's folder, the base
// config (its `config:`) validated like the CLI's --config, and the task list expanded and checked.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, type Config } from '../../../src-shared/config.ts';
import { formatProblem, type Problem } from '../../../src-shared/result.ts';
import { SweepSpec } from '../../../src-shared/sweep.ts';
import { parseYaml } from '../config/load.ts';
import { validateConfig } from '../config/validate.ts';
import { expandTasks, SweepError, type SweepTask } from './expand.ts';
import { storedRefs } from './stored-source.ts';

/** models/decision.onnx of the repo: what the CLI's replay uses without --model */
export const REPO_MODEL = fileURLToPath(new URL('../../../models/decision.onnx', import.meta.url));

export interface LoadedSweep {
  file: string;
  spec: SweepSpec;
  base: Config;
  /** absolute data paths in the order written, then the stored instruments (`store:<db>#<SYMBOL>`) */
  data: string[];
  /** the model file, or null for the rule path ('none') */
  model: string | null;
  tasks: SweepTask[];
}

export function loadSweep(file: string): LoadedSweep {
  const dir = dirname(resolve(file));
  const at = (p: string) => (isAbsolute(p) ? p : resolve(dir, p));
  const value = readYaml(file, 'sweep file');
  const r = SweepSpec.safeParse(value);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.map(String).join('.') || '(file)'}: ${i.message}`);
    throw new SweepError([`${file}: the sweep file is not valid:`, ...lines].join('\n'));
  }
  const spec = r.data;
  const base = spec.config === undefined ? DEFAULT_CONFIG : baseConfig(at(spec.config));
  const data = [...(spec.data ?? []).map(at), ...(spec.stored ? storedRefs(spec.stored.db, spec.stored.symbols, at) : [])];
  return { file, spec, base, data, model: modelPath(spec.model, at), tasks: expandTasks(spec, base, data) };
}

/** As the CLI's replay: 'none' → the rule path; unset → ALGOSPACE_MODEL or the repo's model when it exists. */
function modelPath(m: string | undefined, at: (p: string) => string): string | null {
  if (m === 'none') return null;
  if (m !== undefined) return at(m);
  const path = process.env.ALGOSPACE_MODEL || REPO_MODEL;
  return existsSync(path) ? path : null;
}

function readYaml(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SweepError(`${path}: cannot read the ${what} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const parsed = parseYaml(text);
  if (parsed.problems.length) throw invalid(path, what, parsed.problems);
  return parsed.value;
}

function baseConfig(path: string): Config {
  const v = validateConfig(readYaml(path, 'config'));
  if (!v.ok) throw invalid(path, 'config', v.problems);
  return v.config;
}

function invalid(path: string, what: string, problems: Problem[]): SweepError {
  return new SweepError([`${path}: the ${what} is not valid:`, ...problems.map((p) => `  ${formatProblem(p)}`)].join('\n'));
}
