// The zone of a LEAN file's times comes from its market (LEAN's market-hours database, lean-market.ts):
// CME Group data in UTC, Eurex in Europe/Berlin. We have no real Eurex LEAN file: the Eurex cases are
// DERIVED from the real CME ES zips (their entries re-zipped under fesx names into a future/eurex tree),
// so the rows are real CME rows and only the zone reading is under test. Expected instants are worked
// out by hand from the offsets: CEST = UTC+2 until 2013-10-27 03:00 local, CET = UTC+1 after.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import { LEAN_DATA_TZ, leanPathMarket } from '../../../../src-main/engine/feed/lean-market.ts';
import { zipEntries, zipRead } from '../../../../src-main/engine/feed/zip.ts';
import { data, iso, makeZip, nonDecreasing, open, readAll, tempFile, utc } from './helpers.ts';

const ES = (day: string) => data(`lean/future/cme/minute/es/${day}_trade.zip`);

/** The real zip's entries, renamed (date and/or symbol), re-zipped at `rel` in a temp tree. */
function derived(src: string, rel: string, rename: (name: string) => string): string {
  const buf = readFileSync(src);
  const entries = zipEntries(buf).map((e) => ({ name: rename(e.name), text: zipRead(buf, e).toString('latin1'), deflate: true }));
  return tempFile(rel, makeZip(entries));
}

describe('LEAN data zone by market', () => {
  it('the market-hours table: CME Group UTC, Eurex Berlin, US equities New York', () => {
    expect(['cme', 'cbot', 'nymex', 'comex'].map((m) => LEAN_DATA_TZ.future[m])).toEqual(['UTC', 'UTC', 'UTC', 'UTC']);
    expect(LEAN_DATA_TZ.future.eurex).toBe('Europe/Berlin');
    expect(LEAN_DATA_TZ.equity.usa).toBe('America/New_York');
    expect(leanPathMarket('/d/lean/future/cme/minute/es/20131006_trade.zip', 'future')).toBe('cme');
    expect(leanPathMarket('C:\\d\\future\\Eurex\\minute\\fesx\\x.zip', 'future')).toBe('eurex');
    expect(leanPathMarket('/tmp/20131006_trade.zip', 'future')).toBeNull();
  });

  it('real ES zip (cme): UTC, the Sunday file starts at 22:00 UTC', () => {
    const r = open(ES('20131006'));
    expect([r.info.sourceTz, r.info.tzSource]).toEqual(['UTC', 'format']);
    expect(r.info.layout).toContain('LEAN cme data in UTC');
    const a = readAll(r);
    expect(iso(a.t[0])).toBe('2013-10-06T22:00:00.000Z'); // first row `79200000,…` = 22:00 of the file's day
  });

  it('derived Eurex copy (summer time): the same ms are Berlin time, 2 hours ahead of UTC', () => {
    const cme = readAll(open(ES('20131006')));
    const path = derived(ES('20131006'), 'future/eurex/minute/fesx/20131006_trade.zip', (n) => n.replace('_es_', '_fesx_'));
    const r = open(path);
    expect(r.info.instrument?.symbol).toBe('FESX');
    expect([r.info.sourceTz, r.info.tzSource]).toEqual(['Europe/Berlin', 'format']);
    const a = readAll(r);
    expect(iso(a.t[0])).toBe('2013-10-06T20:00:00.000Z'); // 22:00 CEST
    expect(a.n).toBe(cme.n);
    expect(a.t.map((t, i) => cme.t[i]! - t)).toEqual(cme.t.map(() => 2 * 3_600_000));
    expect([a.o, a.v]).toEqual([cme.o, cme.v]);
  });

  it('derived Eurex copy (winter time): one hour ahead of UTC', () => {
    const path = derived(ES('20131218'), 'future/eurex/minute/fesx/20131218_trade.zip', (n) => n.replace('_es_', '_fesx_'));
    const a = readAll(open(path));
    // rows `0,1773.75,…` and `86340000,1805,…` of the 201403 entry: 00:00 and 23:59 CET
    expect(iso(a.t[0])).toBe('2013-12-17T23:00:00.000Z');
    expect(iso(a.t[a.n - 1])).toBe('2013-12-18T22:59:00.000Z');
  });

  it('derived Eurex copy on the DST day 2013-10-27: +2 h until 03:00 local, +1 h after, still in order', () => {
    const path = derived(ES('20131218'), 'future/eurex/minute/fesx/20131027_trade.zip',
      (n) => n.replace('20131218_es_', '20131027_fesx_'));
    const r = open(path, { contract: '201403' });
    const a = readAll(r);
    expect(iso(a.t[0])).toBe('2013-10-26T22:00:00.000Z'); // `0,…` = 00:00 CEST
    // `7440000,…` = 02:04 local, the first (CEST) reading of the repeated hour; `10800000,…` = 03:00 CET
    expect(a.t).toContain(utc('2013-10-27T00:04:00Z'));
    expect(a.t).toContain(utc('2013-10-27T02:00:00Z'));
    // the local hour 02:00-02:59 is read once (CEST), so 01:00-01:59 UTC holds no row
    expect(a.t.filter((t) => t >= utc('2013-10-27T01:00:00Z') && t < utc('2013-10-27T02:00:00Z'))).toEqual([]);
    expect(iso(a.t[a.n - 1])).toBe('2013-10-27T22:59:00.000Z'); // `86340000,…` = 23:59 CET
    expect(nonDecreasing(a.t)).toBe(true);
    expect(r.stats.rowsRejected).toBe(0);
  });

  it('the real ES zip copied unchanged into a eurex folder is refused: ES data are UTC', () => {
    const path = tempFile('x/future/eurex/minute/es/20131006_trade.zip', readFileSync(ES('20131006')));
    const r = openFeed(path);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ code: 'market-mismatch', got: 'eurex' });
  });

  it('an unknown market is a problem, not a silent UTC; --tz decides it, and only then', () => {
    const path = tempFile('y/future/mars/minute/es/20131006_trade.zip', readFileSync(ES('20131006')));
    const r = openFeed(path);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe('unknown-market');
      expect(r.problem.message).toContain("market 'mars'");
    }
    const given = open(path, { tz: 'Europe/Berlin' });
    expect([given.info.sourceTz, given.info.tzSource]).toEqual(['Europe/Berlin', 'given']);
    // where the market says the zone, a different --tz does not move the data (the layout says so)
    const cme = open(ES('20131006'), { tz: 'America/New_York' });
    expect([cme.info.sourceTz, cme.info.tzSource]).toEqual(['UTC', 'format']);
    expect(cme.info.layout).toContain('given zone America/New_York not used');
  });

  it('outside LEAN folders: the instrument tells (ES: UTC); an unknown symbol is a problem', () => {
    const loose = tempFile('loose/20131006_trade.zip', readFileSync(ES('20131006')));
    expect(open(loose).info.sourceTz).toBe('UTC');
    const zz = derived(ES('20131006'), 'loose2/20131006_trade.zip', (n) => n.replace('_es_', '_zz_'));
    const r = openFeed(zz);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.code).toBe('unknown-market');
  });

  it('real equity zips stay New York; a copy outside the folders too (SPY is a US share)', () => {
    const src = data('lean/equity/usa/minute/spy/20131007_trade.zip');
    expect(open(src).info.sourceTz).toBe('America/New_York');
    const p = tempFile('eq/20131007_trade.zip', readFileSync(src));
    expect(open(p).info.sourceTz).toBe('America/New_York');
  });
});
