// What the Report drawer shows and when it asks the engine (issue 14), apart from Svelte so it can be
// tested: opening loads the run list and the current run's report (else the newest run's); trading
// news refreshes a shown report of the current run, at most every 2 s and one call at a time, and so
// does the replay pausing or ending (the steps since the last fill count too); an answer that arrives
// after the trader picked another run is dropped. It writes into `ReportFields` (the drawer's runes).
import type { EventPayload, Req, Res } from '../../../src-shared/ipc.ts';
import type { RunListItem, RunReport } from '../../../src-shared/report.ts';
import { ThrottledRefresh } from './refresh.ts';

export const REFRESH_GAP_MS = 2_000;

export interface ReportFields {
  open: boolean;
  runs: readonly RunListItem[];
  /** the current replay's run (null: none) */
  currentId: number | null;
  selectedId: number | null;
  compareId: number | null;
  a: RunReport | null;
  b: RunReport | null;
  loading: boolean;
  loadingB: boolean;
  /** the list and the current run were asked for at least once since opening */
  loaded: boolean;
  error: string | null;
  errorB: string | null;
}

/** The part of the client (lib/api.ts's Api) the loader uses; named here so tests need no DOM. */
export interface ReportApi {
  call<N extends 'report.runs' | 'report.get' | 'trading.get'>(name: N, req: Req<N>): Promise<Res<N>>;
  on(topic: 'replay.changed', fn: (payload: EventPayload<'replay.changed'>) => void): () => void;
}

export class ReportLoader {
  #api: ReportApi;
  #s: ReportFields;
  #seqA = 0;
  #seqB = 0;
  /** A shows the current run and moves with it to the next run a replay starts */
  #follow = true;
  #refresh: ThrottledRefresh;
  #offReplay: (() => void) | null = null;
  #replayStatus: string | null = null;

  constructor(api: ReportApi, fields: ReportFields, gapMs = REFRESH_GAP_MS) {
    this.#api = api;
    this.#s = fields;
    this.#refresh = new ThrottledRefresh(() => this.#refreshCurrent(), gapMs);
  }

  show(): void {
    this.#s.open = true;
    this.#watchReplay();
    void this.load();
  }

  close(): void {
    this.#s.open = false;
    this.#refresh.cancel();
    this.#offReplay?.();
    this.#offReplay = null;
  }

  /** While open: a change of the replay's status (paused, ended, playing again) refreshes as news does. */
  #watchReplay(): void {
    this.#offReplay?.();
    this.#replayStatus = null;
    this.#offReplay = this.#api.on('replay.changed', (s) => {
      if (s.status === this.#replayStatus) return;
      const first = this.#replayStatus === null;
      this.#replayStatus = s.status;
      if (!first) this.onNews();
    });
  }

  /** the current run made progress (a fill, a decision): a shown report of it may refresh */
  onNews(): void {
    if (!this.#s.open) return;
    this.#refresh.request();
  }

  /** Everything afresh: the list, the current run, A (the current or newest run unless one was picked) and B. */
  async load(): Promise<void> {
    const seq = ++this.#seqA;
    this.#s.loading = true;
    const [runs, trading] = await Promise.all([this.#api.call('report.runs', {}), this.#api.call('trading.get', {})]);
    if (seq !== this.#seqA) return;
    this.#s.loaded = true;
    this.#s.runs = runs.ok ? runs.value : [];
    this.#s.currentId = trading.ok ? trading.value.run_id : null;
    // nothing picked by hand: the current run, else the newest
    const id = this.#follow ? (this.#s.currentId ?? this.#s.runs[0]?.id ?? null) : this.#s.selectedId;
    if (this.#s.compareId !== null) void this.compare(this.#s.compareId);
    if (id !== null) return this.select(id, this.#follow);
    this.#s.loading = false;
    this.#s.a = null;
    // with no run at all, the empty state (unless the list itself failed)
    this.#s.error = runs.ok ? null : runs.problem.message;
  }

  /** Show run `id` as A (`follow`: keep showing the current run when a new one starts). */
  async select(id: number, follow = id === this.#s.currentId): Promise<void> {
    this.#follow = follow;
    this.#s.selectedId = id;
    if (this.#s.compareId === id) void this.compare(null);
    const seq = ++this.#seqA;
    this.#s.loading = true;
    const r = await this.#api.call('report.get', { runId: id });
    if (seq !== this.#seqA) return;
    if (r.ok) this.#showA(r.value);
    else {
      // not the previous run's numbers under this run's id
      this.#s.a = null;
      this.#s.loading = false;
      this.#s.error = r.problem.message;
    }
  }

  /** Show run `id` as B beside A (null: no comparison). */
  async compare(id: number | null): Promise<void> {
    const seq = ++this.#seqB;
    this.#s.compareId = id;
    this.#s.errorB = null;
    if (id === null) { this.#s.b = null; this.#s.loadingB = false; return; }
    this.#s.loadingB = true;
    const r = await this.#api.call('report.get', { runId: id });
    if (seq !== this.#seqB) return;
    this.#s.loadingB = false;
    if (r.ok) this.#s.b = r.value;
    else { this.#s.b = null; this.#s.errorB = r.problem.message; }
  }

  #showA(r: RunReport): void {
    this.#s.a = r;
    this.#s.selectedId = r.run.id;
    this.#s.loading = false;
    this.#s.error = null;
  }

  /** The throttled refresh: the list's counts, and the current run's report where A or B shows it. */
  async #refreshCurrent(): Promise<void> {
    const seqA = this.#seqA;
    const seqB = this.#seqB;
    const [runs, trading] = await Promise.all([this.#api.call('report.runs', {}), this.#api.call('trading.get', {})]);
    if (!this.#s.open) return;
    if (runs.ok) this.#s.runs = runs.value;
    const id = trading.ok ? trading.value.run_id : this.#s.currentId;
    this.#s.currentId = id;
    const forA = id !== null && (this.#follow || this.#s.selectedId === id);
    const forB = id !== null && this.#s.compareId === id;
    if (forA || forB) {
      const r = await this.#api.call('report.get', { runId: id });
      if (r.ok && this.#s.open) {
        if (forA && seqA === this.#seqA) this.#showA(r.value);
        if (forB && seqB === this.#seqB && this.#s.compareId === id) this.#s.b = r.value;
      }
    }
  }
}
