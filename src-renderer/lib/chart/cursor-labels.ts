// Crosshair tags on the axes: the price under the cursor on the price axis (not over the volume
// histogram) and the bar's start time on the time axis, as two small elements over the plot.
import type uPlot from 'uplot';
import { VOLUME_SHARE } from './theme.ts';

export interface CursorLabelSource {
  price(v: number): string;
  /** the label of bar `idx` (its start in the exchange zone) */
  time(idx: number): string;
}

const STYLE = 'position:absolute;left:0;top:0;z-index:3;pointer-events:none;display:none;white-space:nowrap;'
  + 'font:11px system-ui,sans-serif;font-variant-numeric:tabular-nums;padding:1px 5px;border-radius:2px;'
  + 'background:#30363d;color:#e6edf3;border:1px solid #6e7681;';

function tag(u: uPlot, testId: string): HTMLDivElement {
  const el = document.createElement('div');
  el.dataset.testid = testId;
  el.style.cssText = STYLE;
  u.root.querySelector('.u-wrap')!.appendChild(el);
  return el;
}

/**
 * Called on every cursor move (each frame of a drag): the plot's box comes from uPlot's bbox and a
 * tag's size is measured once per text length (the labels have fixed formats), so nothing here
 * reads layout — a read after the read-outs' writes would lay the page out again, every frame — and
 * the tags move by transforms.
 */
/** Text changed only when it differs (a new text node is laid out again). */
function text(el: HTMLElement, t: string): void {
  if (el.textContent !== t) el.textContent = t;
}

/** Moved by a transform: no layout, only the compositor. */
function place(el: HTMLElement, x: number, y: number): void {
  el.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
}

export function cursorLabelsPlugin(src: CursorLabelSource): uPlot.Plugin {
  let priceTag: HTMLDivElement;
  let timeTag: HTMLDivElement;
  const shown = { price: false, time: false };
  const sizes = new Map<string, number>();
  /** the tag's offsetWidth / offsetHeight, measured the first time a text of this length shows */
  const size = (el: HTMLElement, dim: 'w' | 'h') => {
    const key = `${el.dataset.testid}:${dim}:${el.textContent!.length}`;
    let v = sizes.get(key);
    if (v === undefined) { v = dim === 'w' ? el.offsetWidth : el.offsetHeight; sizes.set(key, v); }
    return v;
  };
  const show = (el: HTMLElement, which: 'price' | 'time', on: boolean) => {
    if (shown[which] !== on) { el.style.display = on ? 'block' : 'none'; shown[which] = on; }
  };
  return {
    hooks: {
      init: [(u) => { priceTag = tag(u, 'cursor-price'); timeTag = tag(u, 'cursor-time'); }],
      setSize: [() => sizes.clear()],
      setCursor: [(u) => {
        const { left, top, idx } = u.cursor;
        const dpr = devicePixelRatio;
        const ox = u.bbox.left / dpr, oy = u.bbox.top / dpr, ow = u.bbox.width / dpr, oh = u.bbox.height / dpr;
        const inPlot = left != null && top != null && left >= 0 && top >= 0;
        show(priceTag, 'price', inPlot && top! <= oh * (1 - VOLUME_SHARE));
        show(timeTag, 'time', inPlot && idx != null);
        if (shown.price) {
          text(priceTag, src.price(u.posToVal(top!, 'y')));
          place(priceTag, ox + ow + 1, oy + top! - size(priceTag, 'h') / 2);
        }
        if (shown.time) {
          text(timeTag, src.time(idx!));
          const w = size(timeTag, 'w');
          place(timeTag, Math.min(Math.max(ox + left! - w / 2, 0), ox + ow - w), oy + oh + 2);
        }
      }],
    },
  };
}
