// uPlot options of the price chart: bar-index x axis with exchange-time labels, price axis on the
// right, candles + volume, indicator overlays, wheel zoom / drag pan, and the shared x window.
import type uPlot from 'uplot';
import type { Zone } from '../../../src-shared/time.ts';
import { candlesPlugin, priceRange, visibleExtent, type LodLevels } from './candles.ts';
import { timeAxis } from './time-axis.ts';
import { panZoomPlugin, snapToBar } from './viewport.ts';
import { THEME, VOLUME_SHARE } from './theme.ts';
import { CURSOR_SYNC_KEY } from './x-sync.ts';

export const AXIS_BASE = {
  stroke: THEME.axis,
  font: THEME.font,
  grid: { stroke: THEME.grid, width: 1 },
  ticks: { stroke: THEME.grid, width: 1, size: 4 },
};
/** width of the price axis; the panels use the same so their plots line up */
export const Y_AXIS_SIZE = 74;
/** left padding of the plot: fixed (not uPlot's automatic one) so the panels' plots line up */
export const PAD_LEFT = 18;
export const HIDDEN_SERIES = { paths: () => null, points: { show: false } };

export interface PriceDeps {
  price: (v: number) => string;
  times: () => ArrayLike<number>;
  zone: () => Zone;
  tfMinutes: () => number;
  onCursor: (idx: number | null) => void;
  /** buckets of bars for the level of detail (drawn instead of bars when they would crowd) */
  lod?: LodLevels;
  /** overlays (drawn after the candles) and the x sync */
  plugins: uPlot.Plugin[];
}

export function priceOptions(el: HTMLElement, d: PriceDeps): uPlot.Options {
  // no price labels or lines over the volume histogram
  const abovePrice = (u: uPlot, splits: number[]) =>
    splits.map((v) => (u.valToPos(v, 'y') > (u.bbox.height / devicePixelRatio) * (1 - VOLUME_SHARE) - 6 ? null : v));
  return {
    width: Math.max(50, el.clientWidth),
    height: Math.max(50, el.clientHeight),
    legend: { show: false },
    padding: [10, 0, 0, PAD_LEFT],
    cursor: {
      drag: { x: false, y: false, setScale: false },
      points: { show: false },
      move: snapToBar,
      sync: { key: CURSOR_SYNC_KEY, setSeries: false },
    },
    scales: {
      x: { time: false, auto: false },
      // the range is ours (visibleExtent reads the LOD buckets); uPlot scans no series for it
      y: { range: (u) => priceRange(u, ...visibleExtent(u, d.lod)) },
      v: { range: () => [0, 1] }, // the volume histogram scales itself (candles.ts)
    },
    series: [
      {},
      { label: 'Open', scale: 'y', auto: false, ...HIDDEN_SERIES },
      { label: 'High', scale: 'y', auto: false, ...HIDDEN_SERIES },
      { label: 'Low', scale: 'y', auto: false, ...HIDDEN_SERIES },
      { label: 'Close', scale: 'y', auto: false, ...HIDDEN_SERIES },
      { label: 'Volume', scale: 'v', auto: false, ...HIDDEN_SERIES },
    ],
    axes: [
      { ...AXIS_BASE, size: 42, ...timeAxis({ times: d.times, zone: d.zone, tfMinutes: d.tfMinutes }) },
      {
        ...AXIS_BASE,
        scale: 'y',
        side: 1,
        size: Y_AXIS_SIZE,
        grid: { ...AXIS_BASE.grid, filter: abovePrice },
        ticks: { ...AXIS_BASE.ticks, filter: abovePrice },
        filter: abovePrice,
        values: (_u, splits) => splits.map((v) => (v == null ? '' : d.price(v))),
      },
    ],
    hooks: {
      setCursor: [(u) => d.onCursor(u.cursor.idx ?? null)],
    },
    plugins: [candlesPlugin(d.price, d.lod), ...d.plugins, panZoomPlugin()],
  };
}
