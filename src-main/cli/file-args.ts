// What every file command takes alike: --config <path> (the app's config.yaml: its `instruments:`
// list and its settings, instead of SPEC's defaults) and --instrument SYM, which must name a catalogue
// or config instrument (issue 13: no silent stand-in). A refusal is printed as is and exits 2.
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, type Config } from '../../src-shared/config.ts';
import { feedLimits } from '../engine/feed/limits.ts';
import { resolveInstrument, unknownInstrumentMessage, type InstrumentSpec } from '../../src-shared/instruments.ts';
import { formatProblem, type Problem } from '../../src-shared/result.ts';
import { parseYaml } from '../engine/config/load.ts';
import { validateConfig } from '../engine/config/validate.ts';
import type { OpenOptions } from '../engine/feed/types.ts';
import { str, type Parsed } from './args.ts';

/** A refusal whose message is the whole story (main.ts prints it without the usage text; exit 2). */
export class Refusal extends Error {}

/** The flags a file command passes to openFeed. */
export const FILE_FLAGS = ['tz', 'instrument', 'contract', 'config'] as const;

/** The config of --config (validated like the app's), else SPEC's defaults. */
export function cliConfig(a: Parsed): Config {
  const path = str(a, 'config');
  if (path === undefined) return DEFAULT_CONFIG;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Refusal(`--config ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const invalid = (problems: Problem[]) =>
    new Refusal([`--config ${path}: the config is not valid:`, ...problems.map((p) => `  ${formatProblem(p)}`)].join('\n'));
  const parsed = parseYaml(text);
  if (parsed.problems.length) throw invalid(parsed.problems);
  const v = validateConfig(parsed.value, parsed.lineOf);
  if (!v.ok) throw invalid(v.problems);
  return v.config;
}

/** The instrument --instrument names (config entries first), undefined without the flag; unknown: refused. */
export function instrumentArg(a: Parsed, config: Config): InstrumentSpec | undefined {
  const sym = str(a, 'instrument');
  if (sym === undefined) return undefined;
  const spec = resolveInstrument(sym, config.instruments);
  if (!spec) throw new Refusal(unknownInstrumentMessage(sym));
  return spec;
}

/** openFeed options of a file command, after --instrument was checked. */
export function feedOptions(a: Parsed, config: Config): OpenOptions {
  instrumentArg(a, config);
  return { tz: str(a, 'tz'), instrument: str(a, 'instrument'), contract: str(a, 'contract'), instruments: config.instruments, ...feedLimits(config) };
}
