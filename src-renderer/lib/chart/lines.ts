// Line drawing for indicator columns in draw hooks: walks only the visible bars, skips NaN (not
// ready), and builds one path per colour. `steps` draws a value held over several bars (a coarser
// timeframe on a finer chart) as flat segments, so no value shows before it was known.
import type uPlot from 'uplot';
import { visibleRange, type Area } from './candles.ts';
import { bucketFor, linePyramidOf } from './lod.ts';

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
  const paths = new Map<string, Path2D>();
  const path = (c: string) => {
    let p = paths.get(c);
    if (!p) { p = new Path2D(); paths.set(c, p); }
    return p;
  };
  const colorOf = typeof style.color === 'string' ? (() => style.color as string) : style.color;
  const size = bucketFor((u.scales.x!.max ?? 1) - (u.scales.x!.min ?? 0), u.bbox.width);
  // bucket ranges are filled rects (a stroke of thousands of tall segments rasterises slowly)
  const fills = new Map<string, Path2D>();
  const fill = (c: string) => {
    let p = fills.get(c);
    if (!p) { p = new Path2D(); fills.set(c, p); }
    return p;
  };
  if (size > 1) bucketPaths(u, ys, scale, size, [i0, i1], colorOf, path, fill, Math.max(1, Math.round(style.width * dpr)), !style.levels);
  else barPaths(u, ys, scale, style, [i0, i1], colorOf, path);
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
  for (const [c, p] of fills) {
    ctx.fillStyle = c;
    ctx.fill(p);
  }
  ctx.restore();
}

type ColorOf = (i: number) => string | null;

/** One segment per bar (or flat steps / levels). */
function barPaths(u: uPlot, ys: ArrayLike<number>, scale: string, style: LineStyle, [i0, i1]: [number, number], colorOf: ColorOf, path: (c: string) => Path2D): void {
  const half = (u.valToPos(1, 'x', true) - u.valToPos(0, 'x', true)) / 2;
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
}

/** Many bars per pixel (lod.ts): per bucket a join from the previous bucket's last value (not for levels) and its min–max as a rect. */
function bucketPaths(u: uPlot, ys: ArrayLike<number>, scale: string, size: number, [i0, i1]: [number, number], colorOf: ColorOf,
  path: (c: string) => Path2D, fill: (c: string) => Path2D, w: number, joined: boolean): void {
  const n = ys.length;
  const lv = linePyramidOf(ys).level(ys, n, size);
  const k0 = Math.max(0, Math.floor(i0 / size) - 1), k1 = Math.min(lv.n - 1, Math.floor(i1 / size) + 1);
  let px = NaN, py = NaN;
  for (let k = k0; k <= k1; k++) {
    if (Number.isNaN(lv.first[k]!)) { px = NaN; continue; }
    const lastBar = Math.min(n - 1, k * size + size - 1);
    const c = colorOf(lastBar);
    if (c === null) { px = NaN; continue; }
    const x = u.valToPos((k * size + lastBar) / 2, 'x', true);
    const yFirst = u.valToPos(lv.first[k]!, scale, true);
    const p = path(c);
    // levels (flat segments only) are joined only where the value stays
    if (!Number.isNaN(px) && (joined || py === yFirst)) p.moveTo(px, py);
    else p.moveTo(x - 1, yFirst);
    p.lineTo(x, yFirst);
    const yMax = u.valToPos(lv.max[k]!, scale, true);
    fill(c).rect(Math.round(x - w / 2), Math.round(yMax), w, Math.max(1, Math.round(u.valToPos(lv.min[k]!, scale, true) - yMax)));
    px = x;
    py = u.valToPos(lv.last[k]!, scale, true);
  }
}

/**
 * min/max of the columns over bars i0..i1 drawn `width` device px wide, ignoring NaN: from the LOD
 * buckets when there are more than two bars per pixel (the buckets drawn), else from the bars.
 */
export function extentLod(cols: readonly ArrayLike<number>[], i0: number, i1: number, width: number): [number, number] | null {
  const size = bucketFor(i1 - i0, width);
  if (size === 1) return extent(cols, i0, i1);
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of cols) {
    const lv = linePyramidOf(c).level(c, c.length, size);
    const end = Math.min(lv.n - 1, Math.floor(i1 / size));
    for (let k = Math.max(0, Math.floor(i0 / size)); k <= end; k++) {
      if (lv.min[k]! < lo) lo = lv.min[k]!;
      if (lv.max[k]! > hi) hi = lv.max[k]!;
    }
  }
  return lo <= hi ? [lo, hi] : null;
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
