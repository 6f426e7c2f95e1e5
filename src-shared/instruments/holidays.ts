// Exchange holidays by rule (issue 13), as day numbers (days since 1970-01-01 of the exchange's local date).
// Generated, not typed in: the rules below are the exchanges' published rules, checked against their
// holiday lists; one-off closures are listed with their cause. Valid for 2000–2035 (earlier years use
// the same rules, which is wrong for MLK day before 1998 and harmless for this app's data).
import { civilFromDays, daysFromCivil } from '../time.ts';

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekday = (day: number): number => ((day % 7) + 11) % 7;

const date = (y: number, m: number, d: number) => daysFromCivil(y, m, d);

/** Easter Sunday (Gregorian computus, "Anonymous Gregorian algorithm" / Meeus). */
export function easterSunday(y: number): number {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dom = ((h + l - 7 * m + 114) % 31) + 1;
  return date(y, month, dom);
}

/** The n-th (1-based) weekday `wd` of a month; n = -1 for the last one. */
export function nthWeekday(y: number, m: number, wd: number, n: number): number {
  if (n > 0) {
    const first = date(y, m, 1);
    return first + ((wd - weekday(first) + 7) % 7) + 7 * (n - 1);
  }
  const end = (m === 12 ? date(y + 1, 1, 1) : date(y, m + 1, 1)) - 1;
  return end - ((weekday(end) - wd + 7) % 7);
}

/** US federal observance: a Saturday holiday is kept on Friday, a Sunday one on Monday. */
export function observed(day: number): number {
  const w = weekday(day);
  return w === 6 ? day - 1 : w === 0 ? day + 1 : day;
}

export interface UsHolidays {
  /** NYSE closed all day */
  closed: Set<number>;
  /** NYSE closes 13:00 ET (day after Thanksgiving, Christmas Eve, July 3 when they are ordinary weekdays) */
  early: Set<number>;
  /** the holidays CME Globex keeps open until a midday halt (MLK, Presidents, Memorial, Juneteenth, July 4, Labor, Thanksgiving) */
  cmeHalt: Set<number>;
  /** CME Globex closed all day: New Year's Day, Good Friday, Christmas (Sunday dates move to Monday) */
  cmeClosed: Set<number>;
}

/** One-off NYSE closures (NYSE notices): 9/11, Reagan's funeral, Ford's funeral, Hurricane Sandy, G.H.W. Bush's funeral, Carter's funeral. */
const NYSE_SPECIAL: readonly [number, number, number][] = [
  [2001, 9, 11], [2001, 9, 12], [2001, 9, 13], [2001, 9, 14], [2004, 6, 11], [2007, 1, 2],
  [2012, 10, 29], [2012, 10, 30], [2018, 12, 5], [2025, 1, 9],
];

const cache = new Map<number, UsHolidays>();

/**
 * US exchange holidays of year y. NYSE Rule 7.2: Saturday holidays close the Friday before, Sunday ones the Monday
 * after, except New Year's Day on a Saturday (no closure on Dec 31). Juneteenth from 2022.
 * CME (cmegroup.com holiday calendar): New Year, Good Friday and Christmas close Globex for the day, with the same
 * weekend moves as NYSE (AlgoSpace NQ/CL bars: nothing on Fri 2021-12-24, a full day on Fri 2021-12-31).
 * calendar.ts adds the abbreviated Good Friday equity session of payroll Fridays. One-off CME halts are not modelled.
 */
export function usHolidays(y: number): UsHolidays {
  const hit = cache.get(y);
  if (hit) return hit;
  const closed = new Set<number>(), early = new Set<number>(), cmeHalt = new Set<number>(), cmeClosed = new Set<number>();
  const goodFriday = easterSunday(y) - 2;
  const jan1 = date(y, 1, 1), xmas = date(y, 12, 25), july4 = date(y, 7, 4);
  const halts = [nthWeekday(y, 1, 1, 3), nthWeekday(y, 2, 1, 3), nthWeekday(y, 5, 1, -1), observed(july4),
    nthWeekday(y, 9, 1, 1), nthWeekday(y, 11, 4, 4)];
  if (y >= 2022) halts.push(observed(date(y, 6, 19)));
  for (const d of halts) { closed.add(d); cmeHalt.add(d); }
  for (const d of [jan1, xmas]) {
    if (weekday(d) !== 6) { closed.add(observed(d)); cmeClosed.add(observed(d)); }
  }
  if (weekday(xmas) === 6) { closed.add(xmas - 1); cmeClosed.add(xmas - 1); }
  closed.add(goodFriday); cmeClosed.add(goodFriday);
  for (const [yy, m, d] of NYSE_SPECIAL) if (yy === y) closed.add(date(yy, m, d));
  const thanksgiving = nthWeekday(y, 11, 4, 4);
  for (const d of [thanksgiving + 1, xmas - 1, july4 - 1]) {
    const w = weekday(d);
    if (w >= 1 && w <= 5 && !closed.has(d)) early.add(d);
  }
  const out = { closed, early, cmeHalt, cmeClosed };
  cache.set(y, out);
  return out;
}

/** US holidays for the year holding day number `day`. */
export const usHolidaysOf = (day: number): UsHolidays => usHolidays(civilFromDays(day).y);

/**
 * Eurex trading holidays (eurex.com "Trading calendar": no trading on New Year's Day, Good Friday, Easter Monday,
 * Labour Day, Christmas Eve, Christmas Day, Boxing Day and New Year's Eve). Weekend dates simply fall away.
 */
export function eurexClosed(day: number): boolean {
  const { y, m, d } = civilFromDays(day);
  if ((m === 1 && d === 1) || (m === 5 && d === 1) || (m === 12 && (d === 24 || d === 25 || d === 26 || d === 31))) return true;
  const easter = easterSunday(y);
  return day === easter - 2 || day === easter + 1;
}
