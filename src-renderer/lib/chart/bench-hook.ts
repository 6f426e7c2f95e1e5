// A read-mostly view of the price chart's x window for the chart bench (tests/e2e/perf) and e2e
// tests: the window in bar indexes, the bar count, whether all history is loaded, and setting a window (as a wheel zoom would).
import type uPlot from 'uplot';
import { setWindow } from './viewport.ts';

export interface ChartHook {
  /** [min, max] of the x scale (bar indexes), null before the first draw */
  window(): [number, number] | null;
  bars(): number;
  setWindow(lo: number, hi: number): void;
  /** false while older history is still loading */
  complete(): boolean;
}

declare global {
  interface Window { __algospaceChart?: ChartHook }
}

/** Exposes the hook on window; returns the function that removes it. */
export function exposeChartHook(plot: () => uPlot | null, complete: () => boolean): () => void {
  const hook: ChartHook = {
    window: () => {
      const u = plot();
      const { min, max } = u?.scales.x ?? {};
      return min == null || max == null ? null : [min, max];
    },
    bars: () => plot()?.data[0].length ?? 0,
    setWindow: (lo, hi) => { const u = plot(); if (u) setWindow(u, lo, hi); },
    complete,
  };
  window.__algospaceChart = hook;
  return () => { if (window.__algospaceChart === hook) delete window.__algospaceChart; };
}
