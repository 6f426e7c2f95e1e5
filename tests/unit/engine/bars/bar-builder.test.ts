import { describe, it, expect } from 'vitest';
import { BarBuilder } from '../../../../src-main/engine/bars/bar-builder.ts';
import { BarSet } from '../../../../src-main/engine/bars/bar-set.ts';
import { zone, localMs } from '../../../../src-shared/time.ts';
import type { Bar, Timeframe } from '../../../../src-shared/domain/bars.ts';

const CT = zone('America/Chicago');
// 2024-03-04 is a Monday, CST (UTC-6).
const ct = (h: number, m: number, s = 0, ms = 0) => CT.toUtc(localMs(2024, 3, 4, h, m, s, ms));

describe('BarBuilder (SPEC R1: tick → 5m / 30m)', () => {
  const ticks: [number, number, number][] = [
    [ct(9, 59, 59, 900), 100.0, 1],
    [ct(10, 0, 0, 0), 101.0, 2],
    [ct(10, 3, 10), 102.0, 1],
    [ct(10, 4, 59, 999), 100.5, 3],
    [ct(10, 5, 0), 100.75, 1],
    [ct(10, 17, 30), 101.25, 2],
  ];

  it('builds the 5m bars, with no bar for the empty 10:10 interval', () => {
    const b = new BarBuilder(5, CT);
    const closed: Bar[] = [];
    for (const [t, p, s] of ticks) {
      const done = b.addTick(t, p, s);
      if (done) closed.push({ ...done });
    }
    expect(closed).toEqual([
      { t: ct(9, 55), o: 100, h: 100, l: 100, c: 100, v: 1 },
      { t: ct(10, 0), o: 101, h: 102, l: 100.5, c: 100.5, v: 6 },
      { t: ct(10, 5), o: 100.75, h: 100.75, l: 100.75, c: 100.75, v: 1 },
    ]);
    expect(b.working).toEqual({ t: ct(10, 15), o: 101.25, h: 101.25, l: 101.25, c: 101.25, v: 2 });
    expect(b.workingEnd).toBe(ct(10, 20));
  });

  it('builds the 30m bars: [09:30] closed at 100, [10:00] open with O101 H102 L100.5 C101.25 V9', () => {
    const b = new BarBuilder(30, CT);
    const closed: Bar[] = [];
    for (const [t, p, s] of ticks) {
      const done = b.addTick(t, p, s);
      if (done) closed.push({ ...done });
    }
    expect(closed).toEqual([{ t: ct(9, 30), o: 100, h: 100, l: 100, c: 100, v: 1 }]);
    expect(b.working).toEqual({ t: ct(10, 0), o: 101, h: 102, l: 100.5, c: 101.25, v: 9 });
  });

  it('a tick exactly at the bar start belongs to the new bar; equal timestamps keep file order', () => {
    const b = new BarBuilder(1, CT);
    b.addTick(ct(10, 0), 5, 1);
    b.addTick(ct(10, 0), 7, 1);
    b.addTick(ct(10, 0), 6, 1);
    const done = b.addTick(ct(10, 1), 1, 1)!;
    expect(done).toEqual({ t: ct(10, 0), o: 5, h: 7, l: 5, c: 6, v: 3 });
  });

  it('scan() closes a bar once market time reaches its end, not before', () => {
    const b = new BarBuilder(5, CT);
    b.addTick(ct(10, 1), 10, 1);
    expect(b.scan(ct(10, 4, 59, 999))).toBeNull();
    expect(b.scan(ct(10, 5))).toEqual({ t: ct(10, 0), o: 10, h: 10, l: 10, c: 10, v: 1 });
    expect(b.working).toBeNull();
  });

  it('volume-only trades add volume but do not move O/H/L/C', () => {
    const b = new BarBuilder(1, CT);
    b.addTick(ct(10, 0, 1), 50, 100, true);
    b.addTick(ct(10, 0, 2), 10, 1);
    b.addTick(ct(10, 0, 3), 99, 100, true);
    b.addTick(ct(10, 0, 4), 11, 1);
    expect(b.flush()).toEqual({ t: ct(10, 0), o: 10, h: 11, l: 10, c: 11, v: 202 });
    // a bar made only of volume-only trades still exists, priced by those trades
    b.addTick(ct(10, 5, 1), 20, 5, true);
    b.addTick(ct(10, 5, 2), 22, 5, true);
    expect(b.flush()).toEqual({ t: ct(10, 5), o: 20, h: 22, l: 20, c: 22, v: 10 });
  });

  it('bar → bar: 5m bars 10:00…10:25 make the 30m bar 10:00 (SPEC R2)', () => {
    const b = new BarBuilder(30, CT);
    const out: Bar[] = [];
    for (let i = 0; i < 7; i++) {
      const done = b.addBar({ t: ct(10, 5 * i), o: 100 + i, h: 101 + i, l: 99 + i, c: 100.5 + i, v: 10 });
      if (done) out.push(done);
    }
    expect(out).toEqual([{ t: ct(10, 0), o: 100, h: 106, l: 99, c: 105.5, v: 60 }]);
  });

  it('DST: 30m bars stay aligned to the Chicago clock across the spring and autumn changes', () => {
    // 2024-03-10 02:00 CST → 03:00 CDT. A tick at 01:59 CST and one at 03:01 CDT are one UTC minute + 1 h apart.
    const b = new BarBuilder(30, CT);
    const t1 = CT.toUtc(localMs(2024, 3, 10, 1, 59));
    const t2 = CT.toUtc(localMs(2024, 3, 10, 3, 1));
    expect(t2 - t1).toBe(2 * 60_000);
    b.addTick(t1, 1, 1);
    const done = b.addTick(t2, 2, 1)!;
    expect(CT.format(done.t)).toBe('2024-03-10 01:30:00');
    expect(CT.format(b.working!.t)).toBe('2024-03-10 03:00:00');
    // Autumn: 01:00–02:00 happens twice (CDT then CST); each occurrence gets its own bars.
    const a = new BarBuilder(30, CT);
    const first = CT.toUtc(localMs(2024, 11, 3, 1, 10), 'earlier');
    const second = CT.toUtc(localMs(2024, 11, 3, 1, 10), 'later');
    expect(second - first).toBe(3_600_000);
    a.addTick(first, 1, 1);
    const d1 = a.addTick(second, 2, 1)!;
    expect(d1.t).toBe(first - 10 * 60_000);
    expect(a.working!.t).toBe(second - 10 * 60_000);
  });
});

