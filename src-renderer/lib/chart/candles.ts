// Candlesticks and volume, drawn in one uPlot draw hook (the shape of uPlot's
// demos/candlestick-ohlc.html): loop over the visible indexes, pixel-aligned rects, one pass per colour.
// With more than two bars per device pixel, buckets of bars are drawn instead (lod.ts).
// Data: [x = bar index, open, high, low, close, volume].
import type uPlot from 'uplot';
import { THEME, VOLUME_SHARE } from './theme.ts';
import { bucketFor, type OhlcvLevel, type OhlcvSource } from './lod.ts';
import { RectBatch } from './rects.ts';
import { linX, linY } from './lin.ts';

export function visibleRange(u: uPlot): [number, number] {
  const n = u.data[0].length;
  const min = u.scales.x!.min ?? 0;
  const max = u.scales.x!.max ?? n - 1;
  return [Math.max(0, Math.floor(min)), Math.min(n - 1, Math.ceil(max))];
}

/** `price` formats the last-price tag drawn on the price axis. */
export function candlesPlugin(price: (v: number) => string, lod?: LodLevels): uPlot.Plugin {
  return {
    hooks: {
      draw: [(u) => { draw(u, lod); lastPriceTag(u, price); }],
    },
  };
}

/** Dashed line at the last close across the plot, and a tag with the price on the axis. */
function lastPriceTag(u: uPlot, price: (v: number) => string): void {
  const n = u.data[0].length;
  if (n === 0) return;
  const last = (u.data[4] as ArrayLike<number>)[n - 1]!;
  const up = last >= (u.data[1] as ArrayLike<number>)[n - 1]!;
  const { left, top, width, height } = u.bbox;
  const y = Math.round(u.valToPos(last, 'y', true));
  if (y < top || y > top + height) return;
  const dpr = devicePixelRatio;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = up ? THEME.up : THEME.down;
  ctx.globalAlpha = 0.6;
  ctx.lineWidth = dpr;
  ctx.setLineDash([2 * dpr, 3 * dpr]);
  ctx.beginPath();
  ctx.moveTo(left, y + 0.5);
  ctx.lineTo(left + width, y + 0.5);
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  const h = 18 * dpr;
  ctx.fillStyle = up ? THEME.up : THEME.down;
  ctx.fillRect(left + width, y - h / 2, 72 * dpr, h);
  ctx.fillStyle = '#ffffff';
  ctx.font = `600 ${11 * dpr}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(price(last), left + width + 6 * dpr, y + dpr);
  ctx.restore();
}

/** Canvas x of bar index i and y of a price (lin.ts: no call per point), and px per bar. */
function transforms(u: uPlot): { x: (i: number) => number; y: (p: number) => number; pxPerBar: number } {
  const lx = linX(u), ly = linY(u, 'y');
  return { x: (i) => lx.a + lx.b * i, y: (p) => ly.a + ly.b * p, pxPerBar: lx.b };
}

/** Buckets of `size` bars for the LOD (issue 17 point 1), or null to draw every bar. */
export type LodLevels = (size: number) => OhlcvLevel | null;

function draw(u: uPlot, lod?: LodLevels): void {
  const n = u.data[0].length;
  if (n === 0) return;
  const [i0, i1] = visibleRange(u);
  if (i1 < i0) return;
  const tr = transforms(u);
  const size = bucketFor((u.scales.x!.max ?? 1) - (u.scales.x!.min ?? 0), u.bbox.width);
  const level = size > 1 && lod ? lod(size) : null;
  if (level) {
    const last = n - 1;
    const centre = (k: number) => (k * size + Math.min(last, k * size + size - 1)) / 2;
    const k1 = Math.min(level.n - 1, Math.floor(i1 / size));
    paint(u, level, Math.floor(i0 / size), k1, (k) => tr.x(centre(k)), tr.pxPerBar * size, tr.y);
  } else {
    const d = u.data as unknown as ArrayLike<number>[];
    paint(u, { o: d[1]!, h: d[2]!, l: d[3]!, c: d[4]!, v: d[5]! }, i0, i1, tr.x, tr.pxPerBar, tr.y);
  }
}

interface Geometry {
  xAt: (k: number) => number; yAt: (p: number) => number;
  bodyW: number; bodyOff: number; wickW: number; wickOff: number;
  /** volume: the visible maximum, its height in px and the plot's bottom (0 maxV: no volume) */
  maxV: number; volH: number; bottom: number;
}

/**
 * Volume and candles of items k0..k1 (bars or buckets) `slot` px apart: pixel-aligned rects, one
 * pass per colour, thin ones as hairlines (rects.ts) — a path of thousands of rects would be filled by
 * the anti-aliasing path rasteriser, many times slower in software rendering.
 */
function paint(u: uPlot, s: OhlcvSource, k0: number, k1: number, xAt: (k: number) => number, slot: number, yAt: (p: number) => number): void {
  const { left, top, width, height } = u.bbox;
  const bodyW = Math.max(1, Math.round(slot * 0.68));
  const wickW = Math.max(1, Math.round(devicePixelRatio * (slot > 12 ? 1.2 : 1)));
  // volume: bottom VOLUME_SHARE of the plot, scaled to the visible maximum
  let maxV = 0;
  for (let k = k0; k <= k1; k++) if (s.v[k]! > maxV) maxV = s.v[k]!;
  const g: Geometry = {
    xAt, yAt, bodyW, bodyOff: Math.floor(bodyW / 2), wickW, wickOff: Math.floor(wickW / 2),
    maxV, volH: height * VOLUME_SHARE, bottom: top + height,
  };
  const ctx = u.ctx;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  if (maxV > 0) {
    volume(new RectBatch(ctx, THEME.upVol), s, k0, k1, g, true);
    volume(new RectBatch(ctx, THEME.downVol), s, k0, k1, g, false);
  }
  candles(new RectBatch(ctx, THEME.up), s, k0, k1, g, true);
  candles(new RectBatch(ctx, THEME.down), s, k0, k1, g, false);
  ctx.restore();
}

/** Bars of one colour sharing a pixel column (more bars than pixels) are blended once, as one shape would be. */
function volume(b: RectBatch, s: OhlcvSource, k0: number, k1: number, g: Geometry, rising: boolean): void {
  const { o, c, v } = s;
  let lastX = NaN, lastTop = 0;
  for (let k = k0; k <= k1; k++) {
    if ((c[k]! >= o[k]!) !== rising) continue;
    const x = Math.round(g.xAt(k)) - g.bodyOff;
    const y = g.bottom - Math.max(1, Math.round((v[k]! / g.maxV) * g.volH));
    if (x !== lastX) b.rect(x, y, g.bodyW, g.bottom - y);
    else if (y < lastTop) b.rect(x, y, g.bodyW, lastTop - y);
    else continue;
    lastX = x;
    lastTop = y;
  }
  b.flush();
}

function candles(b: RectBatch, s: OhlcvSource, k0: number, k1: number, g: Geometry, rising: boolean): void {
  const { o, h, l, c } = s;
  const bodies = g.bodyW > g.wickW;
  for (let k = k0; k <= k1; k++) {
    const ok = o[k]!, ck = c[k]!;
    if ((ck >= ok) !== rising) continue;
    const x = Math.round(g.xAt(k));
    const yH = Math.round(g.yAt(h[k]!)), yL = Math.round(g.yAt(l[k]!));
    b.rect(x - g.wickOff, yH, g.wickW, Math.max(1, yL - yH));
    if (bodies) {
      const yO = Math.round(g.yAt(ok)), yC = Math.round(g.yAt(ck));
      b.rect(x - g.bodyOff, Math.min(yO, yC), g.bodyW, Math.max(1, Math.abs(yO - yC)));
    }
  }
  b.flush();
}

export interface Area { left: number; top: number; width: number; height: number }

/** The plot above the volume histogram (canvas px): prices drawn lower would sit on the volume bars. */
export function priceArea(u: uPlot): Area {
  const { left, top, width, height } = u.bbox;
  return { left, top, width, height: height * (1 - VOLUME_SHARE) };
}

/**
 * Lowest low and highest high of the bars in the x window uPlot is about to set (series 0's idxs,
 * computed before the y range), read from the LOD buckets when they are drawn: uPlot itself would
 * scan every visible bar (its price series are `auto: false`).
 */
export function visibleExtent(u: uPlot, lod?: LodLevels): [number | null, number | null] {
  const n = u.data[0].length;
  if (n === 0) return [null, null];
  const idxs = (u.series[0] as { idxs?: [number, number] }).idxs;
  const i0 = Math.max(0, idxs?.[0] ?? 0), i1 = Math.min(n - 1, idxs?.[1] ?? n - 1);
  if (i1 < i0) return [null, null];
  const x = u.series[0] as { min?: number; max?: number };
  const size = bucketFor((x.max ?? i1) - (x.min ?? i0), u.bbox.width);
  const level = size > 1 && lod ? lod(size) : null;
  const [h, l, k0, k1] = level
    ? [level.h, level.l, Math.floor(i0 / size), Math.min(level.n - 1, Math.floor(i1 / size))]
    : [u.data[2] as ArrayLike<number>, u.data[3] as ArrayLike<number>, i0, i1];
  let lo = Infinity, hi = -Infinity;
  for (let k = k0; k <= k1; k++) {
    if (h[k]! > hi) hi = h[k]!;
    if (l[k]! < lo) lo = l[k]!;
  }
  return lo <= hi ? [lo, hi] : [null, null];
}

/** Price scale range: candles use the space above the volume histogram. */
export function priceRange(_u: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  let span = max - min;
  if (span <= 0) span = Math.abs(max) * 0.001 || 1;
  const total = span / (1 - VOLUME_SHARE - 0.08);
  return [min - total * (VOLUME_SHARE + 0.04), max + total * 0.04];
}
