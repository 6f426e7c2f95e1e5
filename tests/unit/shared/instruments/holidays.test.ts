// Holiday rules against the exchanges' published lists (NYSE holiday pages for 2021–2025, Eurex trading calendar 2024).
import { describe, expect, it } from 'vitest';
import { easterSunday, eurexClosed, nthWeekday, usHolidays, weekday } from '../../../../src-shared/instruments/holidays.ts';
import { civilFromDays, daysFromCivil } from '../../../../src-shared/time.ts';

const iso = (d: number) => { const c = civilFromDays(d); return `${c.y}-${String(c.m).padStart(2, '0')}-${String(c.d).padStart(2, '0')}`; };
const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b).map(iso);

describe('date rules', () => {
  it('weekday and nth weekday', () => {
    expect(weekday(0)).toBe(4); // 1970-01-01 was a Thursday
    expect(weekday(daysFromCivil(2024, 3, 10))).toBe(0);
    expect(iso(nthWeekday(2024, 11, 4, 4))).toBe('2024-11-28'); // Thanksgiving
    expect(iso(nthWeekday(2024, 5, 1, -1))).toBe('2024-05-27'); // Memorial Day
    expect(iso(nthWeekday(2021, 12, 5, -1))).toBe('2021-12-31');
  });
  it('Easter Sunday by the computus', () => {
    const known = { 2000: '2000-04-23', 2008: '2008-03-23', 2011: '2011-04-24', 2016: '2016-03-27', 2019: '2019-04-21', 2024: '2024-03-31', 2025: '2025-04-20', 2035: '2035-03-25' };
    for (const [y, d] of Object.entries(known)) expect(iso(easterSunday(Number(y)))).toBe(d);
  });
});

describe('NYSE', () => {
  it('full closures match the published lists', () => {
    expect(sorted(usHolidays(2024).closed)).toEqual(['2024-01-01', '2024-01-15', '2024-02-19', '2024-03-29', '2024-05-27',
      '2024-06-19', '2024-07-04', '2024-09-02', '2024-11-28', '2024-12-25']);
    // New Year 2022 fell on a Saturday: no closure on 2021-12-31; Christmas 2021 (Saturday) was kept on Friday the 24th.
    expect(sorted(usHolidays(2022).closed)).toEqual(['2022-01-17', '2022-02-21', '2022-04-15', '2022-05-30', '2022-06-20',
      '2022-07-04', '2022-09-05', '2022-11-24', '2022-12-26']);
    expect(sorted(usHolidays(2021).closed)).toEqual(['2021-01-01', '2021-01-18', '2021-02-15', '2021-04-02', '2021-05-31',
      '2021-07-05', '2021-09-06', '2021-11-25', '2021-12-24']);
    // 2025 includes the National Day of Mourning for President Carter.
    expect(sorted(usHolidays(2025).closed)).toEqual(['2025-01-01', '2025-01-09', '2025-01-20', '2025-02-17', '2025-04-18',
      '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25']);
    expect(usHolidays(2012).closed.has(daysFromCivil(2012, 10, 29))).toBe(true); // Hurricane Sandy
  });
  it('early closes (13:00 ET)', () => {
    expect(sorted(usHolidays(2024).early)).toEqual(['2024-07-03', '2024-11-29', '2024-12-24']);
    expect(sorted(usHolidays(2023).early)).toEqual(['2023-07-03', '2023-11-24']); // Dec 24 2023 was a Sunday
    expect(sorted(usHolidays(2025).early)).toEqual(['2025-07-03', '2025-11-28', '2025-12-24']);
  });
  it('CME: New Year, Good Friday, Christmas closed; the others halt', () => {
    expect(sorted(usHolidays(2021).cmeClosed)).toEqual(['2021-01-01', '2021-04-02', '2021-12-24']);
    expect(sorted(usHolidays(2023).cmeClosed)).toEqual(['2023-01-02', '2023-04-07', '2023-12-25']);
    expect(sorted(usHolidays(2023).cmeHalt)).toEqual(['2023-01-16', '2023-02-20', '2023-05-29', '2023-06-19', '2023-07-04',
      '2023-09-04', '2023-11-23']);
  });
});

describe('Eurex', () => {
  it('2024 trading holidays on weekdays', () => {
    const closed: string[] = [];
    for (let d = daysFromCivil(2024, 1, 1); d <= daysFromCivil(2024, 12, 31); d++) {
      if (weekday(d) !== 0 && weekday(d) !== 6 && eurexClosed(d)) closed.push(iso(d));
    }
    expect(closed).toEqual(['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-01', '2024-12-24', '2024-12-25', '2024-12-26', '2024-12-31']);
  });
});
