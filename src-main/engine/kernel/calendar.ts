// The instrument's exchange calendar for the kernel and the replay clock (issue 13): session breaks,
// the trading day and the closed hours a replay skips all come from it.
import type { CalendarId, TradingCalendar } from '../../../src-shared/instruments/types.ts';
import { calendarFor } from '../../../src-shared/instruments/calendar.ts';

/**
 * The calendar a spec names. A spec without one (the bar basis of a file of an unknown instrument, a
 * row stored before issue 13) gets none: the stream is then one session and the replay skips only
 * idle gaps.
 */
export function calendarOf(spec: { calendar?: CalendarId }): TradingCalendar | null {
  return spec.calendar ? calendarFor(spec.calendar) : null;
}
