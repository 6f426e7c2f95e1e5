// The instruments with stored data (`instruments.list`), reloaded when data changes.
import type { Api } from '../api.ts';
import type { InstrumentInfo } from '../../../src-shared/ipc.ts';

export class Instruments {
  #api: Api;
  list = $state.raw<readonly InstrumentInfo[]>([]);
  error = $state<string | null>(null);
  loaded = $state(false);

  constructor(api: Api) {
    this.#api = api;
  }

  async refresh(): Promise<void> {
    const res = await this.#api.call('instruments.list', {});
    if (res.ok) {
      this.list = res.value;
      this.error = null;
    } else {
      this.error = res.problem.message;
    }
    this.loaded = true;
  }

  find(symbol: string | null): InstrumentInfo | null {
    return this.list.find((i) => i.symbol === symbol) ?? null;
  }

  /** The first symbol that has 5-minute bars (else any bars, else the first). */
  defaultSymbol(): string | null {
    const has = (i: InstrumentInfo, tf?: string) => i.bars.some((b) => b.count > 0 && (tf === undefined || b.timeframe === tf));
    return (this.list.find((i) => has(i, '5m')) ?? this.list.find((i) => has(i)) ?? this.list[0])?.symbol ?? null;
  }
}
