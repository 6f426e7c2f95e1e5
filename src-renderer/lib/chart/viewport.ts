// The visible window of bar indexes: default view, clamping, wheel zoom around the cursor,
// drag to pan, and following the right edge while bars stream in.
import type uPlot from 'uplot';

export const RIGHT_PAD = 4; // empty bars right of the last one
const MIN_BARS = 10;
const CANDLE_PX = 9; // default spacing of a fresh view

/**
 * Keep a window of bar indexes sensible: at least MIN_BARS wide, at most the data (or a default
 * screen, whichever is wider), and the data never panned more than half a screen out of view.
 * With fewer bars than a screen holds, they sit at the right (as a replay grows them).
 */
export function clampWindow(n: number, min: number, max: number, screenBars = 0): [number, number] {
  const maxW = Math.max(MIN_BARS, n + RIGHT_PAD + 20, screenBars);
  const w = Math.min(Math.max(max - min, MIN_BARS), maxW);
  let lo = min;
  let hi = lo + w;
  const hiLimit = Math.max(n - 1, 0) + w * 0.5;
  const loLimit = Math.min(-w * 0.5, Math.max(n - 1, 0) + RIGHT_PAD - w);
  if (hi > hiLimit) { hi = hiLimit; lo = hi - w; }
  if (lo < loLimit) { lo = loLimit; hi = lo + w; }
  return [lo, hi];
}

export function setWindow(u: uPlot, min: number, max: number): void {
  const [lo, hi] = clampWindow(u.data[0].length, min, max, screenBars(u));
  u.setScale('x', { min: lo, max: hi });
}

const screenBars = (u: uPlot) => Math.floor(u.bbox.width / devicePixelRatio / CANDLE_PX);

/**
 * Zooming out never leaves empty space on one side while bars are hidden on the other: the window
 * shifts onto the data, so once it all fits the latest bars stay at the right edge.
 */
export function fillWindow(n: number, lo: number, hi: number): [number, number] {
  const last = Math.max(n - 1, 0) + RIGHT_PAD;
  let d = 0;
  if (lo < 0 && hi < last) d = Math.min(-lo, last - hi);
  else if (hi > last && lo > 0) d = -Math.min(hi - last, lo);
  return [lo + d, hi + d];
}

/** The last bars, about CANDLE_PX apart. */
export function latestWindow(n: number, plotWidthCss: number): [number, number] {
  const bars = Math.max(MIN_BARS, Math.floor(plotWidthCss / CANDLE_PX));
  const hi = Math.max(n - 1, 0) + RIGHT_PAD;
  return [hi - bars, hi];
}

/** True when the last bar is on screen near the right edge (the view follows new bars). */
export function atRightEdge(u: uPlot, nBefore: number): boolean {
  const max = u.scales.x!.max ?? 0;
  return max >= nBefore - 1 - 0.5;
}

/** Wheel zoom around the cursor, drag to pan, double-click to return to the latest bars. */
export function panZoomPlugin(): uPlot.Plugin {
  return {
    hooks: {
      ready: [
        (u) => {
          const over = u.over;
          over.style.cursor = 'crosshair';
          over.addEventListener('wheel', (e) => {
            e.preventDefault();
            const min = u.scales.x!.min ?? 0;
            const max = u.scales.x!.max ?? 1;
            const rect = over.getBoundingClientRect();
            const at = u.posToVal(e.clientX - rect.left, 'x');
            const k = Math.exp(Math.sign(e.deltaY) * Math.min(Math.abs(e.deltaY), 200) / 600);
            const n = u.data[0].length;
            const [lo, hi] = clampWindow(n, at - (at - min) * k, at + (max - at) * k, screenBars(u));
            if (k > 1) setWindow(u, ...fillWindow(n, lo, hi));
            else setWindow(u, lo, hi);
          }, { passive: false });

          over.addEventListener('mousedown', (e) => {
            if (e.button !== 0) return;
            e.preventDefault();
            const x0 = e.clientX;
            const min0 = u.scales.x!.min ?? 0;
            const max0 = u.scales.x!.max ?? 1;
            const perPx = (max0 - min0) / (u.bbox.width / devicePixelRatio);
            over.style.cursor = 'grabbing';
            const move = (ev: MouseEvent) => {
              const d = (ev.clientX - x0) * perPx;
              setWindow(u, min0 - d, max0 - d);
            };
            const up = () => {
              over.style.cursor = 'crosshair';
              window.removeEventListener('mousemove', move);
              window.removeEventListener('mouseup', up);
            };
            window.addEventListener('mousemove', move);
            window.addEventListener('mouseup', up);
          });

          over.addEventListener('dblclick', () => {
            const [lo, hi] = latestWindow(u.data[0].length, u.bbox.width / devicePixelRatio);
            setWindow(u, lo, hi);
          });
        },
      ],
    },
  };
}

/** cursor.move: snap the crosshair to the nearest bar's centre. */
export const snapToBar: uPlot.Cursor.MousePosRefiner = (u, left, top) => {
  const n = u.data[0].length;
  if (n === 0 || left < 0) return [left, top];
  const i = Math.max(0, Math.min(n - 1, Math.round(u.posToVal(left, 'x'))));
  return [u.valToPos(i, 'x'), top];
};
