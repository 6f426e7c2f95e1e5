// The life of one uPlot in a panel (the price chart and each indicator panel): created in the
// panel's element, joined to the shared x window, kept at the element's size, fed at most once per
// animation frame, and torn down with all of that when the element goes.
import uPlot from 'uplot';
import { fitToElement } from './fit.ts';
import type { XSync } from './x-sync.ts';

export class PlotMount {
  plot: uPlot | null = null;
  #raf = 0;
  readonly #flush: (u: uPlot) => void;

  /** `flush` pushes the panel's current data into the plot */
  constructor(flush: (u: uPlot) => void) {
    this.#flush = flush;
  }

  /** Flush at the next animation frame; several calls within one frame flush once. */
  schedule(): void {
    if (this.#raf) return;
    this.#raf = requestAnimationFrame(() => {
      this.#raf = 0;
      if (this.plot) this.#flush(this.plot);
    });
  }

  /** Flush now (a scheduled flush still runs). */
  flushNow(): void {
    if (this.plot) this.#flush(this.plot);
  }

  /** Creates the plot in `el`; returns the teardown (for an {@attach}). */
  attach(el: HTMLElement, options: uPlot.Options, empty: uPlot.AlignedData, sync: XSync): () => void {
    const u = new uPlot(options, empty, el);
    this.plot = u;
    const leave = sync.add(u);
    const unfit = fitToElement(u, el);
    return () => {
      unfit();
      leave();
      if (this.#raf) cancelAnimationFrame(this.#raf);
      this.#raf = 0;
      u.destroy();
      this.plot = null;
    };
  }
}
