// Calendar cases worked out by hand from the exchanges' published hours (UTC offsets: CST −6, CDT −5, EST −5,
// EDT −4, CET +1, CEST +2). Days are whole days since 1970-01-01.
import { describe, expect, it } from 'vitest';
import { calendarFor } from '../../../../src-shared/instruments/calendar.ts';
import { CALENDAR_IDS } from '../../../../src-shared/instruments/types.ts';
import { daysFromCivil } from '../../../../src-shared/time.ts';

const Z = (iso: string) => Date.parse(`${iso}Z`);
const D = (y: number, m: number, d: number) => daysFromCivil(y, m, d);
const HOUR = 3_600_000;

describe('cme-equity / cme-globex', () => {
  const eq = calendarFor('cme-equity');
  const gx = calendarFor('cme-globex');

  it('the Sunday 17:00 CT open belongs to Monday', () => {
    expect(eq.isOpen(Z('2024-01-07T22:59:59'))).toBe(false); // Sun 16:59:59 CST
    expect(eq.isOpen(Z('2024-01-07T23:00:00'))).toBe(true); // Sun 17:00 CST
    expect(eq.tradingDay(Z('2024-01-07T23:00:00'))).toBe(D(2024, 1, 8));
    // DST started that Sunday (2024-03-10): 17:00 CDT is 22:00 UTC.
    expect(gx.isOpen(Z('2024-03-10T21:59:00'))).toBe(false);
    expect(gx.isOpen(Z('2024-03-10T22:00:00'))).toBe(true);
    expect(gx.tradingDay(Z('2024-03-10T22:00:00'))).toBe(D(2024, 3, 11));
  });

  it('the daily break 16:00–17:00 CT is closed and rolls the trading day', () => {
    expect(eq.isOpen(Z('2024-01-09T21:59:00'))).toBe(true); // Tue 15:59 CST
    expect(eq.tradingDay(Z('2024-01-09T21:59:00'))).toBe(D(2024, 1, 9));
    expect(eq.isOpen(Z('2024-01-09T22:30:00'))).toBe(false); // Tue 16:30 CST
    expect(eq.tradingDay(Z('2024-01-09T22:30:00'))).toBe(D(2024, 1, 10)); // closed: the next session's day
    expect(eq.nextOpen(Z('2024-01-09T22:30:00'))).toBe(Z('2024-01-09T23:00:00'));
    expect(eq.nextOpen(Z('2024-01-09T20:00:00'))).toBe(Z('2024-01-09T20:00:00')); // open: itself
  });

  it('models the equity-index eras: 15:30 new trade date before 2012-11-19, 15:15–15:30 halt until 2021-06-28', () => {
    // 2010: Monday 15:45 CDT trades for Tuesday; 16:30–17:00 maintenance.
    expect(eq.isOpen(Z('2010-06-07T20:45:00'))).toBe(true);
    expect(eq.tradingDay(Z('2010-06-07T20:45:00'))).toBe(D(2010, 6, 8));
    expect(eq.isOpen(Z('2010-06-07T21:45:00'))).toBe(false);
    // 2013: a day is 17:00 → 16:15 minus the 15-minute halt = 23 h.
    expect(eq.openMs(Z('2013-10-07T22:00:00'), Z('2013-10-08T22:00:00'))).toBe(23 * HOUR);
    // Friday 2021-06-25 15:20 CDT halted; Monday 2021-06-28 15:20 CDT trading, 16:00 CDT closed.
    expect(eq.isOpen(Z('2021-06-25T20:20:00'))).toBe(false);
    expect(eq.isOpen(Z('2021-06-28T20:20:00'))).toBe(true);
    expect(eq.isOpen(Z('2021-06-28T21:00:00'))).toBe(false);
  });

  it('a regular week is 5 × 23 h and a weekend has no open time', () => {
    expect(gx.openMs(Z('2024-01-21T00:00:00'), Z('2024-01-27T00:00:00'))).toBe(115 * HOUR);
    expect(gx.openMs(Z('2024-01-05T22:00:00'), Z('2024-01-07T23:00:00'))).toBe(0); // Fri 16:00 → Sun 17:00 CST
    expect(gx.nextOpen(Z('2024-01-06T12:00:00'))).toBe(Z('2024-01-07T23:00:00'));
  });

  it('Good Friday 2024 is closed: Thursday ends 16:00 CDT, Sunday 17:00 opens Monday', () => {
    expect(eq.isOpen(Z('2024-03-28T22:00:00'))).toBe(false); // Thu 17:00 CDT: no session for Friday
    expect(eq.isOpen(Z('2024-03-29T15:00:00'))).toBe(false);
    expect(eq.tradingDay(Z('2024-03-29T15:00:00'))).toBe(D(2024, 4, 1));
    expect(eq.nextOpen(Z('2024-03-28T21:00:00'))).toBe(Z('2024-03-31T22:00:00'));
  });

  it('Thanksgiving 2023: halt 12:00 CST, that session counts for Friday, Friday closes 12:15 CST', () => {
    expect(eq.isOpen(Z('2023-11-23T17:59:00'))).toBe(true); // Thu 11:59 CST
    expect(eq.isOpen(Z('2023-11-23T18:00:00'))).toBe(false); // Thu 12:00 CST
    expect(eq.tradingDay(Z('2023-11-23T15:00:00'))).toBe(D(2023, 11, 24));
    expect(eq.tradingDay(Z('2023-11-23T23:00:00'))).toBe(D(2023, 11, 24)); // Thu 17:00 CST reopen
    expect(eq.isOpen(Z('2023-11-24T18:14:00'))).toBe(true); // Fri 12:14 CST
    expect(eq.isOpen(Z('2023-11-24T18:15:00'))).toBe(false);
    expect(eq.tradingDay(Z('2023-11-24T19:00:00'))).toBe(D(2023, 11, 27));
  });

  it('payroll Good Fridays trade until 08:15 CT; Christmas on Saturday 2021 closes Friday; Dec 31 2021 is a full day', () => {
    expect(eq.isOpen(Z('2021-04-01T22:00:00'))).toBe(true); // Thu 17:00 CDT
    expect(eq.tradingDay(Z('2021-04-01T22:00:00'))).toBe(D(2021, 4, 2));
    expect(eq.isOpen(Z('2021-04-02T13:14:00'))).toBe(true); // Fri 08:14 CDT
    expect(eq.isOpen(Z('2021-04-02T13:15:00'))).toBe(false);
    expect(gx.isOpen(Z('2021-04-02T12:00:00'))).toBe(false); // energy/metals stay shut
    expect(eq.isOpen(Z('2021-12-24T15:00:00'))).toBe(false);
    expect(eq.isOpen(Z('2021-12-31T21:59:00'))).toBe(true); // 15:59 CST
  });

  it('a Friday halt holiday (Juneteenth 2026) folds into Monday; Christmas Day 2023 is closed', () => {
    expect(eq.tradingDay(Z('2026-06-19T15:00:00'))).toBe(D(2026, 6, 22));
    expect(eq.isOpen(Z('2026-06-19T17:00:00'))).toBe(false); // 12:00 CDT
    expect(eq.isOpen(Z('2023-12-24T23:00:00'))).toBe(false); // Sun 17:00 CST: no session for Dec 25
    expect(eq.isOpen(Z('2023-12-25T23:00:00'))).toBe(true); // Mon 17:00 CST opens Dec 26
    expect(eq.tradingDay(Z('2023-12-25T23:00:00'))).toBe(D(2023, 12, 26));
  });
});

