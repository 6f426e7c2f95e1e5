// The Model drawer (issue 14): the live decision model's card, and "Load model…".
import type { Api } from '../api.ts';
import type { ModelInfo } from '../../../src-shared/model-card.ts';

export class ModelView {
  #api: Api;
  open = $state(false);
  info = $state.raw<ModelInfo | null>(null);

  constructor(api: Api) {
    this.#api = api;
  }

  get api(): Api { return this.#api; }

  toggle(): void { this.open = !this.open; }
  close(): void { this.open = false; }
  onChanged(info: ModelInfo): void { this.info = info; }
}
