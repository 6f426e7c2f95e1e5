// Session breaks of the synergy detector come from the instrument's calendar (SPEC §4.2 rule 6, issue
// 13): a step bar starts a session when its trading day differs from the previous step bar's. The
// expected breaks are read off the exchange hours by hand (CME equity: 17:00 → 16:00 CT, in February
// CT = UTC−6; crypto: the UTC date), not from the calendar under test.
import { describe, it, expect, vi } from 'vitest';
import { IndicatorPipeline } from '../../../src-main/engine/pipeline.ts';
import type { SynergyStepInput } from '../../../src-main/engine/synergy/detector.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { calendarFor } from '../../../src-shared/instruments/calendar.ts';
import type { TradingCalendar } from '../../../src-shared/instruments/types.ts';
import type { Bar } from '../../../src-shared/domain/bars.ts';

const ct = (y: number, mo: number, d: number, h: number, mi = 0): number => Date.UTC(y, mo - 1, d, h + 6, mi);
const bar = (t: number): Bar => ({ t, o: 100, h: 101, l: 99, c: 100.5, v: 10 });

/** The sessionStart flag the detector got at each step. */
function breaks(times: number[], calendar: TradingCalendar | null, mode: '5m' | '30m' = '5m'): boolean[] {
  const p = new IndicatorPipeline({ config: DEFAULT_CONFIG, exchangeTz: 'America/Chicago', tickSize: 0.25, mode, calendar });
  const got: boolean[] = [];
  const step = p.synergy.step.bind(p.synergy);
  vi.spyOn(p.synergy, 'step').mockImplementation((i: SynergyStepInput) => { got.push(i.sessionStart); return step(i); });
  for (const t of times) if (mode === '5m') p.push5m(bar(t)); else p.push30m(bar(t));
  return got;
}

const CME = calendarFor('cme-equity');

describe('IndicatorPipeline session breaks from the calendar', () => {
  it('CME: the first bar after the 16:00–17:00 CT halt starts a session; the first bar of all does too', () => {
    const ts = [ct(2024, 2, 6, 15, 50), ct(2024, 2, 6, 15, 55), ct(2024, 2, 6, 17, 0), ct(2024, 2, 6, 17, 5)];
    expect(breaks(ts, CME)).toEqual([true, false, true, false]);
  });

  it('CME: a 45-minute data gap inside the session is no break (the old 30-minute rule made one)', () => {
    const ts = [ct(2024, 2, 6, 10, 0), ct(2024, 2, 6, 10, 5), ct(2024, 2, 6, 10, 50), ct(2024, 2, 6, 10, 55)];
    expect(breaks(ts, CME)).toEqual([true, false, false, false]);
  });

  it('CME: Sunday 17:00 CT opens a new session after Friday; so does the evening session after a whole missing day', () => {
    const ts = [ct(2024, 2, 2, 15, 55), ct(2024, 2, 4, 17, 0), ct(2024, 2, 4, 17, 5), ct(2024, 2, 6, 17, 0)];
    expect(breaks(ts, CME)).toEqual([true, true, false, true]);
  });

  it('crypto: sessions roll at 00:00 UTC, with no gap at all in the data', () => {
    const t0 = Date.UTC(2024, 1, 3, 23, 50);
    const ts = [0, 1, 2, 3, 4].map((k) => t0 + k * 300_000); // 23:50 … 00:10
    expect(breaks(ts, calendarFor('crypto-24x7'))).toEqual([true, false, true, false, false]);
  });

  it("'30m' mode: the same rule on 30m step bars", () => {
    const ts = [ct(2024, 2, 6, 15, 0), ct(2024, 2, 6, 15, 30), ct(2024, 2, 6, 17, 0), ct(2024, 2, 6, 17, 30)];
    expect(breaks(ts, CME, '30m')).toEqual([true, false, true, false]);
  });

  it('without a calendar (unknown instrument, bars only) a gap over 30 minutes breaks, as the drivers state', () => {
    // gaps from each bar's end to the next start: weekend; 0; 17:10 → 17:40 = 30 min (not over); 17:45 → 18:25 = 40 min
    const ts = [ct(2024, 2, 2, 15, 55), ct(2024, 2, 4, 17, 0), ct(2024, 2, 4, 17, 5), ct(2024, 2, 4, 17, 40), ct(2024, 2, 4, 18, 25)];
    expect(breaks(ts, null)).toEqual([true, true, false, false, true]);
  });
});
