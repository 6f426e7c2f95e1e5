// Candlesticks and volume, drawn in one uPlot draw hook (the shape of uPlot's
// demos/candlestick-ohlc.html): loop over the visible indexes, fillRect bodies and wicks.
// Data: [x = bar index, open, high, low, close, volume].
import type uPlot from 'uplot';
import { THEME, VOLUME_SHARE } from './theme.ts';

export function visibleRange(u: uPlot): [number, number] {
  const n = u.data[0].length;
  const min = u.scales.x!.min ?? 0;
  const max = u.scales.x!.max ?? n - 1;
  return [Math.max(0, Math.floor(min)), Math.min(n - 1, Math.ceil(max))];
}

/** `price` formats the last-price tag drawn on the price axis. */
export function candlesPlugin(price: (v: number) => string): uPlot.Plugin {
  return {
    hooks: {
      draw: [(u) => { draw(u); lastPriceTag(u, price); }],
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

function draw(u: uPlot): void {
  const n = u.data[0].length;
  if (n === 0) return;
  const o = u.data[1] as ArrayLike<number>;
  const h = u.data[2] as ArrayLike<number>;
  const l = u.data[3] as ArrayLike<number>;
  const c = u.data[4] as ArrayLike<number>;
  const v = u.data[5] as ArrayLike<number>;
  const [i0, i1] = visibleRange(u);
  if (i1 < i0) return;
  const { left, top, width, height } = u.bbox;
  const span = (u.scales.x!.max ?? 1) - (u.scales.x!.min ?? 0) || 1;
  const pxPerBar = width / span;
  const bodyW = Math.max(1, Math.round(pxPerBar * 0.68));
  const wickW = Math.max(1, Math.round(devicePixelRatio * (pxPerBar > 12 ? 1.2 : 1)));
  const bodyOff = Math.floor(bodyW / 2);
  const wickOff = Math.floor(wickW / 2);

  const ctx = u.ctx;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();

  // volume: bottom VOLUME_SHARE of the plot, scaled to the visible maximum
  let maxV = 0;
  for (let i = i0; i <= i1; i++) if (v[i]! > maxV) maxV = v[i]!;
  if (maxV > 0) {
    const volH = height * VOLUME_SHARE;
    const bottom = top + height;
    for (let pass = 0; pass < 2; pass++) {
      ctx.fillStyle = pass === 0 ? THEME.upVol : THEME.downVol;
      for (let i = i0; i <= i1; i++) {
        if ((c[i]! >= o[i]!) !== (pass === 0)) continue;
        const x = Math.round(u.valToPos(i, 'x', true));
        const vh = Math.max(1, Math.round((v[i]! / maxV) * volH));
        ctx.fillRect(x - bodyOff, bottom - vh, bodyW, vh);
      }
    }
  }

  // candles: one pass per colour (fewer fillStyle switches)
  for (let pass = 0; pass < 2; pass++) {
    const up = pass === 0;
    ctx.fillStyle = up ? THEME.up : THEME.down;
    for (let i = i0; i <= i1; i++) {
      const oi = o[i]!;
      const ci = c[i]!;
      if ((ci >= oi) !== up) continue;
      const x = Math.round(u.valToPos(i, 'x', true));
      const yH = Math.round(u.valToPos(h[i]!, 'y', true));
      const yL = Math.round(u.valToPos(l[i]!, 'y', true));
      const yO = Math.round(u.valToPos(oi, 'y', true));
      const yC = Math.round(u.valToPos(ci, 'y', true));
      ctx.fillRect(x - wickOff, yH, wickW, Math.max(1, yL - yH));
      if (bodyW > wickW) {
        const yTop = Math.min(yO, yC);
        ctx.fillRect(x - bodyOff, yTop, bodyW, Math.max(1, Math.abs(yO - yC)));
      }
    }
  }
  ctx.restore();
}

export interface Area { left: number; top: number; width: number; height: number }

/** The plot above the volume histogram (canvas px): prices drawn lower would sit on the volume bars. */
export function priceArea(u: uPlot): Area {
  const { left, top, width, height } = u.bbox;
  return { left, top, width, height: height * (1 - VOLUME_SHARE) };
}

/** Price scale range: candles use the space above the volume histogram. */
export function priceRange(_u: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  let span = max - min;
  if (span <= 0) span = Math.abs(max) * 0.001 || 1;
  const total = span / (1 - VOLUME_SHARE - 0.08);
  return [min - total * (VOLUME_SHARE + 0.04), max + total * 0.04];
}
