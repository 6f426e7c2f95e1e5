// The chart's overview (chart-overview.ts): when it starts and ends, which of the store's levels it
// asks for (the finest whose buckets fit in cap/2), and a failed answer handed on as it came.
import { describe, expect, it } from 'vitest';
import { loadAround, loadOverview, wantsBars, wantsOverview, type RangeApi } from '../../../src-renderer/lib/state/chart-overview.ts';
import { LEVEL_FACTORS } from '../../../src-shared/domain/bars.ts';

const MIN = 60_000;
const empty = () => ({ t: new Float64Array(0), o: new Float64Array(0), h: new Float64Array(0), l: new Float64Array(0), c: new Float64Array(0), v: new Float64Array(0) });

/** an engine holding `bars` 1m bars: a level's answer has `more` when its buckets exceed the limit */
function fakeApi(bars: number, fail?: (req: Record<string, unknown>) => boolean) {
  const asked: Record<string, unknown>[] = [];
  const api = {
    call: async (_name: string, req: Record<string, unknown>) => {
      asked.push(req);
      if (fail?.(req)) return { ok: false, problem: { code: 'engine-error', message: 'the store is busy' } };
      const per = Number(req.bucket ?? MIN) / MIN, n = Math.ceil(bars / per), limit = Number(req.limit);
      return { ok: true, value: { symbol: 'X', timeframe: '1m', bucket: Number(req.bucket ?? MIN), n: Math.min(n, limit), more: n > limit, cols: empty() } };
    },
  } as unknown as RangeApi;
  return { api, asked };
}

describe('chart overview', () => {
  it('starts when nearly all bars held are in view and more are stored; ends at cap/4 bars in view', () => {
    expect(wantsOverview(0, 9000, 10_000, true)).toBe(true);
    expect(wantsOverview(0, 8999, 10_000, true)).toBe(false);
    expect(wantsOverview(0, 10_000, 10_000, false)).toBe(false); // all of the history is held: bars
    expect(wantsBars(0, 156, 16, 10_000)).toBe(true); // 2,496 bars ≤ 2,500
    expect(wantsBars(0, 157, 16, 10_000)).toBe(false);
  });

  it('asks for the finest kept level whose buckets fit in cap/2', async () => {
    const cap = 1 << 20;
    for (const [bars, factor] of [[2_000_000, 16], [9_000_000, 256], [600_000_000, 4096]] as const) {
      const { api, asked } = fakeApi(bars);
      const r = await loadOverview(api, 'X', '1m', MIN, cap);
      expect(r.ok && r.value.bucket).toBe(factor * MIN);
      expect(asked.map((q) => q.bucket)).toEqual(LEVEL_FACTORS.slice(0, LEVEL_FACTORS.indexOf(factor) + 1).map((f) => f * MIN));
      expect(asked.every((q) => q.limit === cap / 2)).toBe(true);
    }
  });

  it('hands a failed answer on with its message; bars around a time take cap/2 either side', async () => {
    const { api } = fakeApi(2_000_000, (q) => q.bucket === 16 * MIN);
    const r = await loadOverview(api, 'X', '1m', MIN, 1 << 20);
    expect(r).toEqual({ ok: false, problem: { code: 'engine-error', message: 'the store is busy' } });
    const ok = fakeApi(2_000_000);
    await loadAround(ok.api, 'X', '1m', 5 * MIN, 10_000);
    expect(ok.asked).toEqual([{ symbol: 'X', timeframe: '1m', to: 5 * MIN, limit: 5000 }, { symbol: 'X', timeframe: '1m', from: 5 * MIN, limit: 5000 }]);
    const bad = fakeApi(100, (q) => q.from !== undefined);
    expect((await loadAround(bad.api, 'X', '1m', 0, 10)).ok).toBe(false);
  });
});
