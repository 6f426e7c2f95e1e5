// Indicator overlays on the price chart, in draw hooks: FVG zones under the candles (drawClear),
// the NW-RQK line and the LVN / POC levels over them (draw). Reads the aligned columns and the
// toggles through getters, so a redraw always sees the current values.
import type uPlot from 'uplot';
import type { Aligned } from '../indicators/align.ts';
import type { OverlayKey } from '../state/overlays.svelte.ts';
import { drawLine } from './lines.ts';
import { linX, linY } from './lin.ts';
import { priceArea, visibleRange } from './candles.ts';
import { IND } from './theme.ts';
import { RectBatch } from './rects.ts';

export interface OverlaySource {
  aligned(): Aligned;
  on(key: OverlayKey): boolean;
}

export function overlaysPlugin(src: OverlaySource): uPlot.Plugin {
  return {
    hooks: {
      drawClear: [(u) => { if (src.on('fvg')) drawZones(u, src.aligned()); }],
      draw: [(u) => {
        const a = src.aligned();
        if (a.n !== u.data[0].length) return; // built for other bars (a load in flight)
        const area = priceArea(u);
        if (src.on('lvn')) {
          drawLine(u, a.cols.lvn_poc, 'y', { width: 1, dash: [1, 3], color: IND.poc, levels: true }, area);
          drawLine(u, a.cols.lvn_price, 'y', { width: 1.5, dash: [5, 3], color: IND.lvn, levels: true }, area);
        }
        if (src.on('nwrqk')) {
          const slope = a.cols.nwrqk_slope;
          const y = a.cols.nwrqk;
          const color = (i: number) => {
            const s = slope[i]!;
            const up = Number.isNaN(s) ? i > 0 && y[i]! >= y[i - 1]! : s >= 0;
            return up ? IND.rising : IND.falling;
          };
          drawLine(u, y, 'y', { width: 2, color, steps: a.coarse.nwrqk }, area);
        }
      }],
    },
  };
}

/** Pixel columns' narrow-zone bands (top and bottom px per direction), reused across frames. */
let bands = new Float64Array(0);

function drawZones(u: uPlot, a: Aligned): void {
  if (a.zones.length === 0 || a.n !== u.data[0].length) return;
  const [i0, i1] = visibleRange(u);
  const { left, top, width, height } = priceArea(u);
  const x = linX(u), y = linY(u, 'y');
  const half = x.b / 2, dpr = devicePixelRatio;
  const cols = Math.ceil(width) + 2;
  if (bands.length < cols * 4) bands = new Float64Array(cols * 4);
  bands.fill(NaN, 0, cols * 4);
  const ctx = u.ctx;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  // zones are sorted by i0: none after the first that starts right of the view
  const end = firstAfter(a.zones, i1);
  for (let j = 0; j < end; j++) {
    const z = a.zones[j]!;
    if (z.i1 < i0) continue;
    const x0 = x.a + x.b * z.i0 - half;
    const x1 = z.i1 === Infinity ? left + width : x.a + x.b * z.i1 + half;
    const yTop = y.a + y.b * z.upper, yBot = y.a + y.b * z.lower;
    if (x1 - x0 < 2) {
      // narrower than two pixels (many bars per pixel): one band per pixel column and direction (lod.ts)
      const c = Math.floor(x0 - left);
      if (c < 0 || c >= cols) continue;
      const b = (c * 2 + (z.dir === 1 ? 1 : 0)) * 2;
      if (!(bands[b]! <= yTop)) bands[b] = yTop;
      if (!(bands[b + 1]! >= yBot)) bands[b + 1] = yBot;
      continue;
    }
    // the fill and its two edges as rects (no stroked paths)
    const h = Math.max(dpr, yBot - yTop);
    ctx.fillStyle = z.dir === 1 ? IND.bullZone : IND.bearZone;
    ctx.fillRect(x0, yTop, x1 - x0, h);
    ctx.fillStyle = z.dir === 1 ? IND.bullEdge : IND.bearEdge;
    ctx.fillRect(x0, Math.round(yTop), x1 - x0, dpr);
    ctx.fillRect(x0, Math.round(yTop + h) - dpr, x1 - x0, dpr);
  }
  for (const dir of [1, 0]) {
    const batch = new RectBatch(ctx, dir === 1 ? IND.bullEdge : IND.bearEdge);
    for (let c = 0; c < cols; c++) {
      const b = (c * 2 + dir) * 2;
      if (Number.isNaN(bands[b]!)) continue;
      const t = Math.round(bands[b]!);
      batch.rect(left + c, t, 2, Math.max(dpr, Math.round(bands[b + 1]!) - t));
    }
    batch.flush();
  }
  ctx.restore();
}

/** Index of the first zone starting after bar i (zones sorted by i0). */
function firstAfter(zones: readonly { i0: number }[], i: number): number {
  let lo = 0, hi = zones.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (zones[mid]!.i0 <= i) lo = mid + 1; else hi = mid;
  }
  return lo;
}
