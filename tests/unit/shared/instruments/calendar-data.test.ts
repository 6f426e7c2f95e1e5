// The calendars against real bars (shared/data, see PROVENANCE.md): every bar of a file must fall in open hours
// of its market's calendar. Files are parsed here with plain code, independent of the app's importers.
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zipEntries, zipRead } from '../../../../src-main/engine/feed/zip.ts';
import { calendarFor } from '../../../../src-shared/instruments/calendar.ts';
import type { CalendarId } from '../../../../src-shared/instruments/types.ts';
import { daysFromCivil, localMs, zone } from '../../../../src-shared/time.ts';

const DATA = '/work/shared/data';
const MIN = 60_000;

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` wall-clock time in `tz` → UTC ms */
function stamp(s: string, tz: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)/.exec(s)!;
  const local = localMs(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return zone(tz).toUtc(local);
}

/** First column of each data row of a CSV text with a header. */
function firstColumn(text: string): string[] {
  return text.split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(/[,;]/)[0]!);
}

/** Bars outside open hours; `end` = stamps are bar ends, so the minute tested is the one before the stamp. */
function closedBars(cal: CalendarId, stamps: number[], end: boolean): number[] {
  const c = calendarFor(cal);
  return stamps.filter((t) => !c.isOpen(end ? t - MIN : t));
}

const day = (y: number, m: number, d: number) => daysFromCivil(y, m, d);

describe('calendars hold every bar of real data files', () => {
  it('LEAN ES minute trades 2013 (UTC, ms since UTC midnight, bar start): all in cme-equity hours', () => {
    const dir = `${DATA}/lean/future/cme/minute/es/`;
    const stamps: number[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith('_trade.zip'))) {
      const [y, mo, d] = [+f.slice(0, 4), +f.slice(4, 6), +f.slice(6, 8)];
      const buf = readFileSync(dir + f);
      for (const e of zipEntries(buf)) {
        for (const line of zipRead(buf, e).toString('utf8').split(/\r?\n/)) {
          if (line) stamps.push(day(y, mo, d) * 86_400_000 + Number(line.split(',')[0]));
        }
      }
    }
    expect(stamps.length).toBe(22_246); // sum of the trade-zip row counts in MANIFEST.csv
    expect(closedBars('cme-equity', stamps, false)).toEqual([]);
    // The 2013 era: 15:15–15:30 CT halt, close 16:15 CT. 2013-10-07 20:20 UTC = 15:20 CDT is closed.
    expect(calendarFor('cme-equity').isOpen(Date.UTC(2013, 9, 7, 20, 20))).toBe(false);
    expect(calendarFor('cme-equity').isOpen(Date.UTC(2013, 9, 7, 21, 0))).toBe(true); // 16:00 CDT
  });

  it('FirstRate NQ 1-minute 2023-11 (New York time, bar start, Thanksgiving inside): all in cme-equity hours', () => {
    const text = readFileSync(`${DATA}/firstratedata/nq_futures_2023-11/NQ_1min_sample.csv`, 'utf8');
    const stamps = firstColumn(text).map((s) => stamp(s, 'America/New_York'));
    expect(stamps.length).toBe(14_714);
    expect(closedBars('cme-equity', stamps, false)).toEqual([]);
    // The trading days the calendar gives the bars are the vendor's daily bars (Thanksgiving folded into Nov 24).
    const cal = calendarFor('cme-equity');
    const days = [...new Set(stamps.map((t) => cal.tradingDay(t)))];
    const daily = firstColumn(readFileSync(`${DATA}/firstratedata/nq_futures_2023-11/NQ_1day_sample.csv`, 'utf8'))
      .map((s) => { const [y, m, d] = s.split('-').map(Number); return day(y!, m!, d!); });
    expect(days).toEqual(daily);
  });

  // The SPY sample starts 2026-01-26, after MLK day (2026-01-19): calendar.test.ts checks that closure by hand.
  it('FirstRate SPY 1-minute 2026-01/02 (New York time, bar start, 04:00–20:00): all in us-equity hours', () => {
    const text = readFileSync(`${DATA}/firstratedata/spy_etf_2026-01/SPY_1min_sample.csv`, 'utf8');
    const stamps = firstColumn(text).map((s) => stamp(s, 'America/New_York'));
    expect(stamps.length).toBe(10_220);
    expect(closedBars('us-equity', stamps, false)).toEqual([]);
    // Its trading days are the vendor's daily bars.
    const cal = calendarFor('us-equity');
    const days = [...new Set(stamps.map((t) => cal.tradingDay(t)))];
    const daily = firstColumn(readFileSync(`${DATA}/firstratedata/spy_etf_2026-01/SPY_1day_sample.csv`, 'utf8'))
      .map((s) => { const [y, m, d] = s.split('-').map(Number); return day(y!, m!, d!); });
    expect(days).toEqual(daily);
  });

  it('nautilus 6EH4 1-minute 2024-01 (UTC, bar END stamps, New Year and MLK inside): all in cme-globex hours', () => {
    const text = gunzipSync(readFileSync(`${DATA}/nautilus_trader/xcme/6EH4.XCME_1min_bars_20240101_20240131.csv.gz`)).toString('utf8');
    const stamps = firstColumn(text).map((s) => stamp(s, 'UTC'));
    expect(stamps.length).toBe(29_996);
    expect(closedBars('cme-globex', stamps, true)).toEqual([]);
    // Read as bar-start stamps, the 22:00 UTC bars (16:00 CST, the daily close) would be outside: the END reading is the right one.
    expect(closedBars('cme-globex', stamps, false).length).toBeGreaterThan(0);
  });

  it('nautilus BTC perpetual 1-minute 2021-12/2022-01 (UTC, 24/7): all in crypto-24x7 hours', () => {
    const text = readFileSync(`${DATA}/nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv`, 'utf8');
    const stamps = firstColumn(text).map((s) => stamp(s, 'UTC'));
    expect(stamps.length).toBe(45_031);
    expect(closedBars('crypto-24x7', stamps, true)).toEqual([]);
    const c = calendarFor('crypto-24x7');
    expect(c.openMs(stamps[0]! - MIN, stamps.at(-1)!)).toBe(45_031 * MIN); // contiguous, no gaps
  });

  it('AlgoSpace NQ and CL 30-minute 2020-06..2025-07 (Asia/Jerusalem, bar start, day-first dates): all open', () => {
    // Five years of holidays, early closes, payroll Good Fridays and the 2021-06-28 equity hours change.
    const parse = (f: string) => readFileSync(`${DATA}/algospace/${f}`, 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => {
      const m = /^(\d+)\/(\d+)\/(\d+) (\d+):(\d+)/.exec(l)!;
      return zone('Asia/Jerusalem').toUtc(localMs(+m[3]!, +m[2]!, +m[1]!, +m[4]!, +m[5]!));
    });
    const nq = parse('NQ - 30 min - ETH.csv');
    const cl = parse('@CL - 30 min - ETH.csv');
    expect([nq.length, cl.length]).toEqual([56_083, 59_217]);
    expect(closedBars('cme-equity', nq, false)).toEqual([]);
    expect(closedBars('cme-globex', cl, false)).toEqual([]);
  });

  it('FX quotes on New Year evenings (TrueFX USDJPY 2013, HistData EURUSD 2020): all in fx-24x5 hours, none before 17:00 ET', () => {
    // The Jan 1 trading day is skipped; the Jan 2 day opens Jan 1 17:00 ET, when these quotes start.
    const truefx = firstColumn(readFileSync(`${DATA}/nautilus_trader/truefx/usdjpy-ticks.csv`, 'utf8')).map((s) => stamp(s, 'UTC'));
    // HistData stamps are EST without DST ("yyyyMMdd HHmmssfff"); in January that is New York time.
    const histdata = readFileSync(`${DATA}/nautilus_trader/misc/quote_tick_data.csv`, 'utf8').split(/\r?\n/).filter(Boolean).map((l) => {
      const m = /^(\d{4})(\d\d)(\d\d) (\d\d)(\d\d)(\d\d)(\d{3})/.exec(l)!;
      return localMs(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!) + 5 * 3_600_000;
    });
    expect([truefx.length, histdata.length]).toEqual([1_000, 9_500]);
    expect(closedBars('fx-24x5', truefx, false)).toEqual([]);
    expect(closedBars('fx-24x5', histdata, false)).toEqual([]);
    expect(calendarFor('fx-24x5').tradingDay(histdata[0]!)).toBe(day(2020, 1, 2));
  });

  it('FirstRate SPX index 1-minute 2023-03 (New York time, regular hours only): all in us-equity hours', () => {
    const text = readFileSync(`${DATA}/firstratedata/spx_index_2023-03/SPX_1min.txt_sample.txt`, 'utf8');
    const stamps = text.split(/\r?\n/).filter(Boolean).map((l) => stamp(l.split(',')[0]!, 'America/New_York'));
    expect(stamps.length).toBe(4_753);
    expect(closedBars('us-equity', stamps, false)).toEqual([]);
  });
});
