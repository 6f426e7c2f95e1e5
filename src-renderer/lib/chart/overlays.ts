// Indicator overlays on the price chart, in draw hooks: FVG zones under the candles (drawClear),
// the NW-RQK line and the LVN / POC levels over them (draw). Reads the aligned columns and the
// toggles through getters, so a redraw always sees the current values.
import type uPlot from 'uplot';
import type { Aligned } from '../indicators/align.ts';
import type { OverlayKey } from '../state/overlays.svelte.ts';
import { drawLine } from './lines.ts';
import { priceArea, visibleRange } from './candles.ts';
import { IND } from './theme.ts';

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

function drawZones(u: uPlot, a: Aligned): void {
  if (a.zones.length === 0 || a.n !== u.data[0].length) return;
  const [i0, i1] = visibleRange(u);
  const { left, top, width, height } = priceArea(u);
  const half = (u.valToPos(1, 'x', true) - u.valToPos(0, 'x', true)) / 2;
  const ctx = u.ctx;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.lineWidth = devicePixelRatio;
  // zones narrower than two pixels (many bars per pixel): one band per pixel column and direction (lod.ts)
  const narrow = new Map<number, [number, number]>();
  for (const z of a.zones) {
    if (z.i0 > i1 || z.i1 < i0) continue;
    const x0 = u.valToPos(z.i0, 'x', true) - half;
    const x1 = z.i1 === Infinity ? left + width : u.valToPos(z.i1, 'x', true) + half;
    if (x1 - x0 < 2) {
      const key = Math.floor(x0) * 2 + (z.dir === 1 ? 1 : 0);
      const b = narrow.get(key);
      if (b) { b[0] = Math.min(b[0], z.lower); b[1] = Math.max(b[1], z.upper); } else narrow.set(key, [z.lower, z.upper]);
      continue;
    }
    const yTop = u.valToPos(z.upper, 'y', true);
    const yBot = u.valToPos(z.lower, 'y', true);
    const h = Math.max(devicePixelRatio, yBot - yTop);
    ctx.fillStyle = z.dir === 1 ? IND.bullZone : IND.bearZone;
    ctx.fillRect(x0, yTop, x1 - x0, h);
    ctx.strokeStyle = z.dir === 1 ? IND.bullEdge : IND.bearEdge;
    ctx.beginPath();
    ctx.moveTo(x0, Math.round(yTop) + 0.5);
    ctx.lineTo(x1, Math.round(yTop) + 0.5);
    ctx.moveTo(x0, Math.round(yTop + h) - 0.5);
    ctx.lineTo(x1, Math.round(yTop + h) - 0.5);
    ctx.stroke();
  }
  for (const [key, [lower, upper]] of narrow) {
    const yTop = u.valToPos(upper, 'y', true);
    ctx.fillStyle = key % 2 === 1 ? IND.bullEdge : IND.bearEdge;
    ctx.fillRect(Math.floor(key / 2), yTop, 2, Math.max(devicePixelRatio, u.valToPos(lower, 'y', true) - yTop));
  }
  ctx.restore();
}
