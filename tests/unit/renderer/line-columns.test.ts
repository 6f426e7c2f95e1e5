// Drawing lines when many bars share a pixel column (src-renderer/lib/chart/lines.ts, rects.ts): the
// LOD buckets' columns tile the x axis with no gap, cover each bucket's min–max and the join from the
// previous bucket, and skip buckets without values; screen-fixed dashes; thin rects as hairlines.
import { describe, expect, it } from 'vitest';
import { dashedRuns, dashOn, lineColumns, type Lin } from '../../../src-renderer/lib/chart/lines.ts';
import { LinePyramid } from '../../../src-renderer/lib/chart/lod.ts';
import { RectBatch } from '../../../src-renderer/lib/chart/rects.ts';
import { rng } from '../../../src-shared/rng.ts';

interface Col { c: string; x: number; y: number; w: number; h: number }

function columns(ys: number[], size: number, x: Lin, y: Lin, w: number, joined: boolean, color: (i: number) => string | null = () => 'c'): Col[] {
  const lv = new LinePyramid().level(ys, ys.length, size);
  const out: Col[] = [];
  lineColumns(lv, size, ys.length, [0, ys.length - 1], x, y, color, w, joined, (c, px, py, pw, ph) => out.push({ c, x: px, y: py, w: pw, h: ph }));
  return out;
}

describe('lineColumns', () => {
  const rnd = rng(4);
  const ys = Array.from({ length: 4096 }, (_, i) => (i >= 1000 && i < 1100 ? NaN : 50 + 30 * Math.sin(i / 200) + rnd() * 4));
  const size = 8;
  const x: Lin = { a: 10, b: 1.5 / size }; // 1.5 px per bucket
  const y: Lin = { a: 500, b: -4 }; // 4 px per unit, upwards

  it('tiles the x axis (each column starts where the previous one ended) and skips buckets without values', () => {
    const cols = columns(ys, size, x, y, 1, true);
    const gapAt = Math.floor(1000 / size) + 1; // the first bucket wholly inside the NaN run
    expect(cols.length).toBe(Math.ceil(4096 / size) - Math.floor(1100 / size) + Math.ceil(1000 / size));
    for (let k = 1; k < cols.length; k++) {
      const prev = cols[k - 1]!, c = cols[k]!;
      if (c.x - (prev.x + prev.w) > 2) { expect(prev.x).toBeLessThan(x.a + x.b * gapAt * size); continue; } // the NaN gap
      expect(c.x).toBe(prev.x + prev.w);
      expect(c.w).toBeGreaterThanOrEqual(1);
    }
  });

  it('covers each bucket’s extremes and, joined, the previous bucket’s last value', () => {
    const cols = columns(ys, size, x, y, 2, true);
    const lv = new LinePyramid().level(ys, ys.length, size);
    let j = 0;
    let prevLast = NaN;
    for (let k = 0; k < lv.n; k++) {
      if (Number.isNaN(lv.first[k]!)) { prevLast = NaN; continue; }
      const c = cols[j++]!;
      const top = y.a + y.b * lv.max[k]!, bot = y.a + y.b * lv.min[k]!;
      expect(c.y).toBeLessThanOrEqual(Math.round(top) + 1);
      expect(c.y + c.h).toBeGreaterThanOrEqual(Math.round(bot) - 1);
      if (!Number.isNaN(prevLast)) {
        const py = y.a + y.b * prevLast;
        expect(c.y).toBeLessThanOrEqual(Math.round(py) + 1);
        expect(c.y + c.h).toBeGreaterThanOrEqual(Math.round(py) - 1);
      }
      prevLast = lv.last[k]!;
    }
    expect(j).toBe(cols.length);
  });

  it('levels are not joined across a change of value; a column is at least the line’s width', () => {
    const steps = Array.from({ length: 256 }, (_, i) => (i < 128 ? 10 : 20));
    const cols = columns(steps, 8, { a: 0, b: 2 / 8 }, y, 3, false);
    for (const c of cols) { expect(c.h).toBeGreaterThanOrEqual(3); expect(c.w).toBeGreaterThanOrEqual(2); }
    expect(cols.every((c) => c.h === 3)).toBe(true); // no bucket holds both values: no vertical
  });

  it('takes each bucket’s colour from its last bar; null skips the bucket', () => {
    const flat = Array.from({ length: 64 }, () => 5);
    const cols = columns(flat, 4, { a: 0, b: 0.5 }, y, 1, true, (i) => (i === 7 ? null : i < 32 ? 'up' : 'down'));
    expect(cols.length).toBe(15);
    expect(cols.filter((c) => c.c === 'up').length).toBe(7);
  });
});

describe('dashes fixed to the screen', () => {
  it('dashOn follows the on/off lengths from x = 0', () => {
    const on = Array.from({ length: 16 }, (_, px) => dashOn([5, 3], px));
    expect(on).toEqual([true, true, true, true, true, false, false, false, true, true, true, true, true, false, false, false]);
    expect(dashOn([], 7)).toBe(true);
  });

  it('dashedRuns splits a span into its on runs', () => {
    const runs: [number, number][] = [];
    dashedRuns([1, 3], 2, 9, (a, b) => runs.push([a, b]));
    expect(runs).toEqual([[4, 5], [8, 9]]);
  });
});

describe('RectBatch', () => {
  /** a context recording what is drawn */
  function recorder() {
    const calls: string[] = [];
    const ctx = {
      fillStyle: '', strokeStyle: '', lineWidth: 0, lineCap: '',
      fillRect: (...a: number[]) => calls.push(`fill ${a.join(',')}`),
      setLineDash: () => {},
      stroke: (p: { ops: string[] }) => calls.push(`stroke ${p.ops.join(' ')}`),
    };
    return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
  }
  class FakePath { ops: string[] = []; moveTo(x: number, y: number) { this.ops.push(`M${x},${y}`); } lineTo(x: number, y: number) { this.ops.push(`L${x},${y}`); } }

  it('draws rects up to two px thin as hairlines through pixel centres in one stroke, thicker ones filled', () => {
    const saved = globalThis.Path2D;
    globalThis.Path2D = FakePath as unknown as typeof Path2D;
    try {
      const { ctx, calls } = recorder();
      const b = new RectBatch(ctx, '#fff');
      b.rect(3, 10, 1, 5); // a wick
      b.rect(7, 20, 2, 4); // two columns
      b.rect(0, 30, 9, 1); // a flat run
      b.rect(1, 1, 4, 4); // a body
      b.rect(1, 1, 0, 4); // nothing
      b.flush();
      expect(calls).toEqual(['fill 1,1,4,4', 'stroke M3.5,10 L3.5,15 M7.5,20 L7.5,24 M8.5,20 L8.5,24 M0,30.5 L9,30.5']);
      expect(ctx.lineWidth).toBe(1);
      expect(ctx.strokeStyle).toBe('#fff');
    } finally {
      globalThis.Path2D = saved;
    }
  });
});
