// The chart's trading markers (synergies, decisions by status, fills) of the shown symbol's latest
// run, from `trading.markers`; reloaded when the symbol changes or the run's counts move.
import type { Api } from '../api.ts';
import type { TradeMarker } from '../../../src-shared/trading.ts';

export class TradeMarkers {
  #api: Api;
  #seq = 0;
  list = $state.raw<readonly TradeMarker[]>([]);
  symbol = $state<string | null>(null);
  /** markers per kind the chart drew last time (not reactive: read by the E2E tests) */
  drawn: Record<string, number> = {};

  constructor(api: Api) {
    this.#api = api;
  }

  async load(symbol: string | null): Promise<void> {
    const seq = ++this.#seq;
    if (symbol !== this.symbol) { this.symbol = symbol; this.list = []; }
    if (!symbol) return;
    const r = await this.#api.call('trading.markers', { symbol });
    if (seq !== this.#seq) return;
    if (r.ok) this.list = r.value;
  }
}