describe('cme-grains', () => {
  const gr = calendarFor('cme-grains');
  it('trades 19:00–07:45 and 08:30–13:20 CT', () => {
    expect(gr.isOpen(Z('2024-01-09T13:50:00'))).toBe(false); // Tue 07:50 CST
    expect(gr.isOpen(Z('2024-01-09T14:30:00'))).toBe(true); // 08:30
    expect(gr.isOpen(Z('2024-01-09T19:19:00'))).toBe(true); // 13:19
    expect(gr.isOpen(Z('2024-01-09T19:20:00'))).toBe(false); // 13:20
    expect(gr.tradingDay(Z('2024-01-10T01:00:00'))).toBe(D(2024, 1, 10)); // Tue 19:00 CST
    // 12 h 45 m + 4 h 50 m a day
    expect(gr.openMs(Z('2024-01-09T19:20:00'), Z('2024-01-10T19:20:00'))).toBe(17 * HOUR + 35 * 60_000);
  });
  it('is closed all day on MLK 2024', () => {
    expect(gr.isOpen(Z('2024-01-15T15:00:00'))).toBe(false);
    expect(gr.tradingDay(Z('2024-01-15T15:00:00'))).toBe(D(2024, 1, 16));
  });
});

describe('us-equity', () => {
  const us = calendarFor('us-equity');
  it('NYSE 2026-01-19 (MLK) is closed; Tuesday opens 04:00 EST', () => {
    expect(us.isOpen(Z('2026-01-19T15:00:00'))).toBe(false);
    expect(us.tradingDay(Z('2026-01-19T15:00:00'))).toBe(D(2026, 1, 20));
    expect(us.nextOpen(Z('2026-01-19T15:00:00'))).toBe(Z('2026-01-20T09:00:00'));
  });
  it('extended hours 04:00–20:00 follow New York DST', () => {
    expect(us.isOpen(Z('2024-03-11T07:59:00'))).toBe(false); // Mon 03:59 EDT
    expect(us.isOpen(Z('2024-03-11T08:00:00'))).toBe(true); // 04:00 EDT
    expect(us.isOpen(Z('2024-03-08T08:30:00'))).toBe(false); // Fri before: 03:30 EST
    expect(us.isOpen(Z('2024-11-04T08:59:00'))).toBe(false); // Mon after fall-back: 03:59 EST
    expect(us.isOpen(Z('2024-11-04T09:00:00'))).toBe(true);
    expect(us.openMs(Z('2024-11-04T05:00:00'), Z('2024-11-05T05:00:00'))).toBe(16 * HOUR); // one New York day
  });
  it('Good Friday 2024 closed; the day after Thanksgiving 2023 ends 17:00 ET', () => {
    expect(us.isOpen(Z('2024-03-29T14:00:00'))).toBe(false);
    expect(us.isOpen(Z('2023-11-24T21:59:00'))).toBe(true); // 16:59 EST
    expect(us.isOpen(Z('2023-11-24T22:00:00'))).toBe(false);
  });
});

