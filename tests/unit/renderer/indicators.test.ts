import { describe, expect, it } from 'vitest';
import { FrameStore } from '../../../src-renderer/lib/indicators/frame-store.ts';
import { alignColumn, alignZones, buildAligned } from '../../../src-renderer/lib/indicators/align.ts';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 2, 14, 0); // a 30m boundary
const range = (n: number, step: number, from = T0) => Array.from({ length: n }, (_, i) => from + i * step);
const arr = (a: Float64Array | Float32Array) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));

describe('alignColumn (SPEC §1.6: a value of bar start S is known at S + timeframe)', () => {
  it('places a 30m value on the 5m bar that ends with the 30m bar, then holds it', () => {
    const chart = range(14, 5 * MIN); // 14:00 … 15:05
    const out = new Float64Array(14);
    alignColumn(chart, 5 * MIN, [T0, T0 + 30 * MIN], 30 * MIN, [1, 2], out);
    // 30m bar 14:00 is known at 14:30 = end of the 5m bar 14:25 (index 5)
    expect(arr(out)).toEqual([null, null, null, null, null, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
  });

  it('places a 5m value on the 1m bar ending with it, and a same-timeframe value on its own bar', () => {
    const out1 = new Float64Array(10);
    alignColumn(range(10, MIN), MIN, [T0, T0 + 5 * MIN], 5 * MIN, [7, 8], out1);
    expect(arr(out1)).toEqual([null, null, null, null, 7, 7, 7, 7, 7, 8]);
    const out5 = new Float64Array(3);
    alignColumn(range(3, 5 * MIN), 5 * MIN, range(3, 5 * MIN), 5 * MIN, [1, NaN, 3], out5);
    expect(arr(out5)).toEqual([1, null, 3]); // NaN = not ready stays a gap
  });

  it('shows an event only on the first bar at which it is known', () => {
    const out = new Float64Array(14);
    alignColumn(range(14, 5 * MIN), 5 * MIN, [T0, T0 + 30 * MIN], 30 * MIN, [1, 0], out, true);
    expect(arr(out)).toEqual([null, null, null, null, null, 1, null, null, null, null, null, 0, null, null]);
  });

  it('across a gap in the chart bars, the value lands on the next bar', () => {
    const chart = [T0, T0 + 5 * MIN, T0 + 60 * MIN]; // 14:00, 14:05, then 15:00
    const out = new Float64Array(3);
    alignColumn(chart, 5 * MIN, [T0, T0 + 30 * MIN], 30 * MIN, [1, 2], out);
    expect(arr(out)).toEqual([null, null, 2]);
  });
});

describe('alignZones', () => {
  it('spans the flagging bar to the bar the gap ended on; active zones run to the edge', () => {
    const chart = range(12, 5 * MIN);
    const z = alignZones(chart, 5 * MIN, [
      { dir: 1, lower: 1, upper: 2, from: T0 + 10 * MIN, to: T0 + 25 * MIN, end: 'mitigated' },
      { dir: -1, lower: 3, upper: 4, from: T0 + 5 * MIN, to: null, end: null },
      { dir: 1, lower: 3, upper: 4, from: T0 + 100 * MIN, to: null, end: null }, // after the last bar
    ]);
    expect(z).toEqual([
      { dir: -1, lower: 3, upper: 4, i0: 1, i1: Infinity },
      { dir: 1, lower: 1, upper: 2, i0: 2, i1: 5 },
    ]);
    // on 1m bars a 5m flag is known at the 1m bar ending with the 5m bar
    const z1 = alignZones(range(30, MIN), MIN, [{ dir: 1, lower: 1, upper: 2, from: T0 + 10 * MIN, to: T0 + 20 * MIN, end: 'expired' }]);
    expect(z1[0]).toMatchObject({ i0: 14, i1: 24 });
  });
});

describe('FrameStore and buildAligned', () => {
  it('appends, overwrites, truncates and fills columns a frame does not carry with NaN', () => {
    const f = new FrameStore(30 * MIN);
    f.load({ timeframe: '30m', t: [T0, T0 + 30 * MIN], series: { nwrqk: [null, 10] } });
    f.upsert({ timeframe: '30m', t: [T0 + 30 * MIN, T0 + 60 * MIN], series: { nwrqk: [11, 12], mlmi: [5, 6] } });
    expect(Array.from(f.t)).toEqual([T0, T0 + 30 * MIN, T0 + 60 * MIN]);
    expect(arr(f.col('nwrqk')!)).toEqual([null, 11, 12]);
    expect(arr(f.col('mlmi')!)).toEqual([null, 5, 6]);
    f.truncateFrom(T0 + 30 * MIN);
    expect(f.length).toBe(1);
    f.upsert({ timeframe: '30m', t: [T0 + 30 * MIN], series: { nwrqk: [20] } });
    expect(arr(f.col('mlmi')!)).toEqual([null, null]); // not carried by the new row
    for (let k = 0; k < 600; k++) f.upsert({ timeframe: '30m', t: [T0 + (2 + k) * 30 * MIN], series: { nwrqk: [k] } });
    expect(f.length).toBe(602);
    expect(f.col('nwrqk')![601]).toBe(599);
  });

  it('builds every displayed column, marks coarser ones, and reports whether any value exists', () => {
    const f30 = new FrameStore(30 * MIN);
    f30.load({ timeframe: '30m', t: [T0], series: { nwrqk: [100] } });
    const f5 = new FrameStore(5 * MIN);
    f5.load({ timeframe: '5m', t: range(6, 5 * MIN), series: { atr: [1, 2, 3, 4, 5, 6] } });
    const a = buildAligned(range(8, 5 * MIN), 5 * MIN, [f30, f5], []);
    expect(a.n).toBe(8);
    expect(a.any).toBe(true);
    expect(a.coarse.nwrqk).toBe(true);
    expect(a.coarse.atr).toBe(false);
    expect(arr(a.cols.nwrqk)).toEqual([null, null, null, null, null, 100, 100, 100]);
    expect(arr(a.cols.atr)).toEqual([1, 2, 3, 4, 5, 6, 6, 6]);
    expect(arr(a.cols.mlmi).every((v) => v === null)).toBe(true);
    expect(buildAligned(range(3, 5 * MIN), 5 * MIN, [], []).any).toBe(false);
  });
});

describe('Aligned.at', () => {
  it('reads one bar of a column exactly as the built column holds it, steps and events alike', () => {
    const f30 = new FrameStore(30 * MIN);
    f30.load({ timeframe: '30m', t: range(4, 30 * MIN), series: { nwrqk: [1, null, 3, 4], nwrqk_signal: [0, 1, 0, -1] } });
    const f5 = new FrameStore(5 * MIN);
    f5.load({ timeframe: '5m', t: range(30, 5 * MIN).filter((_, i) => i % 7 !== 3), series: { atr: range(26, 1, 1), fvg_bull: range(26, 1, 1).map((v) => (v % 4 === 0 ? 1 : 0)) } });
    const chartT = range(140, MIN).filter((_, i) => i % 11 !== 5); // gaps in the chart's bars
    for (const name of ['nwrqk', 'nwrqk_signal', 'atr', 'fvg_bull', 'mlmi'] as const) {
      const a = buildAligned(chartT, MIN, [f30, f5], []);
      const built = arr(buildAligned(chartT, MIN, [f30, f5], []).cols[name]);
      expect(chartT.map((_, i) => a.at(name, i)).map((v) => (Number.isNaN(v) ? null : v))).toEqual(built);
      expect(Number.isNaN(a.at(name, chartT.length))).toBe(true);
    }
  });
});

describe('buildAligned over the overview\'s buckets', () => {
  it('places one-row-a-bucket frames as the full frames would be placed on the buckets', () => {
    const B = 16 * MIN;
    const t5 = range(200, 5 * MIN).filter((_, i) => i % 13 !== 4), t30 = range(34, 30 * MIN);
    const atr = t5.map((_, i) => (i % 17 === 0 ? NaN : i * 0.5)), nw = t30.map((_, i) => 100 + i);
    // the chart's buckets, aligned to the epoch, some missing (no bars there)
    const first = Math.floor(T0 / B) * B;
    const buckets = range(70, B, first).filter((_, i) => i % 9 !== 2);
    // one row a bucket: the newest known by the bucket's end (what indicators.range with `bucket` answers)
    const perBucket = (t: number[], tfMs: number) => [...new Map(t.map((x, i) => [Math.ceil((x + tfMs) / B), i])).values()];
    const k5 = perBucket(t5, 5 * MIN), k30 = perBucket(t30, 30 * MIN);
    expect(k5.length).toBeLessThan(t5.length / 2); // decimated: about 3 rows a bucket became 1
    const f5 = new FrameStore(5 * MIN), f30 = new FrameStore(30 * MIN);
    f5.load({ timeframe: '5m', t: k5.map((i) => t5[i]!), series: { atr: k5.map((i) => (Number.isNaN(atr[i]!) ? null : atr[i]!)) } });
    f30.load({ timeframe: '30m', t: k30.map((i) => t30[i]!), series: { nwrqk: k30.map((i) => nw[i]!) } });
    const a = buildAligned(buckets, B, [f5, f30], [], true);
    const full = (t: number[], tfMs: number, src: number[]) => { const out = new Float64Array(buckets.length); alignColumn(buckets, B, t, tfMs, src, out); return arr(out); };
    expect(arr(a.cols.atr)).toEqual(full(t5, 5 * MIN, atr));
    expect(arr(a.cols.nwrqk)).toEqual(full(t30, 30 * MIN, nw));
    expect(a.coarse.nwrqk).toBe(true); // 30m rows are coarser than 16-minute buckets: drawn as steps
    expect(a.coarse.atr).toBe(false);
    // without `decimated`, frames finer than the items are not placed
    expect(arr(buildAligned(buckets, B, [f5, f30], []).cols.atr).every((v) => v === null)).toBe(true);
  });
});
