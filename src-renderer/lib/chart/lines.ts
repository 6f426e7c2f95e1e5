// Line drawing for indicator columns in draw hooks: walks only the visible bars, skips NaN (not
// ready), and builds one path per colour. `steps` draws a value held over several bars (a coarser
// timeframe on a finer chart) as flat segments, so no value shows before it was known.
import type uPlot from 'uplot';
import { visibleRange, type Area } from './candles.ts';

export interface LineStyle {
  width: number;
  dash?: number[];
  /** one colour, or a colour per bar (the segment ending at bar i takes colour(i)); null skips the bar */
  color: string | ((i: number) => string | null);
  steps?: boolean;
  /** flat segments only, no vertical joins (levels such as the LVN price) */
  levels?: boolean;
}

/** `clip`: where the line may go (default the whole plot; the price chart's overlays keep off the volume) */
export function drawLine(u: uPlot, ys: ArrayLike<number>, scale: string, style: LineStyle, clip: Area = u.bbox): void {
  const [i0, i1] = visibleRange(u);
  if (i1 < i0 || ys.length === 0) return;
  const dpr = devicePixelRatio;
  const half = (u.valToPos(1, 'x', true) - u.valToPos(0, 'x', true)) / 2;
  const paths = new Map<string, Path2D>();
  const path = (c: string) => {
    let p = paths.get(c);
    if (!p) { p = new Path2D(); paths.set(c, p); }
    return p;
  };
  const colorOf = typeof style.color === 'string' ? (() => style.color as string) : style.color;
  const flat = style.steps || style.levels;
  const from = Math.max(0, i0 - 1);
  const to = Math.min(ys.length - 1, i1 + 1);
  for (let i = from; i <= to; i++) {
    const v = ys[i]!;
    if (Number.isNaN(v)) continue;
    const c = colorOf(i);
    if (c === null) continue;
    const x = u.valToPos(i, 'x', true);
    const y = u.valToPos(v, scale, true);
    const prev = i > 0 ? ys[i - 1]! : NaN;
    const p = path(c);
    if (flat) {
      const joined = !Number.isNaN(prev) && (style.steps || prev === v);
      if (joined) p.moveTo(x - half, u.valToPos(prev, scale, true));
      else p.moveTo(x - half, y);
      p.lineTo(x - half, y);
      p.lineTo(x + half, y);
    } else if (!Number.isNaN(prev)) {
      p.moveTo(u.valToPos(i - 1, 'x', true), u.valToPos(prev, scale, true));
      p.lineTo(x, y);
    } else {
      p.moveTo(x - 1, y);
      p.lineTo(x + 1, y); // a lone point stays visible
    }
  }
  const ctx = u.ctx;
  ctx.save();
  const { left, top, width, height } = clip;
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.lineWidth = style.width * dpr;
  ctx.lineJoin = 'round';
  ctx.setLineDash((style.dash ?? []).map((d) => d * dpr));
  for (const [c, p] of paths) {
    ctx.strokeStyle = c;
    ctx.stroke(p);
  }
  ctx.restore();
}

/** min/max of the columns over bars i0..i1, ignoring NaN; null when there is no value. */
export function extent(cols: readonly ArrayLike<number>[], i0: number, i1: number): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of cols) {
    const end = Math.min(i1, c.length - 1);
    for (let i = Math.max(0, i0); i <= end; i++) {
      const v = c[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}
