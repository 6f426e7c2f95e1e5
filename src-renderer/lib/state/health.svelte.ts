// Pipeline health: the latest snapshot (`health.get`, then `health.changed` about twice a second),
// a bounded history per stage for the sparklines, the active alerts (snapshot plus `alert.raised` /
// `alert.cleared`), the alert history (`alerts.list`) and the critical-alert toast.
import type { Api } from '../api.ts';
import type { Alert, Health, StageHealth } from '../../../src-shared/ipc.ts';
import type { Problem } from '../../../src-shared/result.ts';

/** sparkline points kept per stage (about a minute at 2 Hz) */
export const HISTORY = 120;
const ALERT_HISTORY = 200;
/** a snapshot older than this (wall ms) is shown as stale */
export const STALE_MS = 5_000;

export interface StageSeries { perSec: readonly number[]; p99Ms: readonly number[] }
export type StageStatus = StageHealth['status'];

const RANK: Record<StageStatus, number> = { idle: 0, ok: 1, degraded: 2, failed: 3 };

export class HealthMonitor {
  #api: Api;
  open = $state(false);
  latest = $state.raw<Health | null>(null);
  /** wall time (ms, this computer) the latest snapshot arrived */
  receivedAt = $state(0);
  problem = $state.raw<Problem | null>(null);
  series = $state.raw<ReadonlyMap<string, StageSeries>>(new Map());
  active = $state.raw<readonly Alert[]>([]);
  /** raised and cleared alerts, newest first */
  history = $state.raw<readonly Alert[]>([]);
  /** the last critical alert raised while the drawer was closed and not dismissed or cleared since */
  toast = $state.raw<Alert | null>(null);

  readonly stages = $derived(this.latest?.stages ?? []);
  readonly critical = $derived(this.active.filter((a) => a.severity === 'critical').length);
  readonly warnings = $derived(this.active.length - this.critical);
  /** the worst stage status (idle when nothing ran yet) */
  readonly worst = $derived(this.stages.reduce<StageStatus>((w, s) => (RANK[s.status] > RANK[w] ? s.status : w), 'idle'));

  constructor(api: Api) {
    this.#api = api;
  }

  toggle(): void {
    this.open = !this.open;
    if (this.open) {
      this.toast = null; // the drawer lists it
      void this.refresh();
    }
  }
  close(): void { this.open = false; }

  /** The snapshot and the alert history (after a (re)connect or when the panel opens). */
  async refresh(): Promise<void> {
    const [h, a] = await Promise.all([this.#api.call('health.get', {}), this.#api.call('alerts.list', { limit: ALERT_HISTORY })]);
    if (h.ok) this.onChanged(h.value);
    else this.problem = h.problem;
    if (a.ok) this.history = [...a.value].sort((x, y) => y.raisedAt - x.raisedAt);
    else if (h.ok) this.problem = a.problem;
  }

  onChanged(h: Health): void {
    this.problem = null;
    this.receivedAt = Date.now();
    const prev = this.latest;
    this.latest = h;
    this.active = [...h.alerts].sort((x, y) => y.raisedAt - x.raisedAt);
    const t = this.toast;
    if (t && h.at >= t.raisedAt && !h.alerts.some((a) => a.id === t.id)) this.toast = null;
    if (prev && prev.at === h.at) return; // the same snapshot twice (refresh racing an event)
    const next = new Map<string, StageSeries>();
    for (const s of h.stages) {
      const old = this.series.get(s.name);
      next.set(s.name, { perSec: push(old?.perSec, s.perSec), p99Ms: push(old?.p99Ms, s.p99Ms) });
    }
    this.series = next;
  }

  onRaised(a: Alert): void {
    if (!this.active.some((x) => x.id === a.id)) this.active = [a, ...this.active];
    this.history = [a, ...this.history.filter((x) => x.id !== a.id)].slice(0, ALERT_HISTORY);
    if (a.severity === 'critical' && !this.open) this.toast = a;
  }

  onCleared(a: Alert): void {
    this.active = this.active.filter((x) => x.id !== a.id);
    const i = this.history.findIndex((x) => x.id === a.id);
    this.history = i < 0 ? [a, ...this.history].slice(0, ALERT_HISTORY) : this.history.with(i, a);
    if (this.toast?.id === a.id) this.toast = null;
  }

  dismissToast(): void { this.toast = null; }

  /** True when no snapshot arrived for a while (`now`: wall ms). */
  stale(now: number): boolean {
    return this.latest !== null && now - this.receivedAt > STALE_MS;
  }
}

function push(old: readonly number[] | undefined, v: number): number[] {
  const a = old ? old.slice(old.length >= HISTORY ? 1 : 0) : [];
  a.push(v);
  return a;
}
