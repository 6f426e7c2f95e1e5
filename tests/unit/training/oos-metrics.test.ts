// Out-of-sample scores against independent computations: AUC by counting every pair, Brier skill
// and log-loss by hand, calibration bins that cover every forecast once.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src-main/engine/indicators/prng.ts';
import { auc, aucCi, brierSkill, calibration, logLoss, type Forecast } from '../../../src-main/engine/training/oos-metrics.ts';
import { oosScores } from '../../../src-main/engine/training/oos-scores.ts';

function bruteAuc(f: readonly Forecast[]): number {
  let s = 0, pairs = 0;
  for (const a of f) for (const b of f) {
    if (a.y !== 1 || b.y !== 0) continue;
    pairs++;
    s += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
  }
  return s / pairs;
}

function forecasts(n: number, seed: number, grid = 0): Forecast[] {
  const u = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const raw = u();
    const p = grid ? Math.round(raw * grid) / grid : raw; // a coarse grid makes ties
    return { p, y: u() < 0.3 + 0.4 * p ? 1 : 0, ref: 0.5 } as Forecast;
  });
}

describe('AUC', () => {
  it('equals the pairwise count, with and without ties', () => {
    for (const [seed, grid] of [[1, 0], [2, 5], [3, 20]] as const) {
      const f = forecasts(150, seed, grid);
      expect(auc(f)).toBeCloseTo(bruteAuc(f), 12);
    }
  });
  it('1 when every positive is above every negative, NaN with one class', () => {
    expect(auc([{ p: 0.9, y: 1, ref: 0.5 }, { p: 0.1, y: 0, ref: 0.5 }])).toBe(1);
    expect(auc([{ p: 0.9, y: 1, ref: 0.5 }, { p: 0.1, y: 1, ref: 0.5 }])).toBeNaN();
  });
  it('its interval contains the point value and is the same every time', () => {
    const f = forecasts(200, 4);
    const ci = aucCi(f)!;
    expect(ci[0]).toBeLessThanOrEqual(auc(f));
    expect(ci[1]).toBeGreaterThanOrEqual(auc(f));
    expect(aucCi(f)).toEqual(ci);
  });
});

describe('Brier skill and log-loss', () => {
  const f: Forecast[] = [
    { p: 0.8, y: 1, ref: 0.4 }, { p: 0.3, y: 0, ref: 0.4 }, { p: 0.6, y: 0, ref: 0.4 }, { p: 0.5, y: 1, ref: 0.4 },
  ];
  it('Brier skill = 1 − Σ(p−y)² / Σ(ref−y)²', () => {
    // Σ(p−y)² = 0.04 + 0.09 + 0.36 + 0.25 = 0.74; Σ(ref−y)² = 0.36 + 0.16 + 0.16 + 0.36 = 1.04
    expect(brierSkill(f)).toBeCloseTo(1 - 0.74 / 1.04, 12);
    expect(brierSkill(f.map((x) => ({ ...x, p: x.ref })))).toBeCloseTo(0, 12);
  });
  it('log-loss = mean of −ln p (y = 1) or −ln(1 − p) (y = 0)', () => {
    const hand = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.4) + Math.log(0.5)) / 4;
    expect(logLoss(f)).toBeCloseTo(hand, 12);
  });
});

describe('calibration and the card scores', () => {
  it('equal-count bins cover every forecast once, in p order, with their hit rates', () => {
    const f = forecasts(237, 5, 50);
    const bins = calibration(f);
    expect(bins.reduce((a, b) => a + b.n, 0)).toBe(f.length);
    for (let k = 1; k < bins.length; k++) expect(bins[k]!.p_lo).toBeGreaterThan(bins[k - 1]!.p_hi);
    const hits = bins.reduce((a, b) => a + b.hit_rate * b.n, 0);
    expect(hits).toBeCloseTo(f.filter((x) => x.y === 1).length, 9);
  });
  it('expectancy of the selected, of all, and their difference', () => {
    const s = oosScores([
      { p: 0.7, y: 1, ref: 0.5, r: 1.5, selected: true }, { p: 0.6, y: 0, ref: 0.5, r: -1, selected: true },
      { p: 0.2, y: 0, ref: 0.5, r: -1, selected: false }, { p: 0.3, y: 1, ref: 0.5, r: 1.5, selected: false },
    ]);
    expect(s.n).toBe(4);
    expect(s.positives).toBe(2);
    expect(s.selected).toBe(2);
    expect(s.selected_expectancy_r).toBeCloseTo(0.25, 9);
    expect(s.take_all_expectancy_r).toBeCloseTo(0.25, 9);
    expect(s.value_added_r).toBeCloseTo(0, 9);
    expect(s.auc).toBeCloseTo(0.75, 9);
  });
});
