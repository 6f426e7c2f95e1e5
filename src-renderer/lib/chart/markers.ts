// Trading markers on the price chart, in one uPlot draw hook: synergies (violet diamonds at their
// price), decisions (dots beyond the bar's extreme, coloured by status), fills (entry triangles left
// of the candle, pointing the trade's way with the apex at the fill price; exits as crosses right of
// it, coloured by how they ended) and the levels of what is at stake (entry / stop / target of pending decisions and open
// positions) as dashed lines to the right edge, kept off the volume histogram; a level off the screen
// is a tag at the edge it lies beyond (▲ above, ▼ below). Only markers in the visible range are drawn;
// markers of one kind that would overlap are one glyph with their count.
import type uPlot from 'uplot';
import type { DecisionStatus, TradeMarker } from '../../../src-shared/trading.ts';
import { STATUS_COLOR } from '../trading/format.ts';
import { barAt, markerBar } from '../trading/locate.ts';
import { priceArea, visibleRange, type Area } from './candles.ts';
import { clusterByX } from './lod.ts';

export const MARK = {
  synergy: '#bc8cff',
  long: '#56d364',
  short: '#ff7b72',
  target: '#3fb950',
  stop: '#f85149',
  time: '#c9d1d9',
  entry: 'rgba(201, 209, 217, 0.7)',
  outline: '#0d1117',
} as const;

/** Entry / stop / target of a pending decision or an open position, from market time `t` on. */
export interface Levels { t: number; entry: number; stop: number; target: number }

export interface MarkerSource {
  markers(): readonly TradeMarker[];
  levels(): readonly Levels[];
  /** bar start times of the columns uPlot holds */
  times(): ArrayLike<number>;
  /** prices as the axis shows them (the tags of levels off the screen) */
  price?(v: number): string;
  /** what the last draw put on screen (tests read it) */
  drawn?(counts: Record<string, number>): void;
}

export function markersPlugin(src: MarkerSource): uPlot.Plugin {
  return { hooks: { draw: [(u) => draw(u, src)] } };
}

function draw(u: uPlot, src: MarkerSource): void {
  const counts: Record<string, number> = {};
  const ms = src.markers();
  const lv = src.levels();
  const times = src.times();
  const n = u.data[0].length;
  if ((ms.length === 0 && lv.length === 0) || n === 0 || times.length < n) { src.drawn?.(counts); return; }
  const [i0, i1] = visibleRange(u);
  const { left, top, width, height } = u.bbox;
  const dpr = devicePixelRatio;
  const ctx = u.ctx;
  const edges = { above: 0, below: 0 };
  for (const l of lv) drawLevels(u, l, barAt(times, l.t, n), edges, src.price ?? String);
  if (edges.above + edges.below > 0) counts.offscreen_level = edges.above + edges.below;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  const half = Math.max(dpr, (u.valToPos(1, 'x', true) - u.valToPos(0, 'x', true)) / 2);
  const high = u.data[2] as ArrayLike<number>;
  const low = u.data[3] as ArrayLike<number>;
  const visible: { m: TradeMarker; i: number; x: number; key: string }[] = [];
  for (const m of ms) {
    const i = markerBar(times, m.kind, m.t, n);
    if (i < i0 || i > i1 || i < 0) continue;
    const key = m.kind === 'fill' ? (m.label === 'entry' ? 'entry' : 'exit') : m.kind === 'decision' ? `decision_${m.label}` : m.kind;
    counts[key] = (counts[key] ?? 0) + 1;
    visible.push({ m, i, x: u.valToPos(i, 'x', true), key });
  }
  // markers of one kind closer than a glyph are one glyph with their count (lod.ts)
  for (const cl of clusterByX(visible, (v) => v.x, (v) => v.key, 6 * dpr)) {
    const { m, i, x } = cl.items[0]!;
    const at = glyph(u, m, i, x, half, high, low);
    if (cl.count > 1) countTag(ctx, at[0], at[1], cl.count, dpr);
  }
  ctx.restore();
  src.drawn?.(counts);
}

