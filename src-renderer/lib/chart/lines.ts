// Line drawing for indicator columns in draw hooks: walks only the visible bars and skips NaN (not
// ready). Up to two bars per device pixel: a polyline per run of one colour (`steps`: a value held
// over several bars — a coarser timeframe on a finer chart — as flat segments, so no value shows
// before it was known). More bars than that: one pixel-aligned column per LOD bucket (lod.ts),
// spanning the bucket's min–max and the join from the previous bucket's last value, as fillRects —
// software rendering blits rects many times faster than it strokes thousands of segments; a dash
// becomes a screen-fixed on/off pattern of columns.
import type uPlot from 'uplot';
import { visibleRange, type Area } from './candles.ts';
import { bucketFor, linePyramidOf, type LineLevel } from './lod.ts';
import { RectBatches } from './rects.ts';
import { linX, linY, type Lin } from './lin.ts';

export type { Lin };

export interface LineStyle {
  width: number;
  dash?: number[];
  /** one colour, or a colour per bar (the segment ending at bar i takes colour(i)); null skips the bar */
  color: string | ((i: number) => string | null);
  steps?: boolean;
  /** flat segments only, no vertical joins (levels such as the LVN price) */
  levels?: boolean;
}

type ColorOf = (i: number) => string | null;

/** `clip`: where the line may go (default the whole plot; the price chart's overlays keep off the volume) */
export function drawLine(u: uPlot, ys: ArrayLike<number>, scale: string, style: LineStyle, clip: Area = u.bbox): void {
  const [i0, i1] = visibleRange(u);
  if (i1 < i0 || ys.length === 0) return;
  const dpr = devicePixelRatio;
  const one = style.color;
  const colorOf: ColorOf = typeof one === 'string' ? () => one : one;
  const size = bucketFor((u.scales.x!.max ?? 1) - (u.scales.x!.min ?? 0), u.bbox.width);
  const x = linX(u), y = linY(u, scale);
  const dash = (style.dash ?? []).map((d) => d * dpr);
  const ctx = u.ctx;
  ctx.save();
  ctx.beginPath();
  ctx.rect(clip.left, clip.top, clip.width, clip.height);
  ctx.clip();
  if (size > 1) {
    const lw = Math.max(1, Math.round(style.width * dpr));
    const paint = columnPainter(ctx, dash, lw, !!style.levels);
    lineColumns(linePyramidOf(ys).level(ys, ys.length, size), size, ys.length, [i0, i1], x, y, colorOf, lw, !style.levels, paint.column);
    paint.flush();
  } else {
    const paths = barPaths(ys, x, y, style, [i0, i1], colorOf);
    ctx.lineWidth = style.width * dpr;
    ctx.lineJoin = x.b >= 3 * dpr ? 'round' : 'bevel'; // round joins of dense polylines cost and do not show
    ctx.setLineDash(dash);
    for (const [c, p] of paths) {
      ctx.strokeStyle = c;
      ctx.stroke(p);
    }
  }
  ctx.restore();
}

/**
 * Draws lineColumns' columns (batched by colour, thin ones as hairlines: rects.ts): a run of flat
 * columns (no taller than the line) of one colour at one height is one rect, dashed with a pattern
 * fixed to the screen; where the value moves a column is solid, and a level's jump is as wide as the line.
 */
function columnPainter(ctx: CanvasRenderingContext2D, dash: readonly number[], lw: number, levels: boolean): { column: EmitRect; flush: () => void } {
  const batches = new RectBatches(ctx);
  let pc = '', pl = 0, pt = 0, pw = 0, ph = 0; // the pending flat run (pw 0: none)
  const endRun = () => {
    if (pw === 0) return;
    const b = batches.of(pc);
    if (dash.length > 0) dashedRuns(dash, pl, pw, (a, e) => b.rect(a, pt, e - a, ph));
    else b.rect(pl, pt, pw, ph);
    pw = 0;
  };
  const column: EmitRect = (c, l, t, w, h) => {
    if (h <= lw + 1) {
      if (pw > 0 && c === pc && t === pt && h === ph && l === pl + pw) { pw += w; return; }
      endRun();
      pc = c; pl = l; pt = t; pw = w; ph = h;
      return;
    }
    endRun();
    if (levels && w > lw) batches.of(c).rect(Math.round(l + (w - lw) / 2), t, lw, h);
    else batches.of(c).rect(l, t, w, h);
  };
  return { column, flush: () => { endRun(); batches.flush(); } };
}

