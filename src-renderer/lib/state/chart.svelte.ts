// Bars of the selected symbol and timeframe, as growable columns for uPlot. Loads with
// `bars.get`, then follows `bars.appended`: closed bars are appended, the forming bar is replaced
// or appended, and a replay's reset drops bars at or after its `from`. The symbol and timeframe shown
// are kept in localStorage, so a reload (or the next start of the desktop app) shows them again.
import type { Api } from '../api.ts';
import type { EventPayload } from '../../../src-shared/ipc.ts';
import { TIMEFRAMES, type Timeframe } from '../../../src-shared/domain/bars.ts';
import { Columns } from '../columns.ts';

export const BAR_LIMIT = 200_000;
const STORAGE_KEY = 'algospace.chart';

/** The symbol and timeframe shown last (null where nothing valid is stored). */
export function rememberedView(): { symbol: string | null; timeframe: Timeframe | null } {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    return {
      symbol: typeof r.symbol === 'string' ? r.symbol : null,
      timeframe: TIMEFRAMES.includes(r.timeframe as Timeframe) ? (r.timeframe as Timeframe) : null,
    };
  } catch {
    return { symbol: null, timeframe: null }; // no storage or bad JSON
  }
}

export class ChartData {
  #api: Api;
  #cols = new Columns();
  #seq = 0;
  #queue: EventPayload<'bars.appended'>[] = [];

  symbol = $state<string | null>(null);
  timeframe = $state<Timeframe>('5m');
  /** number of bars held (the chart's bar count) */
  length = $state(0);
  /** bumps on every change of the columns */
  revision = $state(0);
  /** bumps when the columns were replaced (new symbol/timeframe/reload): the view refits */
  loadId = $state(0);
  loading = $state(false);
  /** symbol and timeframe of the bars held now (changes when a load lands) */
  shown = $state.raw<{ symbol: string | null; timeframe: Timeframe }>({ symbol: null, timeframe: '5m' });
  error = $state<string | null>(null);
  /** called when a (re)load starts, so data that follows the bars (indicators) loads alongside */
  onReload: ((symbol: string | null, timeframe: Timeframe) => void) | null = null;

  constructor(api: Api) {
    this.#api = api;
  }

  get columns(): Columns { return this.#cols; }

  /** Show `symbol` at `timeframe` (reloads when either changed, or when forced). */
  async show(symbol: string | null, timeframe: Timeframe, force = false): Promise<void> {
    if (!force && symbol === this.symbol && timeframe === this.timeframe && !this.error) return;
    this.symbol = symbol;
    this.timeframe = timeframe;
    if (symbol) {
      try { localStorage.setItem(STORAGE_KEY, JSON.stringify({ symbol, timeframe })); } catch { /* storage full or blocked */ }
    }
    await this.reload();
  }

  async reload(): Promise<void> {
    const seq = ++this.#seq;
    const symbol = this.symbol;
    const timeframe = this.timeframe;
    this.#queue = [];
    this.onReload?.(symbol, timeframe);
    if (!symbol) {
      this.loading = false;
      this.#cols.clear();
      this.shown = { symbol, timeframe };
      this.#changed(true);
      return;
    }
    this.loading = true;
    const res = await this.#api.call('bars.get', { symbol, timeframe, limit: BAR_LIMIT });
    if (seq !== this.#seq) return; // a newer request superseded this one
    this.loading = false;
    if (res.ok) {
      this.error = null;
      this.#cols.load(res.value.bars);
    } else {
      this.error = res.problem.message;
      this.#cols.clear();
    }
    const queued = this.#queue;
    this.#queue = [];
    for (const p of queued) this.#apply(p);
    this.shown = { symbol, timeframe };
    this.#changed(true);
  }

  /** Handler for `bars.appended`. */
  onAppended(p: EventPayload<'bars.appended'>): void {
    if (p.symbol !== this.symbol) return;
    if (this.loading) {
      this.#queue.push(p);
      return;
    }
    if (this.#apply(p)) this.#changed(p.reset);
  }

  #apply(p: EventPayload<'bars.appended'>): boolean {
    let touched = false;
    if (p.reset) {
      if (p.from === null) this.#cols.clear();
      else this.#cols.truncateFrom(p.from);
      touched = true;
    }
    for (const f of p.frames) {
      if (f.timeframe !== this.timeframe) continue;
      if (f.closed.t.length > 0) {
        this.#cols.upsertColumns(f.closed);
        touched = true;
      }
      if (f.forming) {
        this.#cols.upsert(f.forming);
        touched = true;
      }
    }
    return touched;
  }

  #changed(loaded: boolean): void {
    this.length = this.#cols.length;
    this.revision++;
    if (loaded) this.loadId++;
  }
}
