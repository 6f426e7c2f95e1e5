// The CSV reader on the real fixture files. Expected values were read off the raw files by hand
// (head/tail/awk/grep) and converted to UTC by hand; counts match MANIFEST.csv.
import { describe, expect, it } from 'vitest';
import { data, iso, nonDecreasing, open, readAll } from './helpers.ts';

describe('AlgoSpace 30-minute files (day-first, mixed forms, Israeli time)', () => {
  it('NQ: count, first/last bar in UTC, short-form rows, DST switch', () => {
    const r = open(data('algospace/NQ - 30 min - ETH.csv'));
    expect(r.info.kind).toBe('bars');
    expect(r.info.barMinutes).toBe(30);
    expect(r.info.sourceTz).toBe('Asia/Jerusalem');
    expect(r.info.tzSource).toBe('format');
    expect(r.info.instrument?.symbol).toBe('NQ');
    expect(r.info.layout).toContain('day-first');
    const a = readAll(r);
    expect(a.n).toBe(56_083);
    expect(r.stats.rowsRead).toBe(56_083);
    expect(r.stats.rowsRejected).toBe(0);
    // 29/06/2020 01:00:00 IDT (UTC+3)
    expect(iso(a.t[0])).toBe('2020-06-28T22:00:00.000Z');
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[0]]).toEqual([9785.5, 9830, 9780.25, 9822.5, 5122]);
    // 2/7/2025 10:00 → 2 July 2025 (day-first), IDT
    expect(iso(a.t[a.n - 1])).toBe('2025-07-02T07:00:00.000Z');
    expect(a.c[a.n - 1]).toBe(22736);
    // line 93 `30/06/2020 23:30:00`, line 94 `1/7/2020 1:00` (short form) → data rows 91 and 92
    expect(iso(a.t[91])).toBe('2020-06-30T20:30:00.000Z');
    expect(iso(a.t[92])).toBe('2020-06-30T22:00:00.000Z');
    expect(a.o[92]).toBe(10141);
    // winter (IST, UTC+2): line 6416 `14/01/2021 01:00:00`
    expect(iso(a.t[6414])).toBe('2021-01-13T23:00:00.000Z');
    // Israel's DST starts Friday 2021-03-26 02:00: lines 8749 (01:30 IST) and 8750 (03:00 IDT) are 30 min apart in UTC
    expect(iso(a.t[8747])).toBe('2021-03-25T23:30:00.000Z');
    expect(iso(a.t[8748])).toBe('2021-03-26T00:00:00.000Z');
    // SPEC §1.1: day-first gives a strictly increasing series
    for (let i = 1; i < a.n; i++) if (!(a.t[i]! > a.t[i - 1]!)) throw new Error(`not increasing at row ${i}`);
  });

  it('CL: the Llow header typo maps to low; Israeli time by layout', () => {
    const r = open(data('algospace/@CL - 30 min - ETH.csv'));
    expect(r.info.layout).toContain('Llow');
    expect(r.info.sourceTz).toBe('Asia/Jerusalem');
    expect(r.info.instrument?.symbol).toBe('CL');
    const a = readAll(r);
    expect(a.n).toBe(59_217);
    expect(r.stats.rowsRejected).toBe(0);
    expect(iso(a.t[0])).toBe('2020-06-28T22:00:00.000Z');
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[0]]).toEqual([37.96, 38.12, 37.76, 37.97, 3949]);
    expect(iso(a.t[a.n - 1])).toBe('2025-07-02T07:30:00.000Z');
    expect(a.l[a.n - 1]).toBe(65.39);
    // line 39916 `13/11/2023 01:00:00` in IST (UTC+2)
    expect(iso(a.t[39_914])).toBe('2023-11-12T23:00:00.000Z');
  });
});

