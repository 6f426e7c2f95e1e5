// Where a market time falls on the chart: the index of the bar that contains it.
import { lowerBound } from '../search.ts';

/** Index of the last bar starting at or before `t` (−1 when `t` is before the first bar). */
export function barAt(times: ArrayLike<number>, t: number, n = times.length): number {
  return lowerBound(times, t + 1, n) - 1;
}

/**
 * The bar a marker belongs to. Synergies and decisions carry the close time of the bar that made
 * them (its end), fills the start of the bar they filled in.
 */
export function markerBar(times: ArrayLike<number>, kind: 'synergy' | 'decision' | 'fill', t: number, n = times.length): number {
  return barAt(times, kind === 'fill' ? t : t - 1, n);
}
