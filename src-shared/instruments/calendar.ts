// Exchange calendars (issue 13): each one is a rule "trading day L → its open intervals in exchange-local
// wall-clock time"; a small engine turns that into isOpen / tradingDay / openMs / nextOpen in UTC epoch ms.
// Local days are cut into (start, end, label) segments once and cached, so a per-bar call is a zone lookup
// (cached per 15 minutes in time.ts) plus a scan of two or three segments.
import { civilFromDays, daysFromCivil, zone, type Zone } from '../time.ts';
import { easterSunday, eurexClosed, usHolidaysOf, weekday } from './holidays.ts';
import type { CalendarId, TradingCalendar } from './types.ts';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** local ms of day `d` at hh:mm */
const at = (d: number, h: number, m = 0) => d * DAY + h * HOUR + m * MIN;

/** Open intervals of trading day `label` as flat [start, end, start, end …] local ms, ascending; [] = no session. */
type SessionRule = (label: number) => number[];

/** How far to look for the next session (the longest closure we model is a long weekend plus holidays). */
const SEARCH_DAYS = 16;

class RuleCalendar implements TradingCalendar {
  readonly id: CalendarId;
  readonly #zone: Zone;
  readonly #rule: SessionRule;
  /** a session labelled L starts at most this many days before L */
  readonly #reach: number;
  readonly #days = new Map<number, number[]>();
  #lastDay = Number.NaN;
  #lastSegs: number[] = [];

  constructor(id: CalendarId, tz: string, rule: SessionRule, reach: number) {
    this.id = id;
    this.#zone = zone(tz);
    this.#rule = rule;
    this.#reach = reach;
  }

  /** Segments of local day `day` as flat [start, end, label …] local ms, sorted by start. */
  #segments(day: number): number[] {
    if (day === this.#lastDay) return this.#lastSegs;
    let segs = this.#days.get(day);
    if (!segs) {
      const triples: [number, number, number][] = [];
      const lo = day * DAY, hi = lo + DAY;
      // A session ends on the day it is labelled with, so only labels day … day+reach can touch this day.
      for (let label = day; label <= day + this.#reach; label++) {
        const s = this.#rule(label);
        for (let i = 0; i < s.length; i += 2) {
          const a = Math.max(s[i]!, lo), b = Math.min(s[i + 1]!, hi);
          if (a < b) triples.push([a, b, label]);
        }
      }
      triples.sort((x, y) => x[0] - y[0]);
      segs = triples.flat();
      this.#days.set(day, segs);
    }
    this.#lastDay = day;
    this.#lastSegs = segs;
    return segs;
  }

  isOpen(t: number): boolean {
    const local = this.#zone.toLocal(t);
    const s = this.#segments(Math.floor(local / DAY));
    for (let i = 0; i < s.length; i += 3) if (local >= s[i]! && local < s[i + 1]!) return true;
    return false;
  }

