// Detection: stamp forms, day order, zones, separators, header names; and open failures as values.
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openFeed, inspectFeed } from '../../../../src-main/engine/feed/index.ts';
import { parseStamp, parseTimeOfDay, stampInfo } from '../../../../src-main/engine/feed/csv-timestamp.ts';
import { data, iso, open, readAll, tempFile } from './helpers.ts';

const stamp = (s: string, dayFirst = false): number => parseStamp(Buffer.from(s), 0, s.length, dayFirst);
// "local ms" written as if UTC, to compare wall-clock results
const local = (isoText: string): number => Date.parse(isoText + 'Z');

describe('parseStamp', () => {
  it('ISO forms, fraction truncated to ms', () => {
    expect(stamp('2024-01-02 09:30:00')).toBe(local('2024-01-02T09:30:00'));
    expect(stampInfo.zoned).toBe(false);
    expect(stamp('2024-01-02T09:30:00.123456789')).toBe(local('2024-01-02T09:30:00.123'));
    expect(stamp('2024-01-02 09:30:00.5')).toBe(local('2024-01-02T09:30:00.500'));
    expect(stamp('2024-01-02 09:30')).toBe(local('2024-01-02T09:30:00'));
    expect(stamp('2024-01-02')).toBe(local('2024-01-02T00:00:00'));
    expect(stamp('"2024-01-02 09:30:00"')).toBe(local('2024-01-02T09:30:00'));
  });

  it('offsets and Z give UTC', () => {
    expect(stamp('2024-07-01T23:58:01.218218853Z')).toBe(Date.parse('2024-07-01T23:58:01.218Z'));
    expect(stampInfo.zoned).toBe(true);
    expect(stamp('2023-02-02 09:20:00.138000+00:00')).toBe(Date.parse('2023-02-02T09:20:00.138Z'));
    expect(stamp('2024-01-02 09:30:00-05:00')).toBe(Date.parse('2024-01-02T14:30:00Z'));
    expect(stamp('2024-01-02T09:30:00+0530')).toBe(Date.parse('2024-01-02T04:00:00Z'));
  });

  it('day-first and month-first slash forms, padded or not', () => {
    expect(stamp('29/06/2020 01:00:00', true)).toBe(local('2020-06-29T01:00:00'));
    expect(stamp('2/7/2025 9:30', true)).toBe(local('2025-07-02T09:30:00'));
    expect(stamp('2/7/2025 9:30', false)).toBe(local('2025-02-07T09:30:00'));
    expect(stamp('02/03/2010 16:53:50')).toBe(local('2010-02-03T16:53:50'));
    expect(stamp('29/06/2020 01:00:00', false)).toBeNaN();
  });

  it('HistData YYYYMMDD HHMMSS[fff]', () => {
    expect(stamp('20200101 170000065')).toBe(local('2020-01-01T17:00:00.065'));
    expect(stamp('20200101 170000')).toBe(local('2020-01-01T17:00:00'));
  });

  it('epoch numbers by magnitude', () => {
    const t = Date.parse('2023-01-01T00:03:56Z');
    expect(stamp('1672531436')).toBe(t);
    expect(stampInfo.zoned).toBe(true);
    expect(stamp('1672531436123')).toBe(t + 123);
    expect(stamp('1672531436123456')).toBe(t + 123);
    expect(stamp('1672531436123456789')).toBe(t + 123);
    expect(stamp('1672531436.5')).toBe(t + 500);
  });

  it('rejects impossible values', () => {
    for (const s of ['2023-02-29 00:00:00', '2024-13-01', '2024-01-02 24:00:00', '2024-01-02 09:60:00', 'abc', '', '2024-01-02 09:30:00 junk', '12/31/24'])
      expect(stamp(s), s).toBeNaN();
    expect(stamp('2024-02-29 00:00:00')).toBe(local('2024-02-29T00:00:00'));
  });

  it('separate time column', () => {
    const t = (s: string) => parseTimeOfDay(Buffer.from(s), 0, s.length);
    expect(t('09:01:00')).toBe(9 * 3600_000 + 60_000);
    expect(t('9:30')).toBe(9.5 * 3600_000);
    expect(t('x')).toBeNaN();
  });
});

