// The Report drawer's loading rules on a scripted engine: which run it shows on opening, the empty
// state, stale answers dropped, and the throttled refresh that follows the current run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunListItem, RunReport } from '../../../src-shared/report.ts';
import { ReportLoader, type ReportApi, type ReportFields } from '../../../src-renderer/lib/report/loader.ts';

type Answer = { ok: true; value: unknown } | { ok: false; problem: { code: string; message: string } };
interface Pending { name: string; req: { runId?: number }; resolve: (a: Answer) => void }

/** An engine whose answers the test gives, one call at a time (or all of one name). */
class Engine {
  pending: Pending[] = [];
  log: string[] = [];
  #listeners = new Map<string, Set<(p: unknown) => void>>();
  readonly api = {
    call: (name: string, req: { runId?: number }) => new Promise<Answer>((resolve) => {
      this.log.push(req.runId === undefined ? name : `${name} ${req.runId}`);
      this.pending.push({ name, req, resolve });
    }),
    on: (topic: string, fn: (p: unknown) => void) => {
      const set = this.#listeners.get(topic) ?? new Set();
      set.add(fn);
      this.#listeners.set(topic, set);
      return () => set.delete(fn);
    },
  } as unknown as ReportApi;

  emit(topic: string, payload: unknown): void { for (const fn of this.#listeners.get(topic) ?? []) fn(payload); }

  /** Answer the oldest pending call of `name` (for report.get: of that run). */
  async answer(name: string, value: unknown, runId?: number): Promise<void> {
    const i = this.pending.findIndex((p) => p.name === name && (runId === undefined || p.req.runId === runId));
    if (i < 0) throw new Error(`no pending ${name} ${runId ?? ''}; pending: ${this.pending.map((p) => p.name).join(', ')}`);
    const [p] = this.pending.splice(i, 1);
    p!.resolve(value instanceof Error ? { ok: false, problem: { code: 'x', message: value.message } } : { ok: true, value });
    await vi.advanceTimersByTimeAsync(0);
  }

  /** The answers to opening (or a refresh): the list and the trading state with `current` as its run. */
  async listAndCurrent(runs: number[], current: number | null): Promise<void> {
    await this.answer('report.runs', runs.map(item));
    await this.answer('trading.get', { run_id: current });
  }
}

const item = (id: number) => ({ id, symbol: 'ES', timeframe: '5m', profile: 'active', synergies: 1, fills: 2, created_at: id }) as unknown as RunListItem;
const rep = (id: number, steps = 1) => ({ run: { id, steps } }) as unknown as RunReport;

function fields(): ReportFields {
  return { open: false, runs: [], currentId: null, selectedId: null, compareId: null, a: null, b: null,
    loading: false, loadingB: false, loaded: false, error: null, errorB: null };
}

describe('ReportLoader', () => {
  let eng: Engine;
  let f: ReportFields;
  let loader: ReportLoader;
  beforeEach(() => {
    vi.useFakeTimers();
    eng = new Engine();
    f = fields();
    loader = new ReportLoader(eng.api, f, 2_000);
  });
  afterEach(() => { vi.useRealTimers(); });

  it('opens on the current run', async () => {
    loader.show();
    await eng.listAndCurrent([7, 6, 5], 6);
    await eng.answer('report.get', rep(6), 6);
    expect(f).toMatchObject({ open: true, loaded: true, loading: false, currentId: 6, selectedId: 6, error: null });
    expect(f.a?.run.id).toBe(6);
    expect(f.runs.map((r) => r.id)).toEqual([7, 6, 5]);
  });

  it('without a current run, opens on the newest; with no run at all, is empty', async () => {
    loader.show();
    await eng.listAndCurrent([9, 8], null);
    await eng.answer('report.get', rep(9), 9);
    expect(f.a?.run.id).toBe(9);

    const g = fields();
    const empty = new ReportLoader(eng.api, g);
    empty.show();
    await eng.listAndCurrent([], null);
    expect(g).toMatchObject({ loaded: true, loading: false, a: null, error: null, runs: [] });
    expect(eng.pending).toEqual([]);
  });

  it('drops an answer that comes after the trader picked another run', async () => {
    loader.show();
    await eng.listAndCurrent([3, 2, 1], 3);
    await eng.answer('report.get', rep(3), 3);
    void loader.select(2);
    void loader.select(1);
    await eng.answer('report.get', rep(1), 1);
    await eng.answer('report.get', rep(2), 2); // late: the trader has moved on to run 1
    expect(f.selectedId).toBe(1);
    expect(f.a?.run.id).toBe(1);
  });

  it('an error clears A rather than showing another run under the picked id', async () => {
    loader.show();
    await eng.listAndCurrent([2, 1], 2);
    await eng.answer('report.get', rep(2), 2);
    void loader.select(1);
    await eng.answer('report.get', new Error('run 1 has no bars'), 1);
    expect(f).toMatchObject({ a: null, selectedId: 1, error: 'run 1 has no bars', loading: false });
  });

  it('news refreshes the current run at most every 2 s, one call at a time, and follows a new run', async () => {
    loader.show();
    await eng.listAndCurrent([1], 1);
    await eng.answer('report.get', rep(1), 1);
    eng.log = [];
    loader.onNews();
    loader.onNews();
    await vi.advanceTimersByTimeAsync(0);
    expect(eng.log).toEqual(['report.runs', 'trading.get']); // the first ask runs at once, the second waits
    await eng.listAndCurrent([2, 1], 2); // a replay moved: run 2 is current now
    await eng.answer('report.get', rep(2), 2);
    expect(f.a?.run.id).toBe(2);
    expect(f.currentId).toBe(2);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(eng.log).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(eng.log).toHaveLength(5); // the folded ask, 2 s after the first started
    await eng.listAndCurrent([2, 1], 2);
    await eng.answer('report.get', rep(2, 40), 2);
    expect(f.a?.run.steps).toBe(40);
  });

  it('a run picked by hand stays; B refreshes when it is the current run', async () => {
    loader.show();
    await eng.listAndCurrent([2, 1], 2);
    await eng.answer('report.get', rep(2), 2);
    void loader.select(1);
    await eng.answer('report.get', rep(1), 1);
    void loader.compare(2);
    await eng.answer('report.get', rep(2), 2);
    loader.onNews();
    await vi.advanceTimersByTimeAsync(0);
    await eng.listAndCurrent([2, 1], 2);
    await eng.answer('report.get', rep(2, 99), 2);
    expect(f.a?.run.id).toBe(1);
    expect(f.b?.run.steps).toBe(99);
  });

  it('closed, it asks nothing; the replay pausing refreshes like news', async () => {
    loader.show();
    await eng.listAndCurrent([1], 1);
    await eng.answer('report.get', rep(1), 1);
    eng.log = [];
    eng.emit('replay.changed', { status: 'playing' }); // the first status seen is only remembered
    eng.emit('replay.changed', { status: 'playing' });
    await vi.advanceTimersByTimeAsync(0);
    expect(eng.log).toEqual([]);
    eng.emit('replay.changed', { status: 'paused' });
    await vi.advanceTimersByTimeAsync(0);
    expect(eng.log).toEqual(['report.runs', 'trading.get']);
    await eng.listAndCurrent([1], 1);
    await eng.answer('report.get', rep(1), 1);
    loader.close();
    eng.log = [];
    loader.onNews();
    eng.emit('replay.changed', { status: 'playing' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(eng.log).toEqual([]);
  });
});