describe('BarSet', () => {
  it('builds 1m, 5m and 30m in parallel from ticks and reports forming bars', () => {
    const closed: [Timeframe, Bar][] = [];
    const set = new BarSet(CT, 0, (tf, b) => closed.push([tf, { ...b }]));
    const n = 40;
    const chunk = {
      kind: 'ticks' as const, n,
      t: Float64Array.from({ length: n }, (_, i) => ct(10, i)),
      price: Float64Array.from({ length: n }, (_, i) => 100 + i),
      size: new Float64Array(n).fill(1),
      volOnly: new Uint8Array(n),
    };
    set.push(chunk);
    expect(closed.filter(([tf]) => tf === '1m')).toHaveLength(39);
    expect(closed.filter(([tf]) => tf === '5m')).toHaveLength(7);
    expect(closed.filter(([tf]) => tf === '30m')).toEqual([['30m', { t: ct(10, 0), o: 100, h: 129, l: 100, c: 129, v: 30 }]]);
    expect(set.forming('5m')).toEqual({ t: ct(10, 35), o: 135, h: 139, l: 135, c: 139, v: 5 });
    set.flush();
    expect(closed.filter(([tf]) => tf === '30m')).toHaveLength(2);
  });

  it('skips timeframes finer than the input bars', () => {
    const set = new BarSet(CT, 5, () => {});
    expect(set.timeframes).toEqual(['5m', '30m']);
  });
});
