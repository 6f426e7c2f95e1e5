// Keep a uPlot instance sized to its container (the chart and the indicator panels all need it).
import type uPlot from 'uplot';

/** Resize `u` whenever `el` changes size; returns the cleanup. */
export function fitToElement(u: uPlot, el: HTMLElement): () => void {
  const ro = new ResizeObserver(() => {
    if (el.clientWidth > 0 && el.clientHeight > 0) u.setSize({ width: el.clientWidth, height: el.clientHeight });
  });
  ro.observe(el);
  return () => ro.disconnect();
}
