import { describe, expect, it } from 'vitest';
import { RingMatrix } from '../../../../src-main/engine/features/ring-matrix.ts';

describe('RingMatrix', () => {
  it('is ready only with N rows and returns them oldest first, also after wrapping', () => {
    const m = new RingMatrix(3, ['a', 'b']);
    expect(m.matrix()).toBeNull();
    expect(m.barStarts()).toBeNull();
    m.append([1, 10], 100);
    m.append([2, 20], 200);
    expect(m.ready).toBe(false);
    expect(m.size).toBe(2);
    m.append([3, 30], 300);
    expect(m.ready).toBe(true);
    expect([...m.matrix()!]).toEqual([1, 10, 2, 20, 3, 30]);
    m.append([4, 40], 400);
    expect([...m.matrix()!]).toEqual([2, 20, 3, 30, 4, 40]);
    m.append([5, 50], 500);
    m.append([6, 60], 600);
    m.append([7, 70], 700);
    expect([...m.matrix()!]).toEqual([5, 50, 6, 60, 7, 70]);
    expect([...m.barStarts()!]).toEqual([500, 600, 700]);
    expect(m.size).toBe(3);
  });

  it('converts to float32 and reuses one output buffer at offset 0', () => {
    const m = new RingMatrix(2, ['x']);
    m.append([0.1], 1);
    m.append([1 / 3], 2);
    const a = m.matrix()!;
    expect(a[0]).toBe(Math.fround(0.1));
    expect(a[1]).toBe(Math.fround(1 / 3));
    m.append([7], 3);
    expect(m.matrix()).toBe(a);
    expect(a.byteOffset).toBe(0);
    expect(a.length).toBe(2);
    expect([...a]).toEqual([Math.fround(1 / 3), 7]);
  });

  it('rejects a row of the wrong width and a bad size; reset() empties it', () => {
    const m = new RingMatrix(2, ['x', 'y']);
    expect(() => m.append([1], 0)).toThrow(RangeError);
    expect(() => new RingMatrix(0, ['x'])).toThrow(RangeError);
    m.append([1, 2], 0);
    m.append([3, 4], 1);
    m.reset();
    expect(m.size).toBe(0);
    expect(m.matrix()).toBeNull();
    m.append([5, 6], 2);
    m.append([7, 8], 3);
    expect([...m.matrix()!]).toEqual([5, 6, 7, 8]);
  });

  it('N = 1 works (each append replaces the row)', () => {
    const m = new RingMatrix(1, ['x']);
    m.append([1], 0);
    m.append([2], 1);
    expect([...m.matrix()!]).toEqual([2]);
  });
});
