// The engine's long job (an import, the recompute of stored indicator values after a config or profile
// change): its latest progress event and a way to cancel it. The engine runs one at a time.
import type { Api } from '../api.ts';
import type { JobKind, JobProgress } from '../../../src-shared/progress.ts';

const ENDED_SHOWN_MS = 15_000;

export class Jobs {
  #api: Api;
  /** the latest event of the latest job (its end stays until the next job starts) */
  current = $state.raw<JobProgress | null>(null);
  /** a cancel was asked for the running job and it has not ended yet */
  cancelling = $state(false);
  readonly running = $derived(this.current?.state === 'running');

  constructor(api: Api) {
    this.#api = api;
  }

  onProgressed(p: JobProgress): void {
    if (p.id !== this.current?.id || p.state !== 'running') this.cancelling = false;
    this.current = p;
    // a recompute's end is news for a while (the import form keeps an import's beside its result)
    if (p.kind === 'recompute' && p.state !== 'running') {
      setTimeout(() => { if (this.current === p) this.current = null; }, ENDED_SHOWN_MS);
    }
  }

  /** the current job when it is one of `kinds` */
  of(kinds: readonly JobKind[]): JobProgress | null {
    const c = this.current;
    return c && kinds.includes(c.kind) ? c : null;
  }

  /** Stop the running job at its next slice; nothing of it stays stored. */
  async cancel(): Promise<void> {
    const c = this.current;
    if (!c || c.state !== 'running') return;
    this.cancelling = true;
    const res = await this.#api.call('job.cancel', { id: c.id });
    if (!res.ok || !res.value.cancelled) this.cancelling = false;
  }
}
