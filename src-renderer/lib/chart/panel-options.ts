// uPlot options of an indicator sub-panel under the price chart: same x (bar index) and y-axis
// width as the price chart, lines drawn in a draw hook (NaN = not ready), y range from the visible
// values, cursor and x window shared with the price chart.
import type uPlot from 'uplot';
import type { Aligned, ColumnName } from '../indicators/align.ts';
import { drawLine, extentLod } from './lines.ts';
import { AXIS_BASE, HIDDEN_SERIES, PAD_LEFT, Y_AXIS_SIZE } from './price-options.ts';
import { panZoomPlugin, snapToBar } from './viewport.ts';
import { IND } from './theme.ts';
import { CURSOR_SYNC_KEY } from './x-sync.ts';

export type PanelKind = 'mlmi' | 'mmd';

interface PanelLine { col: ColumnName; color: string; width: number }

export const PANEL_LINES: Record<PanelKind, PanelLine[]> = {
  mlmi: [
    { col: 'mlmi', color: IND.mlmi, width: 1.5 },
    { col: 'mlmi_ma', color: IND.mlmiMa, width: 1.5 },
  ],
  mmd: [
    ...IND.mmdParts.map((color, k) => ({ col: `mmd_${k}` as ColumnName, color: color + '88', width: 1 })),
    { col: 'mmd_22', color: IND.mmd, width: 2 },
  ],
};

/** y range over the visible bars: MLMI symmetric around 0 (its neutral value), MMD from 0. */
function rangeOf(kind: PanelKind, aligned: () => Aligned): uPlot.Range.Function {
  return (u) => {
    const [i0, i1] = u.series[0]!.idxs ?? [0, u.data[0].length - 1];
    const a = aligned();
    const e = extentLod(PANEL_LINES[kind].map((l) => a.cols[l.col]), i0 ?? 0, i1 ?? 0, u.bbox.width);
    if (kind === 'mlmi') {
      const m = e ? Math.max(Math.abs(e[0]), Math.abs(e[1]), 5) * 1.12 : 10;
      return [-m, m];
    }
    const hi = e ? Math.max(e[1], 1e-6) : 1;
    return [Math.min(0, e?.[0] ?? 0), hi * 1.12];
  };
}

export function panelOptions(el: HTMLElement, kind: PanelKind, aligned: () => Aligned, plugins: uPlot.Plugin[]): uPlot.Options {
  const fmt = kind === 'mlmi' ? (v: number) => String(Math.round(v)) : (v: number) => (Math.abs(v) >= 10 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(3));
  return {
    width: Math.max(50, el.clientWidth),
    height: Math.max(30, el.clientHeight),
    legend: { show: false },
    padding: [8, 0, 6, PAD_LEFT],
    cursor: {
      drag: { x: false, y: false, setScale: false },
      points: { show: false },
      move: snapToBar,
      sync: { key: CURSOR_SYNC_KEY, setSeries: false },
    },
    scales: { x: { time: false, auto: false }, y: { range: rangeOf(kind, aligned) } },
    series: [{}, { scale: 'y', auto: false, ...HIDDEN_SERIES }], // the range is rangeOf's
    axes: [
      { show: false },
      { ...AXIS_BASE, scale: 'y', side: 1, size: Y_AXIS_SIZE, ticks: { ...AXIS_BASE.ticks, size: 4 },
        splits: (u) => splitsOf(u, kind), values: (_u, splits) => splits.map(fmt) },
    ],
    hooks: {
      draw: [(u) => {
        const a = aligned();
        if (a.n !== u.data[0].length) return;
        if (kind === 'mlmi') zeroLine(u);
        for (const l of PANEL_LINES[kind]) drawLine(u, a.cols[l.col], 'y', { width: l.width, color: l.color, steps: a.coarse[l.col] });
      }],
    },
    plugins: [...plugins, panZoomPlugin()],
  };
}

/** Three labels: the ends and the middle (0 for MLMI). */
function splitsOf(u: uPlot, kind: PanelKind): number[] {
  const { min, max } = u.scales.y!;
  if (min == null || max == null) return [];
  const lim = (max - min) * 0.42;
  return kind === 'mlmi' ? [-roundNice(lim), 0, roundNice(lim)] : [0, roundNice(max * 0.45), roundNice(max * 0.9)];
}

function roundNice(v: number): number {
  if (v <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.floor(v / p) * p;
}

function zeroLine(u: uPlot): void {
  const y = Math.round(u.valToPos(0, 'y', true)) + 0.5;
  const { left, width } = u.bbox;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = IND.zero;
  ctx.lineWidth = devicePixelRatio;
  ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(left, y);
  ctx.lineTo(left + width, y);
  ctx.stroke();
  ctx.restore();
}
