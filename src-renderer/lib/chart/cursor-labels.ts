// Crosshair tags on the axes: the price under the cursor on the price axis (not over the volume
// histogram) and the bar's start time on the time axis, as two small elements over the plot.
import type uPlot from 'uplot';
import { VOLUME_SHARE } from './theme.ts';

export interface CursorLabelSource {
  price(v: number): string;
  /** the label of bar `idx` (its start in the exchange zone) */
  time(idx: number): string;
}

const STYLE = 'position:absolute;z-index:3;pointer-events:none;display:none;white-space:nowrap;'
  + 'font:11px system-ui,sans-serif;font-variant-numeric:tabular-nums;padding:1px 5px;border-radius:2px;'
  + 'background:#30363d;color:#e6edf3;border:1px solid #6e7681;';

function tag(u: uPlot, testId: string): HTMLDivElement {
  const el = document.createElement('div');
  el.dataset.testid = testId;
  el.style.cssText = STYLE;
  u.root.querySelector('.u-wrap')!.appendChild(el);
  return el;
}

export function cursorLabelsPlugin(src: CursorLabelSource): uPlot.Plugin {
  let priceTag: HTMLDivElement;
  let timeTag: HTMLDivElement;
  return {
    hooks: {
      init: [(u) => { priceTag = tag(u, 'cursor-price'); timeTag = tag(u, 'cursor-time'); }],
      setCursor: [(u) => {
        const { left, top, idx } = u.cursor;
        const over = u.over;
        const inPlot = left != null && top != null && left >= 0 && top >= 0;
        const priceH = over.clientHeight * (1 - VOLUME_SHARE);
        priceTag.style.display = inPlot && top! <= priceH ? 'block' : 'none';
        timeTag.style.display = inPlot && idx != null ? 'block' : 'none';
        if (priceTag.style.display === 'block') {
          priceTag.textContent = src.price(u.posToVal(top!, 'y'));
          priceTag.style.left = `${over.offsetLeft + over.clientWidth + 1}px`;
          priceTag.style.top = `${over.offsetTop + top! - priceTag.offsetHeight / 2}px`;
        }
        if (timeTag.style.display === 'block') {
          timeTag.textContent = src.time(idx!);
          const w = timeTag.offsetWidth;
          const x = Math.min(Math.max(over.offsetLeft + left! - w / 2, 0), over.offsetLeft + over.clientWidth - w);
          timeTag.style.left = `${x}px`;
          timeTag.style.top = `${over.offsetTop + over.clientHeight + 2}px`;
        }
      }],
    },
  };
}
