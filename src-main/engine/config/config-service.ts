// Owns the effective config: defaults ← config.yaml ← ALGOSPACE_* environment. Applies a change only
// when it validates (else the old config stays), writes the file atomically, records every change
// in SQLite and tells the engine through `onApplied`; watches the file for edits made outside the app.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { DEFAULT_CONFIG, type Config } from '../../../src-shared/config.ts';
import type { UserInstrumentInput } from '../../../src-shared/ipc-instruments.ts';
import type { ConfigChange, ConfigState } from '../../../src-shared/ipc.ts';
import { ok, type Problem, type Result } from '../../../src-shared/result.ts';
import type { WriteDb } from '../../store/db.ts';
import { lastRecordedConfig, listConfigChanges, recordConfigChange } from '../../store/config-changes.ts';
import { defaultYaml, parseYaml, readConfigText, readOrCreate, writeAtomic } from './load.ts';
import { applyOverrides, readEnvOverrides, type EnvOverrides } from './env.ts';
import { validateConfig } from './validate.ts';
import { configSources } from './sources.ts';
import { diffConfig } from './diff.ts';
import { configJsonSchema } from './schema-json.ts';
import { instrumentField, withInstrument } from './define-instrument.ts';

export interface ConfigServiceOptions {
  /** the YAML file; null = no file (an in-memory engine): defaults and environment only */
  path: string | null;
  db: WriteDb;
  env?: Record<string, string | undefined>;
  /** wall clock for change records, ms */
  now?: () => number;
  debounceMs?: number;
  /** a valid change is in force; `change.diff` is empty when only the text changed (nothing recorded) */
  onApplied?(next: Config, change: ConfigChange, previous: Config): void;
  onRejected?(source: 'file' | 'editor', problems: Problem[]): void;
}

type Evaluated = { ok: true; config: Config; fileValue: unknown } | { ok: false; problems: Problem[] };
export type Applied = { ok: true; state: ConfigState; change: ConfigChange | null } | { ok: false; problems: Problem[] };

export class ConfigService {
  #opts: ConfigServiceOptions;
  #now: () => number;
  #env: EnvOverrides;
  #config: Config;
  /** the file's text as last read or written (may be a refused edit: then #fileProblems says why) */
  #yaml: string;
  #fileValue: unknown = {};
  #fileProblems: Problem[] = [];
  #watcher: FSWatcher | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(opts: ConfigServiceOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.#env = readEnvOverrides(opts.env ?? {});
    const read = opts.path ? readOrCreate(opts.path) : { text: defaultYaml() };
    this.#yaml = read.text;
    // a file that cannot be used (a directory, too large) is reported like a broken one
    const ev: Evaluated = 'problem' in read && read.problem ? { ok: false, problems: [read.problem] } : this.#evaluate(this.#yaml);
    if (ev.ok) {
      this.#config = ev.config;
      this.#fileValue = ev.fileValue;
    } else {
      // A broken file at startup: run on defaults (+ environment) and say why; the file is left for the user.
      this.#fileProblems = ev.problems;
      const fallback = validateConfig(applyOverrides({}, this.#env));
      this.#config = fallback.ok ? fallback.config : DEFAULT_CONFIG;
    }
    this.#recordStartup();
  }

  get config(): Config { return this.#config; }
  get path(): string | null { return this.#opts.path; }

  state(): ConfigState {
    return {
      path: this.#opts.path ?? '',
      yaml: this.#yaml,
      config: this.#config as unknown as Record<string, unknown>,
      sources: configSources(this.#fileValue, this.#env.values),
      schema: configJsonSchema(),
      fileProblems: [...this.#fileProblems, ...this.#env.problems],
    };
  }

  validate(yaml: string): { valid: boolean; problems: Problem[] } {
    const ev = this.#evaluate(yaml);
    return ev.ok ? { valid: true, problems: [] } : { valid: false, problems: ev.problems };
  }

  /** Validate and, when valid, put `yaml` in force (writing the file unless it came from there). */
  apply(yaml: string, source: 'editor' | 'file'): Applied {
    const ev = this.#evaluate(yaml);
    if (!ev.ok) {
      if (source === 'file') {
        this.#yaml = yaml;
        this.#fileProblems = ev.problems;
      }
      this.#opts.onRejected?.(source, ev.problems);
      return { ok: false, problems: ev.problems };
    }
    if (source === 'editor' && this.#opts.path) writeAtomic(this.#opts.path, yaml);
    const previous = this.#config;
    this.#yaml = yaml;
    this.#config = ev.config;
    this.#fileValue = ev.fileValue;
    this.#fileProblems = [];
    const change: ConfigChange = { at: this.#now(), source, diff: diffConfig(previous, ev.config) };
    if (change.diff.length > 0) recordConfigChange(this.#opts.db, change, ev.config);
    this.#opts.onApplied?.(ev.config, change, previous);
    return { ok: true, state: this.state(), change: change.diff.length > 0 ? change : null };
  }

  /**
   * A trader's instrument (the import form) into `instruments:`, applied like an editor edit: validated,
   * written, recorded. A refusal names the entry's field (`tick_size`), as the form shows it.
   */
  defineInstrument(u: UserInstrumentInput): Result<ConfigState> {
    const next = withInstrument(this.#yaml, u);
    if ('problem' in next) return { ok: false, problem: next.problem };
    const r = this.apply(next.yaml, 'editor');
    return r.ok ? ok(r.state) : { ok: false, problem: instrumentField(r.problems[0]!) };
  }

  history(): ConfigChange[] {
    return listConfigChanges(this.#opts.db);
  }

  /** Pick up edits of the file made outside the app (debounced; the service's own writes are skipped). */
  watch(): void {
    const path = this.#opts.path;
    if (!path || this.#watcher) return;
    const name = basename(path);
    // The directory, not the file: editors and our own writes replace the file (rename), which ends a file watch.
    this.#watcher = watch(dirname(path), (_event, file) => {
      if (file !== null && file !== name) return;
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#checkFile(), this.#opts.debounceMs ?? 200);
    });
    this.#watcher.on('error', (e) => console.error(`config watch: ${e.message}`));
  }

  unwatch(): void {
    this.#watcher?.close();
    this.#watcher = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #checkFile(): void {
    this.#timer = null;
    if (!existsSync(this.#opts.path!)) return; // removed or mid-replace: keep what is in force
    const read = readConfigText(this.#opts.path!);
    if (!read.ok) return this.#refuseFile(read.problem);
    const text = read.text;
    if (text === this.#yaml) return; // our own write, or an edit already handled
    this.apply(text, 'file');
  }

  /** The file on disk cannot be used (not a regular file, too large): refused like a broken edit, the config in force stays. */
  #refuseFile(problem: Problem): void {
    this.#fileProblems = [problem];
    this.#opts.onRejected?.('file', [problem]);
  }

  #evaluate(yaml: string): Evaluated {
    const parsed = parseYaml(yaml);
    if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
    const v = validateConfig(applyOverrides(parsed.value, this.#env), parsed.lineOf);
    return v.ok ? { ok: true, config: v.config, fileValue: parsed.value } : { ok: false, problems: v.problems };
  }

  /** Edits made while the app was closed (or new env overrides) are a change too. */
  #recordStartup(): void {
    const before = lastRecordedConfig(this.#opts.db) ?? DEFAULT_CONFIG;
    const diff = diffConfig(before, this.#config);
    if (diff.length > 0) recordConfigChange(this.#opts.db, { at: this.#now(), source: 'startup', diff }, this.#config);
  }
}
