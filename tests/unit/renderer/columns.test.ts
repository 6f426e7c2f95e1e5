import { describe, expect, it } from 'vitest';
import { Columns } from '../../../src-renderer/lib/columns.ts';
import { decimalsFor, fmtDay, fmtMB, fmtTime } from '../../../src-renderer/lib/format.ts';

const bar = (t: number, c = t) => ({ t, o: c, h: c + 1, l: c - 1, c, v: 10 });
const ts = (cols: Columns) => Array.from(cols.view().t);

describe('Columns', () => {
  it('loads columns and exposes index x values for uPlot', () => {
    const cols = new Columns();
    cols.load({ t: [1, 2, 3], o: [1, 2, 3], h: [2, 3, 4], l: [0, 1, 2], c: [1, 2, 3], v: [5, 5, 5] });
    const { data } = cols.view();
    expect(Array.from(data[0])).toEqual([0, 1, 2]);
    expect(Array.from(data[4])).toEqual([1, 2, 3]);
  });

  it('appends closed bars and replaces the forming bar with the same start', () => {
    const cols = new Columns();
    cols.upsert(bar(100, 1));
    cols.upsert(bar(200, 2)); // forming
    cols.upsert(bar(200, 3)); // same bar, updated
    cols.upsert(bar(300, 4));
    expect(ts(cols)).toEqual([100, 200, 300]);
    expect(cols.bar(1)?.c).toBe(3);
  });

  it('replaces an older bar in place and ignores one it never had', () => {
    const cols = new Columns();
    for (const t of [100, 200, 300]) cols.upsert(bar(t));
    cols.upsert(bar(200, 9));
    cols.upsert(bar(250, 9));
    expect(ts(cols)).toEqual([100, 200, 300]);
    expect(cols.bar(1)?.c).toBe(9);
  });

  it('drops bars at or after a reset time', () => {
    const cols = new Columns();
    for (const t of [100, 200, 300, 400]) cols.upsert(bar(t));
    cols.truncateFrom(250);
    expect(ts(cols)).toEqual([100, 200]);
    cols.truncateFrom(200);
    expect(ts(cols)).toEqual([100]);
    cols.upsert(bar(150));
    expect(ts(cols)).toEqual([100, 150]);
  });

  it('grows past its initial capacity without losing data', () => {
    const cols = new Columns();
    for (let i = 0; i < 5000; i++) cols.upsert(bar(i * 60_000, i));
    expect(cols.length).toBe(5000);
    expect(cols.bar(4999)?.c).toBe(4999);
    expect(cols.view().data[0][4999]).toBe(4999);
  });
});

describe('format', () => {
  it('formats exchange time and sizes', () => {
    // 2023-11-20 15:30 UTC = 09:30 in Chicago (CST)
    expect(fmtTime(Date.UTC(2023, 10, 20, 15, 30), 'America/Chicago', false)).toBe('2023-11-20 09:30');
    expect(fmtDay(Date.UTC(2023, 10, 20))).toBe('Mon 20 Nov');
    expect(fmtMB(31_457_280)).toBe('30.0 MB');
    expect(decimalsFor(0.25)).toBe(2);
    expect(decimalsFor(0.01)).toBe(2);
    expect(decimalsFor(1)).toBe(0);
  });
});
