// uPlot options of the Report panel's four plots: equity and drawdown over time, the R histogram
// and the calibration curve, each drawing run A (blue) and, when comparing, run B (orange).
// The histogram and calibration draw themselves in draw hooks (bars by sign, points sized by count,
// the diagonal), so the plots stay plain canvases with no DOM per point.
import type uPlot from 'uplot';
import { AXIS_BASE, HIDDEN_SERIES } from '../chart/price-options.ts';
import { THEME } from '../chart/theme.ts';
import { fmtCompact } from '../format.ts';
import type { RBins } from './histogram.ts';
import type { CalibrationSeries } from './series.ts';

/** run A and run B colours (apart from the candle greens and reds used for wins and losses) */
export const RUN_COLORS = ['#58a6ff', '#f0883e'] as const;
const FILLS = ['rgba(88, 166, 255, 0.16)', 'rgba(240, 136, 62, 0.16)'] as const;
const WIN = 'rgba(38, 166, 154, 0.85)';
const LOSS = 'rgba(239, 83, 80, 0.85)';

const AXIS = { ...AXIS_BASE, size: 56 };
/** axis money: 100.2K, −375, 0 (a true minus; the plot title names the currency) */
function money(v: number): string {
  const a = Math.abs(v);
  const s = a >= 1e4 ? fmtCompact(a) : a >= 10 || a === 0 ? String(Math.round(a)) : a.toFixed(1);
  return v < 0 && s !== '0' ? `−${s}` : s;
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;
const LABEL_PX = 86;

const dayOf = (t: number) => Math.floor(t / DAY_MS);

/**
 * An x axis that counts step bars and is labelled by their times (UTC): over two days or more, at
 * the first bar of each day (`MM-DD`, days that would crowd left out); within a day, evenly (`HH:MM`).
 */
function stepTimeAxis(times: readonly number[]): Pick<uPlot.Axis, 'splits' | 'values'> {
  const n = times.length;
  const days = n ? dayOf(times[n - 1]!) - dayOf(times[0]!) : 0;
  const dayStarts = times.flatMap((t, i) => (i === 0 || dayOf(t) !== dayOf(times[i - 1]!) ? [i] : []));
  return {
    splits: (u) => {
      const room = Math.max(2, Math.floor(u.bbox.width / devicePixelRatio / LABEL_PX));
      if (days >= 2) {
        // day starts at least a label apart; the first bar (mid-day) only when the first day start is far enough
        const px = u.bbox.width / devicePixelRatio / Math.max(1, n - 1);
        const out: number[] = [];
        let last = -Infinity;
        for (const i of dayStarts) if (i > 0 && (i - last) * px >= LABEL_PX) { out.push(i); last = i; }
        if (out.length === 0 || out[0]! * px >= LABEL_PX) out.unshift(0);
        return out;
      }
      const every = Math.max(1, Math.ceil(n / room));
      const out: number[] = [];
      for (let i = 0; i < n; i += every) out.push(i);
      return out;
    },
    values: (_u, splits) => splits.map((i) => {
      const t = times[i];
      if (t === undefined) return '';
      const d = new Date(t);
      return days >= 2 ? `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    }),
  };
}

function base(w: number, h: number): uPlot.Options {
  return {
    width: Math.max(120, w), height: Math.max(80, h), legend: { show: false }, padding: [8, 10, 0, 0],
    cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 6 } },
    series: [{}], axes: [],
  };
}

/** Equity (money) of each run over its step bars, labelled by time (`times`) or by bar number (`times` empty). */
export function equityOptions(w: number, h: number, times: readonly number[], runs: number, kind: 'equity' | 'drawdown'): uPlot.Options {
  const o = base(w, h);
  o.scales = { x: { time: false } };
  for (let k = 0; k < runs; k++) {
    o.series.push({
      label: `run ${k ? 'B' : 'A'}`, stroke: RUN_COLORS[k], width: 1.5, spanGaps: true, points: { show: false },
      ...(kind === 'drawdown' ? { fill: FILLS[k] } : {}),
    });
  }
  o.axes = [
    { ...AXIS, size: 40, ...(times.length ? stepTimeAxis(times) : { values: (_u: uPlot, s: number[]) => s.map((v) => `bar ${v}`) }) },
    { ...AXIS, values: (_u, s) => s.map(money) },
  ];
  if (kind === 'drawdown') o.scales.y = { range: (_u, min) => [Math.min(min, -1), 0] };
  return o;
}

/** Bars of the R histogram: one run coloured by sign (wins green, losses red), two runs side by side in their colours. */
export function histogramOptions(w: number, h: number, bins: RBins): uPlot.Options {
  const o = base(w, h);
  o.padding = [8, 18, 0, 0]; // room for the last edge's label
  const lo = bins.edges[0] ?? -1;
  const hi = bins.edges[bins.edges.length - 1] ?? 1;
  const top = Math.max(1, ...bins.counts.flat());
  o.scales = { x: { time: false, range: [lo, hi] }, y: { range: [0, top * 1.12] } };
  for (let k = 0; k < bins.counts.length; k++) o.series.push({ label: `run ${k ? 'B' : 'A'}`, ...HIDDEN_SERIES });
  o.axes = [
    { ...AXIS, size: 34, splits: () => edgeSplits(bins), values: (_u, s) => s.map((v) => `${v < 0 ? '−' : ''}${+Math.abs(v).toFixed(2)}R`) },
    { ...AXIS, size: 40, values: (_u, s) => s.map((v) => (Number.isInteger(v) ? String(v) : '')) },
  ];
  o.hooks = { draw: [(u) => drawBars(u, bins)] };
  return o;
}

/** x labels on bin edges: every edge, or every 2nd, 4th … so there are at most ~10 (0 R always among them) */
function edgeSplits(bins: RBins): number[] {
  const every = Math.max(1, Math.ceil(bins.edges.length / 10));
  return bins.edges.filter((e) => Math.round(e / bins.width) % every === 0);
}

function drawBars(u: uPlot, bins: RBins): void {
  const ctx = u.ctx;
  const runs = bins.counts.length;
  const y0 = u.valToPos(0, 'y', true);
  ctx.save();
  for (let i = 0; i < bins.centers.length; i++) {
    const x0 = u.valToPos(bins.edges[i]!, 'x', true);
    const x1 = u.valToPos(bins.edges[i + 1]!, 'x', true);
    const gap = Math.min(2 * devicePixelRatio, (x1 - x0) * 0.12);
    const slot = (x1 - x0 - gap) / runs;
    for (let k = 0; k < runs; k++) {
      const c = bins.counts[k]![i]!;
      if (c === 0) continue;
      const y = u.valToPos(c, 'y', true);
      ctx.fillStyle = runs === 1 ? (bins.centers[i]! < 0 ? LOSS : WIN) : RUN_COLORS[k]!;
      ctx.fillRect(x0 + gap / 2 + k * slot, y, slot, y0 - y);
    }
  }
  // 0 R: the line between losses and wins
  const xz = u.valToPos(0, 'x', true);
  ctx.strokeStyle = THEME.axis;
  ctx.lineWidth = devicePixelRatio;
  ctx.setLineDash([3 * devicePixelRatio, 3 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(xz, u.bbox.top);
  ctx.lineTo(xz, u.bbox.top + u.bbox.height);
  ctx.stroke();
  ctx.restore();
}

/** Calibration: mean p (x) against hit rate (y) per bin, point area by the bin's count, over the diagonal. */
export function calibrationOptions(w: number, h: number, cal: CalibrationSeries): uPlot.Options {
  const o = base(w, h);
  o.padding = [12, 18, 0, 0]; // room for the 100 % label and the dots on the edges
  o.scales = { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } };
  for (let k = 0; k < cal.hit.length; k++) o.series.push({ label: `run ${k ? 'B' : 'A'}`, stroke: RUN_COLORS[k], width: 1, spanGaps: true, points: { show: false } });
  const pct = (_u: uPlot, s: number[]) => s.map((v) => `${Math.round(v * 100)}%`);
  o.axes = [{ ...AXIS, size: 34, values: pct }, { ...AXIS, size: 44, values: pct }];
  o.hooks = { drawClear: [(u) => diagonal(u)], draw: [(u) => drawPoints(u, cal)] };
  return o;
}

function diagonal(u: uPlot): void {
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = 'rgba(139, 148, 158, 0.55)';
  ctx.lineWidth = devicePixelRatio;
  ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(u.valToPos(0, 'x', true), u.valToPos(0, 'y', true));
  ctx.lineTo(u.valToPos(1, 'x', true), u.valToPos(1, 'y', true));
  ctx.stroke();
  ctx.restore();
}

function drawPoints(u: uPlot, cal: CalibrationSeries): void {
  const ctx = u.ctx;
  const most = Math.max(1, ...cal.n.flat().map((v) => v ?? 0));
  ctx.save();
  cal.hit.forEach((col, k) => col.forEach((hit, i) => {
    if (hit === null) return;
    const r = (2.5 + 5 * Math.sqrt((cal.n[k]![i] ?? 0) / most)) * devicePixelRatio;
    ctx.beginPath();
    ctx.arc(u.valToPos(cal.x[i]!, 'x', true), u.valToPos(hit, 'y', true), r, 0, 2 * Math.PI);
    ctx.fillStyle = RUN_COLORS[k]!;
    ctx.fill();
  }));
  ctx.restore();
}
