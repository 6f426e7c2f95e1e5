// Engine status (`status.get`, then `status.changed`) and the transport's connection state.
import type { Api, Connection } from '../api.ts';
import type { Status as StatusValue } from '../../../src-shared/ipc.ts';

export class EngineStatus {
  #api: Api;
  value = $state.raw<StatusValue | null>(null);
  connection = $state<Connection>('connecting');
  mode = $state<'electron' | 'browser'>('browser');

  constructor(api: Api) {
    this.#api = api;
    this.connection = api.connection;
    this.mode = api.mode;
  }

  async refresh(): Promise<void> {
    const res = await this.#api.call('status.get', {});
    if (res.ok) this.value = res.value;
  }

  onChanged(s: StatusValue): void {
    this.value = s;
  }
}
