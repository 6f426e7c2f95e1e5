// uPlot's linear scales as canvas px = a + b·value, for draw hooks that place thousands of points
// per frame (valToPos per point costs a call and its scale lookups). Candles, lines and overlays share it.
import type uPlot from 'uplot';

/** A linear scale as canvas px = a + b·value (uPlot's valToPos, without a call per point). */
export interface Lin { a: number; b: number }

export function linX(u: uPlot): Lin {
  const { left, width } = u.bbox;
  const min = u.scales.x!.min ?? 0, max = u.scales.x!.max ?? 1;
  const k = width / (max - min || 1);
  return { a: left - min * k, b: k };
}

export function linY(u: uPlot, scale: string): Lin {
  const { top, height } = u.bbox;
  const min = u.scales[scale]!.min ?? 0, max = u.scales[scale]!.max ?? 1;
  const k = height / (max - min || 1);
  return { a: top + height + min * k, b: -k };
}
