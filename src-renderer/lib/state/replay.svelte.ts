// Replay state from `replay.changed` and the replay commands' answers.
import type { Api } from '../api.ts';
import type { ReplaySpeed, ReplayState } from '../../../src-shared/ipc.ts';
import type { Res } from '../../../src-shared/ipc.ts';

type ReplayRes = Res<'replay.play'>;

export class Replay {
  #api: Api;
  state = $state.raw<ReplayState | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /** the speed to use (kept while idle, sent on load) */
  speed = $state<ReplaySpeed>(10);
  /** the speed the user last picked (null: none yet); survives engine echoes of a load in flight */
  #wanted: ReplaySpeed | null = null;
  readonly playing = $derived(this.state?.status === 'playing');
  readonly clock = $derived(this.state?.clock ?? null);

  constructor(api: Api) {
    this.#api = api;
  }

  /** Ask the engine where the replay stands (after a (re)connect, events sent meanwhile are lost). */
  async refresh(): Promise<void> {
    const r = await this.#api.call('replay.get', {});
    if (r.ok) this.onChanged(r.value);
  }

  onChanged(s: ReplayState): void {
    this.state = s;
    this.speed = s.speed;
  }

  /**
   * Play `symbol`: loads it first (from `from`, else the engine's start) when nothing or another
   * symbol is loaded, or after the end.
   */
  async play(symbol: string | null, from?: number): Promise<void> {
    if (!symbol) return;
    const s = this.state;
    const speed = this.speed;
    if (!s || s.symbol !== symbol || s.status === 'idle' || s.status === 'ended') {
      const req = from === undefined ? { symbol } : { symbol, from };
      if (!(await this.#run(() => this.#api.call('replay.load', req)))) return;
      await this.#keepSpeed(speed);
    }
    await this.#run(() => this.#api.call('replay.play', {}));
  }

  async pause(): Promise<void> {
    await this.#run(() => this.#api.call('replay.pause', {}));
  }

  async toggle(symbol: string | null): Promise<void> {
    if (this.playing) await this.pause();
    else await this.play(symbol);
  }

  async setSpeed(speed: ReplaySpeed): Promise<void> {
    this.#wanted = speed;
    this.speed = speed;
    if (this.state && this.state.status !== 'idle') await this.#run(() => this.#api.call('replay.setSpeed', { speed }));
  }

  /** Jump to `time` (UTC ms): seek within the loaded replay, else load `symbol` from there. */
  async jump(symbol: string | null, time: number): Promise<void> {
    if (!symbol) return;
    const s = this.state;
    const speed = this.speed;
    if (s && s.symbol === symbol && (s.status === 'playing' || s.status === 'paused')) {
      await this.#run(() => this.#api.call('replay.seek', { time }));
    } else {
      if (!(await this.#run(() => this.#api.call('replay.load', { symbol, from: time })))) return;
      await this.#keepSpeed(speed);
    }
  }

  async stop(): Promise<void> {
    await this.#run(() => this.#api.call('replay.stop', {}));
  }

  /**
   * A load may come back at the engine's speed: re-apply the one the user picked — the latest pick,
   * which may have been made while the load was in flight (then `speed`, read before it, is stale).
   */
  async #keepSpeed(speed: ReplaySpeed): Promise<void> {
    const want = this.#wanted ?? speed;
    this.speed = want;
    if (this.state?.speed !== want) await this.#run(() => this.#api.call('replay.setSpeed', { speed: want }));
  }

  async #run(f: () => Promise<ReplayRes>): Promise<boolean> {
    this.busy = true;
    const res = await f();
    this.busy = false;
    if (res.ok) {
      this.state = res.value;
      this.error = null;
      return true;
    }
    this.error = res.problem.message;
    return false;
  }
}
