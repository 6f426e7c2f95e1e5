// Daily returns, Sharpe and Sortino, checked against the textbook formulas written another way (sums of
// squares instead of deviations), and the trading day taken from the instrument's calendar.
import { describe, expect, it } from 'vitest';
import { dailyCloses, dailyRatios, dayOf } from '../../../../src-main/engine/report/daily.ts';
import { calendarFor } from '../../../../src-shared/instruments.ts';

/** Sharpe and Sortino by sums: var = (Σr² − n·m²)/(n − 1), downside² = Σ_{r<0} r² / n. */
function reference(start: number, closes: number[]): { sharpe: number; sortino: number } {
  const eq = [start, ...closes];
  const r: number[] = [];
  for (let i = 1; i < eq.length; i++) r.push((eq[i]! - eq[i - 1]!) / eq[i - 1]!);
  const n = r.length;
  let s = 0, s2 = 0, d2 = 0;
  for (const x of r) { s += x; s2 += x * x; if (x < 0) d2 += x * x; }
  const m = s / n;
  return { sharpe: (m / Math.sqrt((s2 - n * m * m) / (n - 1))) * Math.sqrt(252), sortino: (m / Math.sqrt(d2 / n)) * Math.sqrt(252) };
}

describe('dailyRatios', () => {
  it('matches the formulas on a few days (first return against the start equity)', () => {
    const closes = [100_500, 100_200, 101_000, 100_100, 100_900, 101_300];
    const got = dailyRatios(100_000, closes), want = reference(100_000, closes);
    expect(got.days).toBe(6);
    expect(got.returns[0]).toBeCloseTo(0.005, 15);
    expect(got.sharpe).toBeCloseTo(want.sharpe, 10);
    expect(got.sortino).toBeCloseTo(want.sortino, 10);
    expect(got.notes).toEqual([]);
  });

  it('null with a note: one day, no spread, no losing day', () => {
    const one = dailyRatios(100, [101]);
    expect([one.sharpe, one.sortino]).toEqual([null, null]);
    expect(one.notes.join()).toMatch(/at least 2 trading days/);
    const flat = dailyRatios(100, [100, 100, 100]);
    expect([flat.sharpe, flat.sortino]).toEqual([null, null]);
    expect(flat.notes.join()).toMatch(/do not vary/);
    const up = dailyRatios(100, [101, 103, 104]);
    expect(up.sharpe).not.toBeNull();
    expect(up.sortino).toBeNull();
    expect(up.notes.join()).toMatch(/no day lost money/);
  });
});

describe('dailyCloses', () => {
  const H = 3_600_000;
  const mon = Date.UTC(2023, 10, 6); // Monday 2023-11-06
  it('takes the last equity of each trading day of the calendar (CME rolls at 17:00 Chicago)', () => {
    // 14:00 and 15:00 CST are Monday's session; 17:30 CST (23:30 UTC, still Monday in UTC) is Tuesday's
    const t = [mon + 20 * H, mon + 21 * H, mon + 23.5 * H, mon + 24 * H + 15 * H];
    const day = dayOf(calendarFor('cme-equity'), 'America/Chicago');
    expect(dailyCloses(t, [1, 2, 3, 4], day)).toEqual([2, 4]);
  });
  it('without a calendar: the date in the exchange zone', () => {
    // 03:00 UTC Tuesday is still Monday in New York
    const t = [mon + 15 * H, mon + 27 * H, mon + 40 * H];
    expect(dailyCloses(t, [1, 2, 3], dayOf(null, 'America/New_York'))).toEqual([2, 3]);
    expect(dailyCloses(t, [1, 2, 3], dayOf(null, 'UTC'))).toEqual([1, 3]);
  });
});