describe('FirstRate samples (US Eastern, bar start)', () => {
  it('NQ 1m with header, CRLF', () => {
    const r = open(data('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'));
    expect(r.info.barMinutes).toBe(1);
    expect(r.info.sourceTz).toBe('America/New_York');
    expect(r.info.tzSource).toBe('default');
    expect(r.info.instrument?.symbol).toBe('NQ');
    const a = readAll(r);
    expect(a.n).toBe(14_714);
    expect(iso(a.t[0])).toBe('2023-11-19T23:00:00.000Z'); // 18:00 EST
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[0]]).toEqual([15895, 15903.75, 15888, 15893.25, 571]);
    expect(iso(a.t[a.n - 1])).toBe('2023-12-04T21:59:00.000Z');
    expect(a.v[a.n - 1]).toBe(285);
    expect(nonDecreasing(a.t)).toBe(true);
  });

  it('NQ 30m and 5m bar periods', () => {
    expect(open(data('firstratedata/nq_futures_2023-11/NQ_30min_sample.csv')).info.barMinutes).toBe(30);
    expect(open(data('firstratedata/nq_futures_2023-11/NQ_5min_sample.csv')).info.barMinutes).toBe(5);
    expect(open(data('firstratedata/nq_futures_2023-11/NQ_1hour_sample.csv')).info.barMinutes).toBe(60);
  });

  it('SPY 1m (4-decimal prices, LF)', () => {
    const r = open(data('firstratedata/spy_etf_2026-01/SPY_1min_sample.csv'));
    expect(r.info.instrument?.symbol).toBe('SPY');
    const a = readAll(r);
    expect(a.n).toBe(10_220);
    expect(iso(a.t[0])).toBe('2026-01-26T09:00:00.000Z'); // 04:00 EST
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[0]]).toEqual([688.62, 689.44, 687.91, 689.32, 3664]);
    expect(iso(a.t[a.n - 1])).toBe('2026-02-10T00:59:00.000Z'); // 2026-02-09 19:59 EST
    expect(a.o[a.n - 1]).toBe(693.7123);
  });

  it('SPX 1m: no header, no volume column → volume 0; EDT after 12 March', () => {
    const r = open(data('firstratedata/spx_index_2023-03/SPX_1min.txt_sample.txt'));
    expect(r.info.kind).toBe('bars');
    expect(r.info.layout).toContain('no header');
    expect(r.info.layout).toContain('volume 0');
    const a = readAll(r);
    expect(a.n).toBe(4_753);
    expect(iso(a.t[0])).toBe('2023-03-16T13:30:00.000Z');
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[0]]).toEqual([3878.93, 3878.93, 3870.17, 3870.17, 0]);
    expect(iso(a.t[a.n - 1])).toBe('2023-03-31T20:05:00.000Z');
    expect(a.v.every((v) => v === 0)).toBe(true);
  });
});

describe('backtrader samples', () => {
  it('7-name header over 8-field rows: the unnamed time column is found', () => {
    const r = open(data('backtrader/2006-01-02-volume-min-001.txt'), { tz: 'Europe/Berlin' });
    expect(r.info.tzSource).toBe('given');
    expect(r.info.sourceTz).toBe('Europe/Berlin');
    expect(r.info.layout).toContain('unnamed time');
    expect(r.info.barMinutes).toBe(1);
    const a = readAll(r);
    expect(a.n).toBe(30_889);
    expect(r.stats.rowsRejected).toBe(0);
    // 2006-01-02,09:01:00,3602.00,3603.00,3597.00,3599.00,5699 (CET = UTC+1)
    expect(iso(a.t[0])).toBe('2006-01-02T08:01:00.000Z');
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[0]]).toEqual([3602, 3603, 3597, 3599, 5699]);
    expect(iso(a.t[a.n - 1])).toBe('2006-02-27T21:00:00.000Z');
    expect([a.c[a.n - 1], a.v[a.n - 1]]).toEqual([3838, 327]);
  });

  it('Date,Time columns (5-minute bars); default zone New York', () => {
    const r = open(data('backtrader/2006-min-005.txt'));
    expect(r.info.barMinutes).toBe(5);
    expect(r.info.tzSource).toBe('default');
    const a = readAll(r);
    expect(a.n).toBe(2_142);
    expect(iso(a.t[0])).toBe('2006-01-02T14:05:00.000Z');
    expect(iso(a.t[a.n - 1])).toBe('2006-01-30T22:30:00.000Z');
  });

  it('Yahoo daily with Adj Close before Volume picks Close and Volume by name', () => {
    const a = readAll(open(data('backtrader/nvda-2014.txt')));
    expect(a.n).toBe(252);
    // 2014-01-02,15.920000,15.980000,15.720000,15.860000,15.096152,6502300
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[0]]).toEqual([15.92, 15.98, 15.72, 15.86, 6_502_300]);
  });

  it('bidask.csv (bid/ask quotes) is refused with one clear problem', async () => {
    const { openFeed } = await import('../../../../src-main/engine/feed/index.ts');
    const r = openFeed(data('backtrader/bidask.csv'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe('unsupported-format');
      expect(r.problem.message).toContain('bidask.csv');
      expect(r.problem.got).toBe('TIMESTAMP,BID,ASK');
    }
  });
});

