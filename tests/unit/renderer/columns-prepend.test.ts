// Older history put in front of the chart's columns (bars.range chunks, newest first).
import { describe, expect, it } from 'vitest';
import { Columns } from '../../../src-renderer/lib/columns.ts';

const cols = (ts: number[]) => ({ t: ts, o: ts, h: ts.map((t) => t + 1), l: ts.map((t) => t - 1), c: ts, v: ts.map(() => 1) });

describe('Columns.prepend', () => {
  it('puts older bars in front, keeps x as the index, and skips bars not older than the first held', () => {
    const c = new Columns();
    c.load(cols([50, 60, 70]));
    expect(c.prepend(cols([10, 20, 30, 40]))).toBe(4);
    expect(c.prepend(cols([1, 2, 10, 55]))).toBe(2); // 10 and 55 are held or later: not taken
    const { data, t } = c.view();
    expect(Array.from(t)).toEqual([1, 2, 10, 20, 30, 40, 50, 60, 70]);
    expect(Array.from(data[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(data[2])).toEqual([2, 3, 11, 21, 31, 41, 51, 61, 71]);
    c.upsert({ t: 80, o: 1, h: 1, l: 1, c: 1, v: 1 });
    expect(c.length).toBe(10);
  });

  it('grows past its capacity', () => {
    const c = new Columns();
    c.load(cols([5000]));
    const older = Array.from({ length: 3000 }, (_, i) => i);
    expect(c.prepend(cols(older))).toBe(3000);
    expect(c.length).toBe(3001);
    expect(c.view().t[2999]).toBe(2999);
    expect(c.view().t[3000]).toBe(5000);
  });

  it('append takes only bars after the last held; dropFront and keepFront keep a window of them', () => {
    const c = new Columns();
    c.load(cols([10, 20, 30]));
    expect(c.append(cols([20, 30, 40, 50]))).toBe(2); // 20 and 30 are held already
    expect(Array.from(c.view().t)).toEqual([10, 20, 30, 40, 50]);
    c.dropFront(2);
    const { data, t } = c.view();
    expect(Array.from(t)).toEqual([30, 40, 50]);
    expect(Array.from(data[0])).toEqual([0, 1, 2]);
    expect(Array.from(data[2])).toEqual([31, 41, 51]);
    expect(c.lowerBound(40)).toBe(1);
    c.keepFront(2);
    expect(Array.from(c.view().t)).toEqual([30, 40]);
    c.dropFront(5);
    expect(c.length).toBe(0);
    expect(c.append(cols(Array.from({ length: 3000 }, (_, i) => i)))).toBe(3000); // grows past its capacity
    expect(c.view().t[2999]).toBe(2999);
  });
});