/** Whether canvas column `px` lies on a dash (`dash`: on, off, on, … lengths in px) of a pattern fixed to the screen. */
export function dashOn(dash: readonly number[], px: number): boolean {
  let period = 0;
  for (const d of dash) period += d;
  if (!(period > 0)) return true;
  let pos = ((px % period) + period) % period;
  for (let j = 0; j < dash.length; j++) {
    if (pos < dash[j]!) return j % 2 === 0;
    pos -= dash[j]!;
  }
  return true;
}

/** The runs [a, b) of columns l … l+w−1 that lie on a dash. */
export function dashedRuns(dash: readonly number[], l: number, w: number, run: (a: number, b: number) => void): void {
  let a = -1;
  for (let px = l; px <= l + w; px++) {
    const on = px < l + w && dashOn(dash, px);
    if (on && a < 0) a = px;
    else if (!on && a >= 0) { run(a, px); a = -1; }
  }
}

/**
 * One polyline per run of bars of one colour: the previous bar's segment ends where the next one
 * starts, so a run is one subpath (a dash flows along it; no per-bar subpaths for the stroker).
 */
function barPaths(ys: ArrayLike<number>, x: Lin, y: Lin, style: LineStyle, [i0, i1]: [number, number], colorOf: ColorOf): Map<string, Path2D> {
  const paths = new Map<string, Path2D>();
  const half = x.b / 2;
  const flat = style.steps || style.levels;
  const to = Math.min(ys.length - 1, i1 + 1);
  let pen: string | null = null; // colour of the path whose pen is at the previous bar's end
  for (let i = Math.max(0, i0 - 1); i <= to; i++) {
    const v = ys[i]!;
    const c = Number.isNaN(v) ? null : colorOf(i);
    if (c === null) { pen = null; continue; }
    let p = paths.get(c);
    if (!p) { p = new Path2D(); paths.set(c, p); }
    const xi = x.a + x.b * i, yi = y.a + y.b * v;
    const prev = i > 0 ? ys[i - 1]! : NaN;
    const cont = pen === c;
    if (flat) {
      const joined = !Number.isNaN(prev) && (style.steps || prev === v);
      if (!cont || !joined) p.moveTo(xi - half, joined ? y.a + y.b * prev : yi);
      if (joined && prev !== v) p.lineTo(xi - half, yi);
      p.lineTo(xi + half, yi);
    } else if (!Number.isNaN(prev)) {
      if (!cont) p.moveTo(xi - x.b, y.a + y.b * prev);
      p.lineTo(xi, yi);
    } else {
      p.moveTo(xi - 1, yi);
      p.lineTo(xi + 1, yi); // a lone point stays visible
      p.moveTo(xi, yi);
    }
    pen = c;
  }
  return paths;
}

export type EmitRect = (color: string, x: number, y: number, w: number, h: number) => void;

/**
 * Many bars per pixel: per bucket k (bars [k·size, (k+1)·size)) a column from its first to its last
 * bar's edge — columns tile the x axis — and from its min to its max, stretched to the previous
 * bucket's last value (`joined`; levels are joined only where the value stays, which the tiling
 * shows), `w` px thicker than the values (the line's width). Pure: `rect` draws.
 */
export function lineColumns(lv: LineLevel, size: number, n: number, [i0, i1]: [number, number], x: Lin, y: Lin, colorOf: ColorOf,
  w: number, joined: boolean, rect: EmitRect): void {
  const k0 = Math.max(0, Math.floor(i0 / size) - 1), k1 = Math.min(lv.n - 1, Math.floor(i1 / size) + 1);
  let py = NaN;
  for (let k = k0; k <= k1; k++) {
    const lastBar = Math.min(n - 1, k * size + size - 1);
    const c = Number.isNaN(lv.first[k]!) ? null : colorOf(lastBar);
    if (c === null) { py = NaN; continue; }
    const ya = y.a + y.b * lv.max[k]!, yb = y.a + y.b * lv.min[k]!;
    let top = Math.min(ya, yb), bot = Math.max(ya, yb);
    if (joined && !Number.isNaN(py)) { top = Math.min(top, py); bot = Math.max(bot, py); }
    let l = Math.round(x.a + x.b * (k * size - 0.5)), r = Math.round(x.a + x.b * (lastBar + 0.5));
    if (r - l < w) { l = Math.round((l + r - w) / 2); r = l + w; }
    const t = Math.round(top - w / 2);
    rect(c, l, t, r - l, Math.max(w, Math.round(bot + w / 2) - t));
    py = y.a + y.b * lv.last[k]!;
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