describe('nautilus_trader samples', () => {
  it('6EH4 semicolon file with timestamp_utc header', () => {
    const r = open(data('nautilus_trader/xcme/6EH4.XCME_1min_bars.csv'));
    expect(r.info.layout).toContain("sep ';'");
    expect(r.info.sourceTz).toBe('UTC');
    expect(r.info.tzSource).toBe('in-file');
    const a = readAll(r);
    expect(a.n).toBe(9);
    expect(iso(a.t[0])).toBe('2024-01-01T23:01:00.000Z');
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[0]]).toEqual([1.1076, 1.10785, 1.1076, 1.1078, 205]);
    expect(iso(a.t[8])).toBe('2024-01-01T23:09:00.000Z');
  });

  it('6EH4 gzip CSV is decompressed and read the same way', () => {
    const r = open(data('nautilus_trader/xcme/6EH4.XCME_1min_bars_20240101_20240131.csv.gz'));
    expect(r.info.format).toBe('csv.gz');
    const a = readAll(r);
    expect(a.n).toBe(29_996);
    expect(iso(a.t[0])).toBe('2024-01-01T23:01:00.000Z');
    expect(iso(a.t[a.n - 1])).toBe('2024-01-31T23:59:00.000Z');
  });

  it('Databento trades: ISO with ns fraction and Z; times equal ts_event_ns truncated to ms', async () => {
    const r = open(data('nautilus_trader/databento/derived/futures_trades_2024-07-01T23-58_2024-07-02T00-02.csv'));
    expect(r.info.kind).toBe('ticks');
    expect(r.info.tzSource).toBe('in-file');
    expect(r.info.sourceTz).toBe('UTC');
    expect(r.info.instrument?.symbol).toBe('ES'); // from the symbol column ESU4
    const a = readAll(r);
    expect(a.n).toBe(120);
    expect(iso(a.t[0])).toBe('2024-07-01T23:58:01.218Z');
    expect([a.price[0], a.size[0]]).toEqual([5528.75, 2]);
    expect([a.price[119], a.size[119]]).toEqual([5529.25, 1]);
    // independent check from the other stamp column: the first 13 digits of ts_event_ns are the ms
    const { readFileSync } = await import('node:fs');
    const rows = readFileSync(data('nautilus_trader/databento/derived/futures_trades_2024-07-01T23-58_2024-07-02T00-02.csv'), 'utf8')
      .trim().split('\n').slice(1);
    expect(a.t).toEqual(rows.map((l) => Number(l.slice(0, 13))));
  });

  it('Databento mbp-1: only action T rows are trades, identical to the trades file', () => {
    const mbp = readAll(open(data('nautilus_trader/databento/derived/futures_mbp-1_2024-07-01T23-58_2024-07-02T00-02.csv')));
    const trades = readAll(open(data('nautilus_trader/databento/derived/futures_trades_2024-07-01T23-58_2024-07-02T00-02.csv')));
    expect(mbp.n).toBe(120);
    expect(mbp.t).toEqual(trades.t);
    expect(mbp.price).toEqual(trades.price);
    expect(mbp.size).toEqual(trades.size);
  });

  it('Databento ohlcv with two interleaved symbols keeps one (ES by default, NQ when asked)', () => {
    const path = data('nautilus_trader/databento/derived/futures_ohlcv-1m_2024-07-01T23-40_2024-07-02T00-10.csv');
    const es = open(path);
    expect(es.info.layout).toContain('ESU4 only');
    const a = readAll(es);
    expect(a.n).toBe(30);
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[0]]).toEqual([5527.25, 5527.5, 5527, 5527.5, 180]);
    const nq = open(path, { instrument: 'NQ' });
    expect(nq.info.instrument?.symbol).toBe('NQ');
    const b = readAll(nq);
    expect(b.n).toBe(30);
    expect([b.o[0], b.h[0], b.l[0], b.c[0], b.v[0]]).toEqual([20014.25, 20016.25, 20013.5, 20016.25, 35]);
    expect(iso(b.t[0])).toBe('2024-07-01T23:40:00.000Z');
  });

  it('Tardis trades with epoch microseconds', () => {
    const r = open(data('nautilus_trader/tardis/bitmex_trades_XBTUSD.csv'));
    expect(r.info.layout).toContain('epoch µs');
    const a = readAll(r);
    expect(a.n).toBe(10);
    expect(iso(a.t[0])).toBe('2020-03-01T00:00:03.145Z');
    expect([a.price[0], a.size[0]]).toEqual([8531.5, 2152]);
  });

  it('Binance klines: headerless, 12 columns → bars from the first six', () => {
    const r = open(data('nautilus_trader/binance/ADABTC-1m-2021-11-27.csv'));
    expect(r.info.kind).toBe('bars');
    expect(r.info.tzSource).toBe('format');
    const a = readAll(r);
    expect(a.n).toBe(10);
    expect(iso(a.t[0])).toBe('2021-11-27T00:00:00.000Z');
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[0]]).toEqual([0.00002853, 0.00002854, 0.00002851, 0.00002854, 36304.2]);
  });

  it('headerless HistData quotes (stamp + 3 numbers) are refused as ambiguous', async () => {
    const { openFeed } = await import('../../../../src-main/engine/feed/index.ts');
    const r = openFeed(data('nautilus_trader/misc/quote_tick_data.csv'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.code).toBe('unknown-format');
  });
});

