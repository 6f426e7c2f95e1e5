// The current replay's trading run as the trader sees it: the approval queue (with a selection the
// keyboard moves), positions and account (`trading.get`, then `trading.changed`), the run's settled
// decisions (from the journal, refreshed when the counts move), and the trader's actions. An action
// sends back the `shown_hash` of the decision view on screen; a refusal becomes `error`.
import type { Api } from '../api.ts';
import type { DecisionView, TradingState } from '../../../src-shared/trading.ts';
import type { ProfileName } from '../../../src-shared/profiles.ts';

const RECENT = 30;

export class Trading {
  #api: Api;
  #news = '';
  #seen = new Set<number>();
  #recentSeq = 0;
  state = $state.raw<TradingState | null>(null);
  /** settled decisions of the current run, newest first */
  recent = $state.raw<readonly DecisionView[]>([]);
  selectedId = $state<number | null>(null);
  /** the decision whose reject-reason input is open */
  rejectingId = $state<number | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /** the engine holds the replay at each synergy until its decision is settled (config replay.pause_on_decision) */
  readonly pauseOnDecision = $derived(this.state?.pause_on_decision ?? true);
  /** a decision entered the queue */
  onArrived: ((d: DecisionView) => void) | null = null;
  /** the run or its counts changed (the chart reloads its markers) */
  onNews: (() => void) | null = null;

  readonly pending = $derived(this.state?.pending ?? []);
  readonly selected = $derived(this.pending.find((d) => d.id === this.selectedId) ?? this.pending[0] ?? null);
  readonly openPositions = $derived(this.state?.positions.filter((p) => p.status === 'open') ?? []);

  constructor(api: Api) {
    this.#api = api;
  }

  async refresh(): Promise<void> {
    const r = await this.#api.call('trading.get', {});
    if (r.ok) this.onChanged(r.value);
  }

  onChanged(s: TradingState): void {
    const before = this.state;
    this.state = s;
    for (const d of s.pending) {
      if (this.#seen.has(d.id)) continue;
      this.#seen.add(d.id);
      if (before !== null) this.onArrived?.(d);
    }
    if (this.rejectingId !== null && !s.pending.some((d) => d.id === this.rejectingId)) {
      this.error = `Decision #${this.rejectingId} left the queue before it was rejected (expired or replay moved).`;
      this.rejectingId = null;
    }
    const news = `${s.run_id}:${JSON.stringify(s.counts)}`;
    if (news !== this.#news) {
      this.#news = news;
      void this.loadRecent();
      this.onNews?.();
    }
  }

  async loadRecent(): Promise<void> {
    const s = this.state;
    const seq = ++this.#recentSeq;
    if (!s || s.run_id === null || !s.symbol) { this.recent = []; return; }
    const r = await this.#api.call('trading.journal', { symbol: s.symbol, limit: RECENT + s.pending.length });
    if (seq !== this.#recentSeq || !r.ok) return;
    this.recent = r.value.rows.map((x) => x.decision).filter((d) => d.run_id === s.run_id && d.status !== 'pending').slice(0, RECENT);
  }

  select(id: number): void {
    this.selectedId = id;
  }

  /** Move the selection up (−1) or down (+1) the queue. */
  move(step: -1 | 1): void {
    const list = this.pending;
    if (list.length === 0) return;
    const i = Math.max(0, list.findIndex((d) => d.id === this.selected?.id));
    this.selectedId = list[Math.min(list.length - 1, Math.max(0, i + step))]!.id;
  }

  startReject(d: DecisionView | null = this.selected): void {
    if (d) { this.selectedId = d.id; this.rejectingId = d.id; }
  }
  cancelReject(): void { this.rejectingId = null; }

  approve(d: DecisionView | null = this.selected, reason?: string): Promise<boolean> {
    return this.#decide('approve', d, reason);
  }

  reject(d: DecisionView | null = this.selected, reason?: string): Promise<boolean> {
    return this.#decide('reject', d, reason);
  }

  async #decide(verdict: 'approve' | 'reject', d: DecisionView | null, reason?: string): Promise<boolean> {
    if (!d || this.busy) return false;
    this.busy = true;
    const why = reason?.trim();
    const req = why ? { id: d.id, shownHash: d.shown_hash, reason: why } : { id: d.id, shownHash: d.shown_hash };
    const r = await this.#api.call(verdict === 'approve' ? 'trading.approve' : 'trading.reject', req);
    this.busy = false;
    if (this.rejectingId === d.id) this.rejectingId = null;
    if (!r.ok) {
      this.error = `${verdict === 'approve' ? 'Approve' : 'Reject'} #${d.id} refused: ${r.problem.message}`;
      return false;
    }
    this.error = null;
    // out of the queue now, so a second key press cannot act on it again; the event follows
    const s = this.state;
    if (s) this.state = { ...s, pending: s.pending.filter((x) => x.id !== d.id) };
    this.recent = [r.value, ...this.recent.filter((x) => x.id !== d.id)].slice(0, RECENT);
    return true;
  }

  async setProfile(profile: ProfileName): Promise<void> {
    const r = await this.#api.call('trading.setProfile', { profile });
    if (!r.ok) this.error = `Profile not changed: ${r.problem.message}`;
    else await this.refresh();
  }

  async setAutoApprove(on: boolean): Promise<void> {
    const r = await this.#api.call('trading.setAutoApprove', { on });
    if (!r.ok) this.error = `Auto-approve not changed: ${r.problem.message}`;
    else await this.refresh();
  }

  async killSwitch(on: boolean): Promise<void> {
    const r = await this.#api.call('trading.killSwitch', { on });
    if (r.ok) this.onChanged(r.value);
    else this.error = `Kill switch not changed: ${r.problem.message}`;
  }

  async setPauseOnDecision(on: boolean): Promise<void> {
    const r = await this.#api.call('trading.setPauseOnDecision', { on });
    if (!r.ok) this.error = `Pause on decision not changed: ${r.problem.message}`;
    else await this.refresh();
  }

  dismissError(): void { this.error = null; }
}
