// The Report's refresh on trading news: at most one call per 2 s, never two at once, asks folded.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ThrottledRefresh } from '../../../src-renderer/lib/report/refresh.ts';

describe('ThrottledRefresh', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  /** a refresh whose calls answer when the test says so */
  function harness() {
    const starts: number[] = [];
    const answers: (() => void)[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const r = new ThrottledRefresh(() => {
      starts.push(Date.now());
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<void>((ok) => answers.push(() => { inFlight--; ok(); }));
    }, 2_000);
    return { r, starts, answer: async () => { answers.shift()!(); await vi.advanceTimersByTimeAsync(0); }, max: () => maxInFlight };
  }

  it('runs at once, then folds a burst of asks into one run 2 s after the first started', async () => {
    const h = harness();
    const t0 = Date.now();
    h.r.request();
    expect(h.starts).toEqual([t0]);
    await h.answer();
    for (let i = 0; i < 10; i++) { h.r.request(); await vi.advanceTimersByTimeAsync(100); }
    expect(h.starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.starts).toEqual([t0, t0 + 2_000]);
    await h.answer();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.starts).toHaveLength(2); // nothing more was asked
  });

  it('never overlaps: asks during a slow call wait for its answer (and the gap)', async () => {
    const h = harness();
    const t0 = Date.now();
    h.r.request();
    await vi.advanceTimersByTimeAsync(5_000);
    h.r.request();
    h.r.request();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.starts).toHaveLength(1); // still waiting for the first answer
    await h.answer(); // at t0 + 10 s: more than 2 s since the first start, so the folded ask runs now
    expect(h.starts).toEqual([t0, t0 + 10_000]);
    expect(h.max()).toBe(1);
    await h.answer();
  });

  it('cancel drops what is due', async () => {
    const h = harness();
    h.r.request();
    await h.answer();
    h.r.request();
    expect(h.r.busy).toBe(true);
    h.r.cancel();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.starts).toHaveLength(1);
    expect(h.r.busy).toBe(false);
  });
});