  /** The first segment ending after local time `local`: [start, end, label] or undefined. */
  #nextSegment(local: number): [number, number, number] | undefined {
    const day = Math.floor(local / DAY);
    for (let d = day; d <= day + SEARCH_DAYS; d++) {
      const s = this.#segments(d);
      for (let i = 0; i < s.length; i += 3) if (local < s[i + 1]!) return [s[i]!, s[i + 1]!, s[i + 2]!];
    }
    return undefined;
  }

  tradingDay(t: number): number {
    const local = this.#zone.toLocal(t);
    const seg = this.#nextSegment(local);
    return seg ? seg[2] : Math.floor(local / DAY) + 1;
  }

  nextOpen(t: number): number {
    const local = this.#zone.toLocal(t);
    const seg = this.#nextSegment(local);
    if (!seg) return Number.POSITIVE_INFINITY;
    return local >= seg[0] ? t : this.#zone.toUtc(seg[0]);
  }

  openMs(from: number, to: number): number {
    if (!(to > from)) return 0;
    const first = Math.floor(this.#zone.toLocal(from) / DAY) - 1;
    const last = Math.floor(this.#zone.toLocal(to) / DAY) + 1;
    let sum = 0;
    for (let d = first; d <= last; d++) {
      const s = this.#segments(d);
      for (let i = 0; i < s.length; i += 3) {
        const a = Math.max(this.#zone.toUtc(s[i]!), from), b = Math.min(this.#zone.toUtc(s[i + 1]!), to);
        if (b > a) sum += b - a;
      }
    }
    return sum;
  }
}

const isWeekend = (d: number) => { const w = weekday(d); return w === 0 || w === 6; };
/** the weekday before d (Friday for a Monday) */
const prevWeekday = (d: number) => (weekday(d) === 1 ? d - 3 : d - 1);
const cmeHalted = (d: number) => usHolidaysOf(d).cmeHalt.has(d);
const cmeShut = (d: number) => isWeekend(d) || usHolidaysOf(d).cmeClosed.has(d) || cmeHalted(d);

// CME equity-index hours by era (CME Globex notices):
// - until trade date 2012-11-16: a trade date began at 15:30 CT the day before (maintenance 16:30–17:00), ended 15:15 CT;
// - from trade date 2012-11-19: 17:00 → 16:15 CT with a 15:15–15:30 halt (the LEAN ES 2013 files show exactly this);
// - from trade date 2021-06-28 (notice 20210621): 17:00 → 16:00 CT continuous.
const ES_2012 = daysFromCivil(2012, 11, 19);
const ES_2021 = daysFromCivil(2021, 6, 28);

/**
 * CME Globex (America/Chicago). Sunday 17:00 CT opens Monday's trading day. Holidays (CME holiday calendar):
 * - New Year, Good Friday, Christmas: no session.
 * - MLK, Presidents, Memorial, Juneteenth, July 4, Labor, Thanksgiving: the session opened the evening before halts
 *   early and its trades count for the next trading day (as CME and vendors date them), which reopens 17:00 CT.
 *   The halt is 12:00 CT for equity index and rates, 13:30 for energy/metals (AlgoSpace CL bars), 16:00 for FX
 *   (the 6EH4 file trades until 16:00 CT on MLK 2024). cme-globex keeps the latest, 16:00, so it over-counts the others.
 *   Before ~2014 the equity halt came at 10:30 CT; we keep 12:00 (over-counts 90 minutes on those days).
 * - Early closes: equity 12:15 CT on the NYSE early-close days (day after Thanksgiving, Christmas Eve, July 3);
 *   cme-globex 12:45 CT on Christmas Eve and 13:45 CT on the day after Thanksgiving (CL's last 30-minute bar starts
 *   12:30 in 2020–23 and 13:30 in 2024; FX and rates close ~12:15, over-counted).
 */
function cmeRule(equity: boolean): SessionRule {
  return (L) => {
    if (equity && isPayrollGoodFriday(L)) return [at(L - 1, 17), at(L, 8, 15)];
    if (cmeShut(L)) return [];
    const out: number[] = [];
    // Halted holiday sessions right before L belong to L.
    const halted: number[] = [];
    for (let h = prevWeekday(L); cmeHalted(h); h = prevWeekday(h)) halted.unshift(h);
    for (const h of halted) out.push(at(h - 1, 17), equity ? at(h, 12) : at(h, 16));
    const early = usHolidaysOf(L).early.has(L);
    const prev = L - 1;
    if (!equity) {
      const close = !early || isJuly3(L) ? at(L, 16) : afterThanksgiving(L) ? at(L, 13, 45) : at(L, 12, 45);
      out.push(at(prev, 17), close);
      return out;
    }
    if (early) { out.push(at(prev, 17), at(L, 12, 15)); return out; }
    if (L >= ES_2021) out.push(at(prev, 17), at(L, 16));
    else if (L >= ES_2012) out.push(at(prev, 17), at(L, 15, 15), at(L, 15, 30), at(L, 16, 15));
    else {
      // The old trade date opened 15:30 CT after an ordinary previous day (not after a weekend, holiday or early close).
      const p = prevWeekday(L);
      if (p === prev && !cmeShut(p) && !usHolidaysOf(p).early.has(p)) out.push(at(prev, 15, 30), at(prev, 16, 30));
      out.push(at(prev, 17), at(L, 15, 15));
    }
    return out;
  };
}
const isJuly3 = (d: number) => { const c = civilFromDays(d); return c.m === 7 && c.d === 3; };
const afterThanksgiving = (d: number) => { const c = civilFromDays(d); return c.m === 11 && usHolidaysOf(d - 1).cmeHalt.has(d - 1); };
/**
 * Good Friday on the first Friday of a month is a US payroll day: CME equity index futures then trade Thursday 17:00 →
 * Friday 08:15 CT for that Friday (AlgoSpace NQ bars on 2021-04-02 and 2023-04-07; also 2015, 2026). We take the
 * first Friday as the payroll day, which is the BLS's usual date, not a rule it always keeps.
 */
const isPayrollGoodFriday = (d: number) => { const c = civilFromDays(d); return c.d <= 7 && d === easterSunday(c.y) - 2; };

/**
 * CBOT grains (America/Chicago, CME contract specs for ZC/ZS/ZW): Sun–Fri 19:00–07:45 and 08:30–13:20 CT (hours since
 * 2013-04-08; the day close was 13:15 until 2015, not modelled). Closed on every US exchange holiday; the day after
 * Thanksgiving and the other early-close days end 12:05 CT, and no night session precedes the day after Thanksgiving.
 */
const grainsRule: SessionRule = (L) => {
  const hol = usHolidaysOf(L);
  if (isWeekend(L) || hol.closed.has(L) || hol.cmeClosed.has(L) || hol.cmeHalt.has(L)) return [];
  const early = hol.early.has(L);
  const night = afterThanksgiving(L) ? [] : [at(L - 1, 19), at(L, 7, 45)];
  return [...night, at(L, 8, 30), early ? at(L, 12, 5) : at(L, 13, 20)];
};

// Eurex T7 (eurex.com trading hours; circular 088/18): FESX, FDAX, FDXM, FGBL trade 01:10–22:00 CET/CEST since
// 2018-12-10 (extended hours for the Asian time zone); before that 08:00–22:00.
const EUREX_ASIA = daysFromCivil(2018, 12, 10);
const eurexRule: SessionRule = (L) =>
  isWeekend(L) || eurexClosed(L) ? [] : L >= EUREX_ASIA ? [at(L, 1, 10), at(L, 22)] : [at(L, 8), at(L, 22)];

/**
 * US equities (America/New_York): extended hours 04:00–20:00 ET count as open (regular session 09:30–16:00);
 * NYSE holidays closed; on early-close days (13:00 ET) the extended session ends at 17:00 ET.
 */
const usEquityRule: SessionRule = (L) => {
  const hol = usHolidaysOf(L);
  if (isWeekend(L) || hol.closed.has(L)) return [];
  return [at(L, 4), hol.early.has(L) ? at(L, 17) : at(L, 20)];
};

/**
 * Spot FX (America/New_York): Sunday 17:00 ET → Friday 17:00 ET; the day rolls at 17:00 ET (New York close).
 * Simplification: the trading days labelled Dec 25 and Jan 1 do not exist (liquidity providers stop then);
 * other bank holidays trade thinly and are counted open.
 */
const fxRule: SessionRule = (L) => {
  if (isWeekend(L)) return [];
  const { m, d } = civilFromDays(L);
  if ((m === 12 && d === 25) || (m === 1 && d === 1)) return [];
  return [at(L - 1, 17), at(L, 17)];
};

/** Crypto: always open; the trading day is the UTC date. */
const cryptoRule: SessionRule = (L) => [L * DAY, (L + 1) * DAY];

const BUILDERS: Record<CalendarId, () => TradingCalendar> = {
  'cme-globex': () => new RuleCalendar('cme-globex', 'America/Chicago', cmeRule(false), 5),
  'cme-equity': () => new RuleCalendar('cme-equity', 'America/Chicago', cmeRule(true), 5),
  'cme-grains': () => new RuleCalendar('cme-grains', 'America/Chicago', grainsRule, 1),
  'eurex': () => new RuleCalendar('eurex', 'Europe/Berlin', eurexRule, 0),
  'us-equity': () => new RuleCalendar('us-equity', 'America/New_York', usEquityRule, 0),
  'fx-24x5': () => new RuleCalendar('fx-24x5', 'America/New_York', fxRule, 1),
  'crypto-24x7': () => new RuleCalendar('crypto-24x7', 'UTC', cryptoRule, 0),
};

const calendars = new Map<CalendarId, TradingCalendar>();

/** The shared (cached) calendar of an id. */
export function calendarFor(id: CalendarId): TradingCalendar {
  let c = calendars.get(id);
  if (!c) {
    c = BUILDERS[id]();
    calendars.set(id, c);
  }
  return c;
}
