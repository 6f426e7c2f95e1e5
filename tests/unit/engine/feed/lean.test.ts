// LEAN zips. Expected numbers come from `unzip -p … | awk -F, …` on the raw entries.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import { zipEntries, zipRead, zipReadLines } from '../../../../src-main/engine/feed/zip.ts';
import { data, iso, makeZip, nonDecreasing, open, readAll } from './helpers.ts';

const VOL_ONLY = new Set(['20', '20000020', '20100000', '20100200', '20040200']);

interface TickSums { n: number; size: number; volOnly: number; first: number; last: number; firstPrice: number; lastPrice: number; sorted: boolean; chunks: number }

function tickSums(path: string, chunkRows?: number): TickSums & { rejected: number; problems: ReturnType<typeof open>['problems'] } {
  const r = open(path, chunkRows ? { chunkRows } : {});
  const s: TickSums = { n: 0, size: 0, volOnly: 0, first: NaN, last: NaN, firstPrice: NaN, lastPrice: NaN, sorted: true, chunks: 0 };
  let prev = -Infinity;
  for (const ch of r.chunks()) {
    if (ch.kind !== 'ticks') throw new Error('expected ticks');
    s.chunks++;
    if (s.n === 0) { s.first = ch.t[0]!; s.firstPrice = ch.price[0]!; }
    for (let i = 0; i < ch.n; i++) {
      s.size += ch.size[i]!;
      s.volOnly += ch.volOnly[i]!;
      if (ch.t[i]! < prev) s.sorted = false;
      prev = ch.t[i]!;
    }
    s.n += ch.n;
    s.last = ch.t[ch.n - 1]!;
    s.lastPrice = ch.price[ch.n - 1]!;
  }
  return { ...s, rejected: r.stats.rowsRejected, problems: r.problems };
}

describe('LEAN equity trade ticks', () => {
  it('SPY 2013-10-07: count, sizes, volume-only flags, New York → UTC, no trailing newline', () => {
    const path = data('lean/equity/usa/tick/spy/20131007_trade.zip');
    const r = open(path);
    expect(r.info.format).toBe('lean-zip');
    expect(r.info.kind).toBe('ticks');
    expect(r.info.sourceTz).toBe('America/New_York');
    expect(r.info.tzSource).toBe('format');
    expect(r.info.instrument?.symbol).toBe('SPY');
    const s = tickSums(path);
    expect(s.n).toBe(250_601);
    expect(s.size).toBe(97_062_721);
    expect(s.volOnly).toBe(117_107);
    // first `14400464,1674100,100,P,20002000,0`: 04:00:00.464 EDT
    expect(iso(s.first)).toBe('2013-10-07T08:00:00.464Z');
    expect(s.firstPrice).toBe(167.41);
    // last `71999536,1673000,100,K,2000,0` (no newline after it)
    expect(iso(s.last)).toBe('2013-10-07T23:59:59.536Z');
    expect(s.lastPrice).toBe(167.3);
    expect(s.sorted).toBe(true);
    expect(s.chunks).toBe(Math.ceil(250_601 / 65_536));
  });

  it('volOnly and prices match a plain split(",") reading of the IBM entry, row by row', () => {
    const path = data('lean/equity/usa/tick/ibm/20131007_trade.zip');
    const r = open(path);
    expect(r.info.instrument?.symbol).toBe('IBM');
    const a = readAll(r);
    const buf = readFileSync(path);
    const rows = zipRead(buf, zipEntries(buf)[0]!).toString('latin1').trim().split('\n').map((l) => l.trim().split(','));
    expect(a.n).toBe(24_293);
    expect(rows.length).toBe(a.n);
    expect(a.volOnly).toEqual(rows.map((f) => (VOL_ONLY.has(f[4]!) ? 1 : 0)));
    expect(a.price).toEqual(rows.map((f) => Number(f[1]) / 10_000));
    expect(a.size).toEqual(rows.map((f) => Number(f[2])));
    // awk: 10,668 rows carry one of the five conditions (746 of them '20'; 70 rows '20002020' are not flagged)
    expect(a.volOnly.reduce((x, y) => x + y, 0)).toBe(10_668);
  });

  it('the three other SPY days', () => {
    const cases: [string, number, number, number, string, string][] = [
      ['20131008', 451_545, 178_346_557, 222_626, '2013-10-08T08:00:17.034Z', '2013-10-08T23:59:58.962Z'],
      ['20131009', 439_677, 165_525_328, 210_539, '2013-10-09T08:00:00.924Z', '2013-10-09T23:59:47.840Z'],
    ];
    for (const [day, n, size, vo, first, last] of cases) {
      const s = tickSums(data(`lean/equity/usa/tick/spy/${day}_trade.zip`));
      expect([s.n, s.size, s.volOnly, iso(s.first), iso(s.last)]).toEqual([n, size, vo, first, last]);
      expect(s.rejected).toBe(0);
    }
  });

  it('SPY 2013-10-10: the 10 rows flagged suspicious are kept as volume-only trades', () => {
    // lines 453114, 455166, 456502, 456512, 456546, 457006, 457128, 457391, 457558, 457560 (awk '$6==1')
    const s = tickSums(data('lean/equity/usa/tick/spy/20131010_trade.zip'), 100_000);
    expect(s.n).toBe(460_032);
    expect(s.rejected).toBe(0);
    expect(s.volOnly).toBe(208_653 + 10);
    expect(s.chunks).toBe(5);
  });
});

