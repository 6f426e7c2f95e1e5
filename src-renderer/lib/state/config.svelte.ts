// The config editor: the engine's config (`config.get`), a draft edited in the form (a plain tree)
// or as raw YAML text, debounced validation by the engine (`config.validate`), apply, history, and
// the engine's `config.changed` / `config.rejected` events (edits of config.yaml on disk).
import type { Api } from '../api.ts';
import type { ConfigChange, ConfigState, EventPayload } from '../../../src-shared/ipc.ts';
import type { Problem } from '../../../src-shared/result.ts';
import { buildForm, allFields, type Field } from '../config/schema-form.ts';
import { getIn, setIn, same, type Tree } from '../config/tree.ts';
import { toYaml } from '../config/yaml-emit.ts';
import { patchYaml } from '../config/yaml-patch.ts';

export type ConfigTab = 'form' | 'yaml';
interface Check { text: string; valid: boolean; problems: readonly Problem[] }

const VALIDATE_DELAY_MS = 250;
const HEADER = ['AlgoSpace Workstation config, written by the config editor.', 'Keys not listed here keep their defaults.'];

export class ConfigEditor {
  #api: Api;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;
  #rawBase = '';
  open = $state(false);
  tab = $state<ConfigTab>('form');
  state = $state.raw<ConfigState | null>(null);
  loadProblem = $state.raw<Problem | null>(null);
  /** the effective config with the form's edits */
  draft = $state.raw<Tree>({});
  /** YAML typed in the raw tab; null while the text follows the form */
  raw = $state<string | null>(null);
  check = $state.raw<Check | null>(null);
  applying = $state(false);
  applyProblem = $state.raw<Problem | null>(null);
  /** the last refused edit of the file on disk (the previous config stays in force) */
  rejected = $state.raw<readonly Problem[] | null>(null);
  notice = $state<string | null>(null);
  history = $state.raw<readonly ConfigChange[]>([]);

