// The Sweeps drawer's state (issue 15): the sweeps in the store, the selected one's detail, the tables' sort
// orders, the heat map's axes and metric, a task's report (computed by the engine in seconds) and the
// "Apply" of a parameter set (a preview of the config change first, then the change itself).
import type { Req, Res, SweepApplied } from '../../../src-shared/ipc.ts';
import type { RunReport } from '../../../src-shared/report.ts';
import type { SweepDetail, SweepListItem } from '../../../src-shared/sweep-view.ts';
import type { HeatMetric } from './heat-source.ts';
import type { SortState } from './sort.ts';

type SweepCommand = 'app.info' | 'sweep.list' | 'sweep.get' | 'sweep.taskReport' | 'sweep.apply';
/** The part of the client the drawer uses (lib/api.ts's Api fits). */
export interface SweepApi { call<N extends SweepCommand>(name: N, req: Req<N>): Promise<Res<N>> }

export interface TaskReport { taskId: number; report: RunReport | null; error: string | null; startedAt: number }
export interface ApplyDialog { set: string; preview: SweepApplied | null; busy: boolean; error: string | null; done: SweepApplied | null }

export class SweepsView {
  #api: SweepApi;
  #seq = 0;
  open = $state(false);
  list = $state.raw<readonly SweepListItem[]>([]);
  selectedId = $state<number | null>(null);
  detail = $state.raw<SweepDetail | null>(null);
  loading = $state(false);
  loaded = $state(false);
  error = $state<string | null>(null);
  taskSort = $state<SortState | null>(null);
  setSort = $state<SortState | null>(null);
  heatX = $state<string | null>(null);
  heatY = $state<string | null>(null);
  heatMetric = $state<HeatMetric>('set:expectancy_r');
  report = $state<TaskReport | null>(null);
  apply = $state<ApplyDialog | null>(null);
  /** the app's database: where `npm run cli -- sweep --db` must write for the drawer to list a sweep */
  dbPath = $state<string | null>(null);

  constructor(api: SweepApi) { this.#api = api; }

  toggle(): void {
    this.open = !this.open;
    if (this.open) void this.refresh();
  }
  close(): void { this.open = false; }

  /** The list again, and the selected sweep (or the newest) again. */
  async refresh(): Promise<void> {
    this.loading = true;
    if (this.dbPath === null) void this.#api.call('app.info', {}).then((i) => { if (i.ok) this.dbPath = i.value.dbPath; });
    const r = await this.#api.call('sweep.list', {});
    this.loading = false;
    this.loaded = true;
    if (!r.ok) { this.error = r.problem.message; return; }
    this.error = null;
    this.list = r.value;
    const keep = this.selectedId !== null && r.value.some((s) => s.id === this.selectedId);
    const id = keep ? this.selectedId : (r.value[0]?.id ?? null);
    if (id !== null) await this.select(id);
    else this.detail = null;
  }

  async select(id: number): Promise<void> {
    const seq = ++this.#seq;
    if (this.selectedId !== id) { this.report = null; this.apply = null; }
    this.selectedId = id;
    this.loading = true;
    const r = await this.#api.call('sweep.get', { id });
    if (seq !== this.#seq) return;
    this.loading = false;
    if (!r.ok) { this.error = r.problem.message; this.detail = null; return; }
    this.error = null;
    this.detail = r.value;
    const keys = r.value.sweep.keys;
    if (this.heatX === null || !keys.includes(this.heatX)) this.heatX = keys[0] ?? null;
    if (this.heatY === null || !keys.includes(this.heatY) || this.heatY === this.heatX) this.heatY = keys.find((k) => k !== this.heatX) ?? null;
  }

  /** The task's report: the engine replays the task (seconds); a later click on another task supersedes it. */
  async openReport(taskId: number, now = Date.now()): Promise<void> {
    this.report = { taskId, report: null, error: null, startedAt: now };
    const r = await this.#api.call('sweep.taskReport', { taskId });
    if (this.report?.taskId !== taskId) return;
    this.report = r.ok ? { ...this.report, report: r.value } : { ...this.report, error: r.problem.message };
  }
  closeReport(): void { this.report = null; }

  /** Ask what applying the set would change, to confirm. */
  async previewApply(set: string): Promise<void> {
    const sweepId = this.selectedId;
    if (sweepId === null) return;
    this.apply = { set, preview: null, busy: true, error: null, done: null };
    const r = await this.#api.call('sweep.apply', { sweepId, set, dryRun: true });
    if (this.apply?.set !== set) return;
    this.apply = r.ok ? { ...this.apply, preview: r.value, busy: false } : { ...this.apply, busy: false, error: r.problem.message };
  }

  async confirmApply(): Promise<void> {
    const a = this.apply, sweepId = this.selectedId;
    if (!a || a.busy || sweepId === null || a.done) return;
    this.apply = { ...a, busy: true };
    const r = await this.#api.call('sweep.apply', { sweepId, set: a.set });
    if (this.apply?.set !== a.set) return;
    this.apply = r.ok ? { ...this.apply, busy: false, done: r.value } : { ...this.apply, busy: false, error: r.problem.message };
  }
  cancelApply(): void { this.apply = null; }
}
