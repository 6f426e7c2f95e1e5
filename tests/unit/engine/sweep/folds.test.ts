// Fold windows: consecutive, covering the file's span, cut on step-bar boundaries.
import { describe, it, expect } from 'vitest';
import { foldWindows } from '../../../../src-main/engine/sweep/folds.ts';

const M5 = 5 * 60_000, M30 = 30 * 60_000;

describe('fold windows', () => {
  it('three folds of a 10-hour span at 5m steps', () => {
    const t0 = Date.UTC(2022, 0, 3, 0, 2); // 00:02: the first step bar starts at 00:00
    const t1 = Date.UTC(2022, 0, 3, 9, 59); // last row 09:59
    const w = foldWindows([t0, t1], 3, '5m');
    const a = Date.UTC(2022, 0, 3, 0, 0), b = t1 + 1;
    // cuts at a + round(k·(b−a)/3 / 5 min)·5 min: (b−a) = 600 min + 1 ms → 200 min, 400 min
    expect(w).toEqual([[a, a + 200 * 60_000], [a + 200 * 60_000, a + 400 * 60_000], [a + 400 * 60_000, b]]);
    for (const [from] of w.slice(1)) expect(from % M5).toBe(0);
  });

  it('30m cuts land on half hours', () => {
    const t0 = Date.UTC(2022, 0, 3, 0, 0), t1 = Date.UTC(2022, 0, 3, 23, 59);
    const w = foldWindows([t0, t1], 5, '30m');
    expect(w).toHaveLength(5);
    for (let k = 1; k < 5; k++) {
      expect(w[k]![0] % M30).toBe(0);
      expect(w[k]![0]).toBe(w[k - 1]![1]);
    }
    expect(w[0]![0]).toBe(t0);
    expect(w[4]![1]).toBe(t1 + 1);
  });
});