describe('day/month order over the whole file', () => {
  const bars = (name: string, stamps: string[]): string =>
    tempFile(name, ['Timestamp,Open,High,Low,Close,Volume', ...stamps.map((s) => `${s},1,2,0.5,1.5,3`)].join('\n'));

  it('a first field > 12 proves day-first, even late in the file', () => {
    const a = readAll(open(bars('df.csv', ['01/02/2024 09:30', '02/02/2024 09:30', '13/02/2024 09:30'])));
    expect(a.t.map(iso)).toEqual(['2024-02-01T14:30:00.000Z', '2024-02-02T14:30:00.000Z', '2024-02-13T14:30:00.000Z']);
  });

  it('a second field > 12 proves month-first', () => {
    const r = open(bars('mf.csv', ['01/02/2024 09:30', '01/13/2024 09:30']));
    expect(r.info.layout).toContain('month-first');
    expect(readAll(r).t.map(iso)).toEqual(['2024-01-02T14:30:00.000Z', '2024-01-13T14:30:00.000Z']);
  });

  it('undecidable: month-first when that increases, else day-first', () => {
    // m/d: 2 Jan, 2 Feb, 2 Mar – increasing, so month-first
    const mf = readAll(open(bars('u1.csv', ['01/02/2024 09:30', '02/02/2024 09:30', '03/02/2024 09:30'])));
    expect(iso(mf.t[2])).toBe('2024-03-02T14:30:00.000Z');
    // m/d: 1 May, 1 Jun, 2 Jan – decreasing; d/m: 5 Jan, 6 Jan, 1 Feb – increasing
    const r = open(bars('u2.csv', ['05/01/2024 09:30', '06/01/2024 09:30', '01/02/2024 09:30']));
    expect(r.info.layout).toContain('day-first');
    expect(readAll(r).t.map(iso)).toEqual(['2024-01-05T14:30:00.000Z', '2024-01-06T14:30:00.000Z', '2024-02-01T14:30:00.000Z']);
  });
});

