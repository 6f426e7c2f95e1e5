// The Model drawer (issue 14): the live decision model's card, and "Load model…".
// model.load answers at once (loading); model.changed brings the outcome: the new model, or the
// refusal in `problem` with the model in use unchanged.
import type { Api } from '../api.ts';
import type { ModelInfo } from '../../../src-shared/model-card.ts';

export type ModelStatus = 'unknown' | 'loading' | 'in-use' | 'refused' | 'rule-path';

/** What the panel says about the live model, from the engine's ModelInfo. */
export function modelStatus(info: ModelInfo | null): ModelStatus {
  if (info === null) return 'unknown';
  if (info.loading) return 'loading';
  // a model is in use: a problem can only be the refusal of a later file
  if (info.file !== null) return info.problem ? 'refused' : 'in-use';
  return 'rule-path';
}

export class ModelView {
  #api: Api;
  #seq = 0;
  open = $state(false);
  info = $state.raw<ModelInfo | null>(null);
  /** the path in the "Load model…" field */
  path = $state('');
  /** the file of the load under way or last asked for (the engine's answer names the live file) */
  asked = $state<string | null>(null);
  /** the engine did not take the request (busy, bad request, not connected) */
  error = $state<string | null>(null);
  readonly status = $derived(modelStatus(this.info));

  constructor(api: Api) {
    this.#api = api;
  }

  get api(): Api { return this.#api; }

  toggle(): void {
    this.open = !this.open;
    if (this.open) void this.refresh();
  }
  close(): void { this.open = false; }
  onChanged(info: ModelInfo): void {
    ++this.#seq; // a model.get sent before this event must not overwrite it
    this.info = info;
  }

  async refresh(): Promise<void> {
    const seq = ++this.#seq;
    const r = await this.#api.call('model.get', {});
    if (seq !== this.#seq) return;
    if (r.ok) { this.info = r.value; this.error = null; } else this.error = r.problem.message;
  }

  /** Ask the engine to load the typed file; model.changed follows with the outcome. */
  async load(): Promise<void> {
    const path = this.path.trim();
    if (!path || this.status === 'loading') return;
    this.asked = path;
    this.error = null;
    const seq = ++this.#seq;
    const r = await this.#api.call('model.load', { path });
    if (!r.ok) { this.error = r.problem.message; return; }
    // model.changed may already have brought the outcome (it bumps #seq): keep that
    if (seq === this.#seq) this.info = r.value;
  }
}
