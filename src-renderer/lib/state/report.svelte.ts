// The Report drawer's state (issue 14): the backtest report of the current or any past run, two side
// by side. The fields are runes; what to load and when is ReportLoader's (lib/report/loader.ts).
import type { Api } from '../api.ts';
import type { RunListItem, RunReport } from '../../../src-shared/report.ts';
import { ReportLoader, type ReportFields } from '../report/loader.ts';

export class ReportView implements ReportFields {
  #api: Api;
  #loader: ReportLoader;
  open = $state(false);
  runs = $state.raw<readonly RunListItem[]>([]);
  currentId = $state<number | null>(null);
  selectedId = $state<number | null>(null);
  compareId = $state<number | null>(null);
  a = $state.raw<RunReport | null>(null);
  b = $state.raw<RunReport | null>(null);
  loading = $state(false);
  loadingB = $state(false);
  loaded = $state(false);
  error = $state<string | null>(null);
  errorB = $state<string | null>(null);

  /** no trading run in the store yet */
  readonly empty = $derived(this.loaded && !this.loading && this.runs.length === 0 && this.a === null);

  constructor(api: Api) {
    this.#api = api;
    this.#loader = new ReportLoader(api, this);
  }

  get api(): Api { return this.#api; }

  toggle(): void {
    if (this.open) this.#loader.close();
    else this.#loader.show();
  }
  close(): void { this.#loader.close(); }
  /** the current run made progress (a fill, a decision): a shown report of it may refresh */
  onNews(): void { this.#loader.onNews(); }
  load(): Promise<void> { return this.#loader.load(); }
  select(id: number): Promise<void> { return this.#loader.select(id); }
  compare(id: number | null): Promise<void> { return this.#loader.compare(id); }
}