describe('source time zone', () => {
  const rows = 'timestamp,price,size\n2024-07-01 12:00:00,10,1\n';

  it('default New York, given zone, invalid zone', () => {
    const p = tempFile('z.csv', rows);
    const d = open(p);
    expect([d.info.sourceTz, d.info.tzSource]).toEqual(['America/New_York', 'default']);
    expect(iso(readAll(d).t[0])).toBe('2024-07-01T16:00:00.000Z');
    const g = open(p, { tz: 'Asia/Tokyo' });
    expect([g.info.sourceTz, g.info.tzSource]).toEqual(['Asia/Tokyo', 'given']);
    expect(iso(readAll(g).t[0])).toBe('2024-07-01T03:00:00.000Z');
    const bad = openFeed(p, { tz: 'Mars/Olympus' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatchObject({ code: 'bad-tz', got: 'Mars/Olympus' });
  });

  it('an offset in the stamps wins over a given zone', () => {
    const r = open(tempFile('off.csv', 'timestamp,price,size\n2024-07-01T12:00:00+02:00,10,1\n'), { tz: 'Asia/Tokyo' });
    expect([r.info.sourceTz, r.info.tzSource]).toEqual(['UTC', 'in-file']);
    expect(iso(readAll(r).t[0])).toBe('2024-07-01T10:00:00.000Z');
  });

  it('AlgoSpace by file name (day-first "… - 30 min - ETH.csv"), not for other names', () => {
    const text = 'Timestamp,Open,High,Low,Close,Volume\n29/06/2020 01:00:00,1,2,0.5,1.5,3\n29/06/2020 01:30:00,1,2,0.5,1.5,3\n';
    const a = open(tempFile('ES - 30 min - ETH.csv', text));
    expect([a.info.sourceTz, a.info.tzSource]).toEqual(['Asia/Jerusalem', 'format']);
    expect(iso(readAll(a).t[0])).toBe('2020-06-28T22:00:00.000Z');
    const b = open(tempFile('other.csv', text));
    expect([b.info.sourceTz, b.info.tzSource]).toEqual(['America/New_York', 'default']);
  });

  it('a DST autumn repeat hour keeps rows in order (earlier reading for both)', () => {
    // 2024-11-03 01:30 happens twice in New York; both rows read as the first one: equal stamps are valid
    const r = open(tempFile('dst.csv', 'timestamp,price,size\n2024-11-03 01:30:00,1,1\n2024-11-03 01:30:00,2,1\n2024-11-03 03:00:00,3,1\n'));
    const a = readAll(r);
    expect(a.t.map(iso)).toEqual(['2024-11-03T05:30:00.000Z', '2024-11-03T05:30:00.000Z', '2024-11-03T08:00:00.000Z']);
  });
});

describe('layouts', () => {
  it('tab separator, header typos within one edit', () => {
    const r = open(tempFile('typo.tsv', 'Time\tOpne\tHihg\tLlow\tClsoe\tVol\n2024-01-02 09:30:00\t1\t2\t0.5\t1.5\t3\n2024-01-02 09:35:00\t1\t2\t0.5\t1.5\t4\n'));
    expect(r.info.layout).toContain("sep 'tab'");
    expect(r.info.barMinutes).toBe(5);
    const a = readAll(r);
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[1]]).toEqual([1, 2, 0.5, 1.5, 4]);
  });

  it('headerless HistData bars with semicolons', () => {
    const r = open(tempFile('DAT_ASCII_EURUSD_M1.csv', '20200101 170000;1.1212;1.1215;1.1210;1.1213;0\n20200101 170100;1.1213;1.1216;1.1211;1.1214;0\n'));
    expect(r.info.kind).toBe('bars');
    expect(r.info.layout).toContain('YYYYMMDD HHMMSS');
    const a = readAll(r);
    expect(iso(a.t[1])).toBe('2020-01-01T22:01:00.000Z');
    expect(a.c[1]).toBe(1.1214);
  });

  it('headerless ticks with one price column and no size → size 0', () => {
    const a = readAll(open(tempFile('p.csv', '2024-01-02 09:30:00,10\n2024-01-02 09:30:01,11\n')));
    expect(a.kind).toBe('ticks');
    expect(a.size).toEqual([0, 0]);
  });

  it('chunkRows splits the rows, values unchanged', () => {
    const whole = readAll(open(data('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv')));
    const r = open(data('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), { chunkRows: 1000 });
    let chunks = 0;
    for (const ch of r.chunks()) { chunks++; expect(ch.n).toBeLessThanOrEqual(1000); }
    expect(chunks).toBe(15);
    expect(readAll(r).c).toEqual(whole.c);
    expect(r.stats.bytesRead).toBe(r.info.bytesTotal);
  });

  it('inspectFeed returns the info only', () => {
    const r = inspectFeed(data('firstratedata/spy_etf_2026-01/SPY_5min_sample.csv'));
    expect(r.ok && r.value.barMinutes).toBe(5);
  });
});

describe('open failures are single Problems, never throws', () => {
  const cases: [string, () => string, string][] = [
    ['missing file', () => tempFile('x', '') + '-missing.csv', 'unreadable'],
    ['a directory', () => { const d = tempFile('dir-parent', '') + '.d'; mkdirSync(d, { recursive: true }); return d; }, 'not-a-file'],
    ['empty file', () => tempFile('empty.csv', ''), 'empty-file'],
    ['blank lines only', () => tempFile('blank.csv', '\n\r\n  \n'), 'empty-file'],
    ['header only', () => tempFile('hdr.csv', 'timestamp,open,high,low,close\n'), 'empty-file'],
    ['binary', () => tempFile('bin.csv', Buffer.from([1, 0, 2, 0, 3])), 'unknown-format'],
    ['JSON', () => tempFile('trades.json', '[[1,2,3]]'), 'unsupported-format'],
    ['zstd DBN', () => data('nautilus_trader/databento/futures_trades_2024-07-01T23-58_2024-07-02T00-02.dbn.zst'), 'unsupported-format'],
    ['gzip JSON', () => data('freqtrade/XRP_ETH-trades.json.gz'), 'unsupported-format'],
    ['a .zip that is not a zip', () => tempFile('20131007_trade.zip', 'hello,world\n'), 'bad-zip'],
    ['prose', () => tempFile('readme.txt', 'just some words\nand more\n'), 'unknown-format'],
    ['no price columns', () => tempFile('np.csv', 'timestamp,foo,bar\n2024-01-02,1,2\n'), 'unknown-format'],
    ['quotes', () => data('nautilus_trader/truefx/usdjpy-ticks.csv'), 'unsupported-format'],
  ];
  for (const [name, path, code] of cases) {
    it(name, () => {
      const p = path();
      const r = openFeed(p);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problem.code).toBe(code);
        expect(r.problem.message).toContain(p.split('/').pop()!);
        expect(r.problem.expected).toBeTruthy();
        expect(r.problem.got).toBeTruthy();
      }
    });
  }
});