describe('freqtrade samples', () => {
  it('Kraken BCHEUR: headerless epoch seconds ticks, equal stamps kept', () => {
    const r = open(data('freqtrade/kraken/trades_csv/BCHEUR.csv'));
    expect(r.info.kind).toBe('ticks');
    expect(r.info.sourceTz).toBe('UTC');
    expect(r.info.tzSource).toBe('format');
    expect(r.info.layout).toContain('epoch s');
    const a = readAll(r);
    expect(a.n).toBe(148);
    expect(r.stats.rowsRejected).toBe(0);
    expect(iso(a.t[0])).toBe('2023-01-01T00:03:56.000Z');
    expect([a.price[0], a.size[0]]).toEqual([90.54, 1.1044842]);
    expect(iso(a.t[147])).toBe('2023-01-01T23:19:47.000Z');
    expect(a.price[147]).toBe(90.53);
    // awk: 62 rows share their second with the row before
    let equal = 0;
    for (let i = 1; i < a.n; i++) if (a.t[i] === a.t[i - 1]) equal++;
    expect(equal).toBe(62);
  });

  it('public_trades_list: leading pandas index, timestamp ms, price and amount', () => {
    const r = open(data('freqtrade/orderflow/public_trades_list.csv'));
    expect(r.info.kind).toBe('ticks');
    expect(r.info.layout).toContain('timestamp,price,amount');
    const a = readAll(r);
    expect(a.n).toBe(1000);
    expect(iso(a.t[0])).toBe('2023-02-02T09:20:00.138Z');
    expect([a.price[0], a.size[0]]).toEqual([1666.8, 26.062]);
    expect(iso(a.t[999])).toBe('2023-02-02T09:23:27.493Z');
    expect([a.price[999], a.size[999]]).toEqual([1667.3, 0.018]);
  });

  it('the hand-edited example with padded fields', () => {
    const a = readAll(open(data('freqtrade/orderflow/public_trades_list_simple_example.csv')));
    expect(a.n).toBe(7);
    expect([a.price[0], a.size[0]]).toEqual([23438, 0.013]);
  });
});
