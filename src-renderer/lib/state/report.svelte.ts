// The Report drawer (issue 14): the backtest report of the current or any past run, two side by side.
import type { Api } from '../api.ts';

export class ReportView {
  #api: Api;
  open = $state(false);

  constructor(api: Api) {
    this.#api = api;
  }

  get api(): Api { return this.#api; }

  toggle(): void { this.open = !this.open; }
  close(): void { this.open = false; }
  /** the current run made progress (a fill, a decision): a shown report of it may refresh */
  onNews(): void {}
}