/** Draws one marker at bar i (canvas x); returns where its glyph sits. */
function glyph(u: uPlot, m: TradeMarker, i: number, x: number, half: number, high: ArrayLike<number>, low: ArrayLike<number>): [number, number] {
  const ctx = u.ctx;
  const dpr = devicePixelRatio;
  if (m.kind === 'synergy') {
    const y = u.valToPos(m.price, 'y', true);
    diamond(ctx, x, y, 4.5 * dpr, MARK.synergy, dpr);
    return [x, y];
  }
  if (m.kind === 'decision') {
    const y = m.direction > 0 ? u.valToPos(low[i]!, 'y', true) + 11 * dpr : u.valToPos(high[i]!, 'y', true) - 11 * dpr;
    dot(ctx, x, y, 4.5 * dpr, STATUS_COLOR[m.label as DecisionStatus] ?? MARK.time, dpr);
    return [x, y];
  }
  const y = u.valToPos(m.price, 'y', true);
  if (m.label === 'entry') { // left of the candle, so it does not hide it
    triangle(ctx, x - half - 6 * dpr, y, 5.5 * dpr, m.direction, m.direction > 0 ? MARK.long : MARK.short, dpr);
    return [x - half - 6 * dpr, y];
  }
  // right of the candle
  cross(ctx, x + half + 5 * dpr, y, 4 * dpr, m.label === 'target' ? MARK.target : m.label === 'stop' ? MARK.stop : MARK.time, dpr);
  return [x + half + 5 * dpr, y];
}

/** The number of markers a clustered glyph stands for, beside it. */
function countTag(ctx: CanvasRenderingContext2D, x: number, y: number, count: number, dpr: number): void {
  ctx.font = `600 ${10 * dpr}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3 * dpr;
  ctx.strokeStyle = MARK.outline;
  ctx.strokeText(String(count), x + 6 * dpr, y - 6 * dpr);
  ctx.fillStyle = MARK.time;
  ctx.fillText(String(count), x + 6 * dpr, y - 6 * dpr);
}

/** `edges`: how many tags each edge holds already (they stack); counted up here */
function drawLevels(u: uPlot, l: Levels, i: number, edges: { above: number; below: number }, fmt: (v: number) => string): void {
  if (i < 0) return;
  const ctx = u.ctx;
  const dpr = devicePixelRatio;
  const area = priceArea(u);
  const x0 = Math.max(area.left, u.valToPos(i, 'x', true));
  const x1 = area.left + area.width;
  if (x0 >= x1) return;
  ctx.save();
  ctx.lineWidth = dpr;
  ctx.setLineDash([4 * dpr, 3 * dpr]);
  const levels = [[l.entry, MARK.entry, 'entry'], [l.stop, MARK.stop, 'stop'], [l.target, MARK.target, 'target']] as const;
  for (const [price, color, name] of levels) {
    const y = Math.round(u.valToPos(price, 'y', true)) + 0.5;
    ctx.strokeStyle = color;
    if (y < area.top || y > area.top + area.height) {
      edgeTag(ctx, area, y < area.top ? 'above' : 'below', edges, `${y < area.top ? '▲' : '▼'} ${name} ${fmt(price)}`, color);
      continue;
    }
    ctx.beginPath();
    ctx.moveTo(x0, y);
    ctx.lineTo(x1, y);
    ctx.stroke();
  }
  ctx.restore();
}

/** A level beyond the price area: its name and price at the right end of the edge it lies beyond. */
function edgeTag(ctx: CanvasRenderingContext2D, area: Area, edge: 'above' | 'below', edges: { above: number; below: number }, text: string, color: string): void {
  const dpr = devicePixelRatio;
  const k = edges[edge]++;
  const y = edge === 'above' ? area.top + (4 + 15 * k) * dpr : area.top + area.height - (17 + 15 * k) * dpr;
  ctx.font = `${11 * dpr}px system-ui, sans-serif`;
  const w = ctx.measureText(text).width + 8 * dpr;
  const x = area.left + area.width - w - 2 * dpr;
  ctx.fillStyle = 'rgba(13, 17, 23, 0.85)';
  ctx.fillRect(x, y, w, 14 * dpr);
  ctx.fillStyle = color;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + 4 * dpr, y + 7 * dpr);
}

function outline(ctx: CanvasRenderingContext2D, fill: string, dpr: number): void {
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = dpr;
  ctx.strokeStyle = MARK.outline;
  ctx.stroke();
}

function diamond(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, fill: string, dpr: number): void {
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
  outline(ctx, fill, dpr);
}

function dot(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, fill: string, dpr: number): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  outline(ctx, fill, dpr);
}

/** apex at (x, y): a long's triangle points up from below the price, a short's down from above */
function triangle(ctx: CanvasRenderingContext2D, x: number, y: number, s: number, dir: number, fill: string, dpr: number): void {
  const h = s * 1.5 * (dir > 0 ? 1 : -1);
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x + s, y + h);
  ctx.lineTo(x - s, y + h);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = dpr;
  ctx.strokeStyle = '#e6edf3';
  ctx.stroke();
}

function cross(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, color: string, dpr: number): void {
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r);
  ctx.moveTo(x - r, y + r); ctx.lineTo(x + r, y - r);
  ctx.strokeStyle = MARK.outline;
  ctx.lineWidth = 4 * dpr;
  ctx.stroke();
  ctx.strokeStyle = color;
  ctx.lineWidth = 2 * dpr;
  ctx.stroke();
}