describe('eurex', () => {
  const ex = calendarFor('eurex');
  it('01:10–22:00 Berlin time since 2018-12-10, 08:00–22:00 before', () => {
    expect(ex.isOpen(Z('2024-03-25T00:09:00'))).toBe(false); // 01:09 CET
    expect(ex.isOpen(Z('2024-03-25T00:10:00'))).toBe(true);
    expect(ex.isOpen(Z('2024-03-25T20:59:00'))).toBe(true); // 21:59 CET
    expect(ex.isOpen(Z('2024-03-25T21:00:00'))).toBe(false);
    expect(ex.tradingDay(Z('2024-04-01T23:10:00'))).toBe(D(2024, 4, 2)); // 01:10 CEST Tuesday
    expect(ex.isOpen(Z('2017-06-01T05:00:00'))).toBe(false); // 07:00 CEST
    expect(ex.isOpen(Z('2017-06-01T06:00:00'))).toBe(true); // 08:00 CEST
  });
  it('Good Friday, Easter Monday and Christmas Eve are closed', () => {
    expect(ex.isOpen(Z('2024-03-29T10:00:00'))).toBe(false);
    expect(ex.isOpen(Z('2024-04-01T10:00:00'))).toBe(false);
    expect(ex.isOpen(Z('2024-12-24T10:00:00'))).toBe(false);
    expect(ex.tradingDay(Z('2024-12-24T10:00:00'))).toBe(D(2024, 12, 27));
  });
});

describe('fx-24x5 and crypto-24x7', () => {
  const fx = calendarFor('fx-24x5');
  const cr = calendarFor('crypto-24x7');
  it('FX runs Sunday 17:00 → Friday 17:00 New York time and rolls the day at 17:00', () => {
    expect(fx.isOpen(Z('2024-01-05T21:59:00'))).toBe(true); // Fri 16:59 EST
    expect(fx.isOpen(Z('2024-01-05T22:00:00'))).toBe(false);
    expect(fx.openMs(Z('2024-01-05T22:00:00'), Z('2024-01-07T22:00:00'))).toBe(0);
    expect(fx.tradingDay(Z('2024-01-07T22:00:00'))).toBe(D(2024, 1, 8)); // Sun 17:00 EST
    expect(fx.tradingDay(Z('2024-01-10T21:59:00'))).toBe(D(2024, 1, 10));
    expect(fx.tradingDay(Z('2024-01-10T22:00:00'))).toBe(D(2024, 1, 11));
    expect(fx.isOpen(Z('2023-12-25T12:00:00'))).toBe(false); // the Dec 25 trading day is skipped
    expect(fx.tradingDay(Z('2023-12-25T12:00:00'))).toBe(D(2023, 12, 26));
  });
  it('crypto is always open and its day turns at 00:00 UTC', () => {
    expect(cr.isOpen(Z('2024-06-15T03:00:00'))).toBe(true);
    expect(cr.tradingDay(Z('2023-12-31T23:59:59.999'))).toBe(D(2023, 12, 31));
    expect(cr.tradingDay(Z('2024-01-01T00:00:00'))).toBe(D(2024, 1, 1));
    expect(cr.openMs(Z('2024-01-01T00:00:00'), Z('2024-01-08T00:00:00'))).toBe(7 * 24 * HOUR);
  });
});

describe('calendarFor', () => {
  it('builds every id once and is fast enough to call per bar', () => {
    for (const id of CALENDAR_IDS) {
      expect(calendarFor(id).id).toBe(id);
      expect(calendarFor(id)).toBe(calendarFor(id));
    }
    const eq = calendarFor('cme-equity');
    const t0 = Z('2022-01-02T00:00:00');
    const started = performance.now();
    let open = 0;
    for (let i = 0; i < 525_600; i++) { // one year of minute bars
      const t = t0 + i * 60_000;
      if (eq.isOpen(t)) open++;
      eq.tradingDay(t);
    }
    expect(open).toBeGreaterThan(300_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
