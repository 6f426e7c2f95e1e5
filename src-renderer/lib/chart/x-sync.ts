// Keeps the x window (bar indexes) of the price chart and its indicator panels equal: a zoom or
// pan in any of them moves the others. Cursor sync is uPlot's own (`cursor.sync.key`).
import type uPlot from 'uplot';

export const CURSOR_SYNC_KEY = 'algospace-x';

export class XSync {
  #plots = new Set<uPlot>();
  #busy = false;
  #range: [number, number] | null = null;

  /** The last window set on any member. */
  get range(): [number, number] | null { return this.#range; }

  add(u: uPlot): () => void {
    this.#plots.add(u);
    if (this.#range) u.setScale('x', { min: this.#range[0], max: this.#range[1] });
    return () => this.#plots.delete(u);
  }

  plugin(): uPlot.Plugin {
    return {
      hooks: {
        setScale: [(u, key) => {
          if (key !== 'x' || this.#busy) return;
          const { min, max } = u.scales.x!;
          if (min == null || max == null) return;
          this.#range = [min, max];
          this.#busy = true;
          try {
            for (const p of this.#plots) {
              if (p !== u && (p.scales.x!.min !== min || p.scales.x!.max !== max)) p.setScale('x', { min, max });
            }
          } finally {
            this.#busy = false;
          }
        }],
      },
    };
  }
}