  readonly form = $derived(this.state ? buildForm(this.state.schema) : null);
  readonly fields = $derived(this.form ? allFields(this.form).filter((f) => f.input !== 'const') : []);
  readonly byPath = $derived(new Map<string, Field>(this.fields.map((f) => [f.path, f])));
  /** dotted paths the form changed against the effective config */
  readonly changed = $derived(this.state ? this.fields.filter((f) => !same(getIn(this.draft, f.path), getIn(this.state!.config, f.path))).map((f) => f.path) : []);
  readonly rawEdited = $derived(this.raw !== null);
  /** the form's edits as YAML: patched into the file's text when it is plain enough, else rewritten */
  readonly formText = $derived(this.changed.length > 0 ? this.#formYaml() : { text: this.state?.yaml ?? '', patched: true });
  /** the text that validate and apply send */
  readonly text = $derived(this.raw ?? this.formText.text);
  readonly dirty = $derived(this.raw !== null ? this.raw !== this.state?.yaml : this.changed.length > 0);
  /** the validation of exactly the current text, once it is back */
  readonly current = $derived(this.dirty && this.check?.text === this.text ? this.check : null);
  readonly checking = $derived(this.dirty && this.current === null);
  /** the last validation's problems (kept while the next one runs, so errors do not flicker) */
  readonly problems = $derived(this.dirty ? (this.check?.problems ?? []) : []);
  readonly fieldProblems = $derived(groupByField(this.problems, this.byPath));
  readonly otherProblems = $derived(this.problems.filter((p) => !p.field || !this.byPath.has(p.field)));
  readonly canApply = $derived(this.dirty && this.current?.valid === true && !this.applying);

  constructor(api: Api) {
    this.#api = api;
  }

  toggle(): void {
    this.open = !this.open;
    if (this.open) void (this.state ? this.loadHistory() : this.load());
  }
  close(): void { this.open = false; }

  async load(): Promise<void> {
    const res = await this.#api.call('config.get', {});
    if (!res.ok) { this.loadProblem = res.problem; return; }
    this.loadProblem = null;
    this.state = res.value;
    this.rejected = res.value.fileProblems.length > 0 ? res.value.fileProblems : null;
    this.#resetDraft();
    void this.loadHistory();
  }

  async loadHistory(): Promise<void> {
    const res = await this.#api.call('config.history', {});
    if (res.ok) this.history = [...res.value].sort((a, b) => b.at - a.at);
  }

  sourceOf(path: string): 'default' | 'file' | 'env' {
    return this.state?.sources[path] ?? 'default';
  }

  value(path: string): unknown { return getIn(this.draft, path); }
  /** the value in force (not the draft) */
  savedValue(path: string): unknown { return getIn(this.state?.config, path); }

  setField(path: string, v: unknown): void {
    this.draft = setIn(this.draft, path, v);
    this.notice = null;
    this.#schedule();
  }

  /** The raw tab's text changed; typing it back to where it started drops the raw edit. */
  setRaw(text: string): void {
    if (this.raw === null) this.#rawBase = this.text;
    this.raw = text === this.#rawBase ? null : text;
    this.notice = null;
    this.#schedule();
  }

  revert(): void {
    this.#resetDraft();
    this.applyProblem = null;
    this.notice = null;
  }

  async apply(): Promise<void> {
    if (!this.canApply) return;
    this.applying = true;
    this.applyProblem = null;
    const res = await this.#api.call('config.apply', { yaml: this.text });
    this.applying = false;
    if (!res.ok) { this.applyProblem = res.problem; return; }
    this.state = res.value.state;
    this.#resetDraft();
    const n = res.value.change?.diff.length ?? 0;
    this.notice = n > 0 ? `Applied ${n} change${n === 1 ? '' : 's'} — in force now.` : 'Saved; no value changed.';
    void this.loadHistory();
  }

  /** A change is in force: take it, and keep unsaved edits on top of it (not the old values under them). */
  onChanged(p: EventPayload<'config.changed'>): void {
    const edits = this.changed.map((path) => [path, getIn(this.draft, path)] as const);
    const keep = edits.length > 0 || this.raw !== null;
    this.state = p.state;
    if (p.change.source === 'file') this.rejected = null;
    if (!keep) this.#resetDraft();
    else {
      let d: Tree = p.state.config;
      for (const [path, v] of edits) d = setIn(d, path, v);
      this.draft = d;
      if (p.change.source === 'file') this.notice = 'config.yaml changed on disk — your unsaved edits are kept on top of it (Revert drops them).';
      this.#schedule();
    }
    void this.loadHistory();
  }

  onRejected(p: EventPayload<'config.rejected'>): void {
    if (p.source === 'file') this.rejected = p.problems;
  }

  dismissRejected(): void { this.rejected = null; }

  #resetDraft(): void {
    clearTimeout(this.#timer);
    this.#seq++;
    this.draft = this.state ? this.state.config : {};
    this.raw = null;
    this.check = null;
  }

  /** The file's text with the edited lines changed (comments kept); rewritten when it cannot be patched. */
  #formYaml(): { text: string; patched: boolean } {
    const st = this.state;
    const edits = this.changed.map((path) => ({ path, value: getIn(this.draft, path) }));
    const patched = st && st.fileProblems.length === 0 ? patchYaml(st.yaml, edits) : null;
    return patched !== null ? { text: patched, patched: true } : { text: this.#fullYaml(), patched: false };
  }

  /** The values the file set plus every edited one (env-set values stay out). */
  #fullYaml(): string {
    let doc: Tree = { version: getIn(this.draft, 'version') ?? 1 };
    const edited = new Set(this.changed);
    for (const f of this.fields) {
      const src = this.sourceOf(f.path);
      if (src !== 'env' && (src === 'file' || edited.has(f.path))) doc = setIn(doc, f.path, getIn(this.draft, f.path));
    }
    return toYaml(doc, HEADER);
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#seq++;
    if (!this.dirty) { this.check = null; return; }
    this.#timer = setTimeout(() => void this.#validate(), VALIDATE_DELAY_MS);
  }

  async #validate(): Promise<void> {
    const text = this.text;
    const seq = this.#seq;
    const res = await this.#api.call('config.validate', { yaml: text });
    if (seq !== this.#seq) return;
    this.check = res.ok ? { text, valid: res.value.valid, problems: res.value.problems } : { text, valid: false, problems: [res.problem] };
  }
}

function groupByField(problems: readonly Problem[], fields: Map<string, Field>): Map<string, Problem[]> {
  const m = new Map<string, Problem[]>();
  for (const p of problems) {
    if (!p.field || !fields.has(p.field)) continue;
    const list = m.get(p.field) ?? [];
    list.push(p);
    m.set(p.field, list);
  }
  return m;
}