describe('zipReadLines', () => {
  it("ends every entry with '\\n' and reports the entry's own length; a big deflated one is not copied", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},1000000,${i % 7}`).join('\n');
    for (const [text, deflate] of [[rows, true], [rows, false], [`${rows}\n`, true], ['1,2,3', true], ['', true]] as const) {
      const buf = makeZip([{ name: 'x.csv', text, deflate }]);
      const { data: d, size } = zipReadLines(buf, zipEntries(buf)[0]!);
      expect(size).toBe(text.length);
      expect(d.toString('latin1')).toBe(text === '' || text.endsWith('\n') ? text : `${text}\n`);
      if (deflate && text.length > 65_536 && !text.endsWith('\n')) expect(d.buffer.byteLength).toBe(text.length + 1);
    }
  });
});

describe('LEAN minute trade bars', () => {
  it('SPY equity minute bars: prices /10000, bar start in New York time', () => {
    const r = open(data('lean/equity/usa/minute/spy/20131007_trade.zip'));
    expect(r.info.kind).toBe('bars');
    expect(r.info.barMinutes).toBe(1);
    expect(r.info.sourceTz).toBe('America/New_York');
    const a = readAll(r);
    expect(a.n).toBe(828);
    // `14400000,1674100,1674100,1672500,1672700,3197`
    expect(iso(a.t[0])).toBe('2013-10-07T08:00:00.000Z');
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[0]]).toEqual([167.41, 167.41, 167.25, 167.27, 3197]);
  });

  it('a zip64-style archive (SPY 2023-08-03) opens', () => {
    const a = readAll(open(data('lean/equity/usa/minute/spy/20230803_trade.zip')));
    expect(a.n).toBe(947);
  });

  it('ES futures: the most traded expiry by default, UTC stamps, real prices', () => {
    const r = open(data('lean/future/cme/minute/es/20131218_trade.zip'));
    expect(r.info.sourceTz).toBe('UTC');
    expect(r.info.tzSource).toBe('format');
    expect(r.info.instrument?.symbol).toBe('ES');
    expect(r.info.layout).toContain('contract 201403');
    const a = readAll(r);
    expect(a.n).toBe(1348);
    expect(a.v.reduce((x, y) => x + y, 0)).toBe(2_261_640);
    // `0,1773.75,1773.75,1773.5,1773.75,94` … `86340000,1805,1805,1804.75,1805,56`
    expect(iso(a.t[0])).toBe('2013-12-18T00:00:00.000Z');
    expect([a.o[0], a.h[0], a.l[0], a.c[0], a.v[0]]).toEqual([1773.75, 1773.75, 1773.5, 1773.75, 94]);
    expect(iso(a.t[a.n - 1])).toBe('2013-12-18T23:59:00.000Z');
    expect(a.c[a.n - 1]).toBe(1805);
    expect(nonDecreasing(a.t)).toBe(true);
  });

  it('ES futures: opts.contract picks an expiry; an absent one is a problem', () => {
    const r = open(data('lean/future/cme/minute/es/20131218_trade.zip'), { contract: '201312' });
    expect(r.info.layout).toContain('contract 201312 (given');
    const a = readAll(r);
    expect(a.n).toBe(1138);
    expect(a.v.reduce((x, y) => x + y, 0)).toBe(284_376);
    expect([a.o[0], a.c[a.n - 1]]).toEqual([1780.25, 1811.25]);
    const bad = openFeed(data('lean/future/cme/minute/es/20131218_trade.zip'), { contract: '209912' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatchObject({ code: 'no-contract', got: '209912', expected: '201312 | 201403 | 201406 | 201409 | 201412' });
  });

  it('ES Sunday file starts at 22:00 UTC', () => {
    const a = readAll(open(data('lean/future/cme/minute/es/20131006_trade.zip')));
    expect(iso(a.t[0])).toBe('2013-10-06T22:00:00.000Z');
    expect([a.o[0], a.v[0]]).toEqual([1676.75, 1884]);
  });

  it('quote and open-interest zips are refused', () => {
    for (const f of ['lean/equity/usa/tick/ibm/20131007_quote.zip', 'lean/equity/usa/minute/spy/20131007_quote.zip',
      'lean/future/cme/minute/es/20131218_quote.zip', 'lean/future/cme/minute/es/20131006_openinterest.zip']) {
      const r = openFeed(data(f));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problem.code).toBe('unsupported-format');
        expect(r.problem.message).toContain('quote/open-interest files are not supported yet');
      }
    }
  });
});
