// The correctness bar of issue 3: our aggregation against bars the vendors built themselves.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import { BarSet } from '../../../../src-main/engine/bars/bar-set.ts';
import { zone } from '../../../../src-shared/time.ts';
import type { Bar, Timeframe } from '../../../../src-shared/domain/bars.ts';
import type { FeedChunk } from '../../../../src-shared/domain/chunks.ts';
import { dataFile, unzipSingle } from '../../../helpers/data.ts';

function readAll(path: string, opts = {}): { chunks: FeedChunk[]; exTz: string } {
  const r = openFeed(path, opts);
  if (!r.ok) throw new Error(r.problem.message);
  const chunks = [...r.value.chunks()];
  expect(r.value.stats.rowsRejected).toBe(0);
  return { chunks, exTz: r.value.info.instrument?.exchangeTz ?? r.value.info.sourceTz };
}

function aggregate(chunks: FeedChunk[], tz: string, inputMinutes: number, tfs: Timeframe[], volOnly = true): Map<Timeframe, Bar[]> {
  const out = new Map<Timeframe, Bar[]>(tfs.map((tf) => [tf, []]));
  const set = new BarSet(zone(tz), inputMinutes, (tf, b) => out.get(tf)!.push({ ...b }), tfs);
  for (const c of chunks) {
    if (!volOnly && c.kind === 'ticks') set.push({ ...c, volOnly: new Uint8Array(c.n) });
    else set.push(c);
  }
  set.flush();
  return out;
}

function barsOf(chunks: FeedChunk[]): Bar[] {
  const out: Bar[] = [];
  for (const c of chunks) {
    if (c.kind !== 'bars') throw new Error('expected bars');
    for (let i = 0; i < c.n; i++) out.push({ t: c.t[i]!, o: c.o[i]!, h: c.h[i]!, l: c.l[i]!, c: c.c[i]!, v: c.v[i]! });
  }
  return out;
}

describe('FirstRate NQ 1-minute → 5m / 30m equals the vendor files on every bar', () => {
  const dir = 'firstratedata/nq_futures_2023-11';
  const oneMin = readAll(dataFile(`${dir}/NQ_1min_sample.csv`));
  const built = aggregate(oneMin.chunks, oneMin.exTz, 1, ['5m', '30m']);

  for (const [tf, file, count] of [['5m', 'NQ_5min_sample.csv', 2943], ['30m', 'NQ_30min_sample.csv', 491]] as const) {
    it(`${tf}: ${count} / ${count} bars identical (time, OHLC, volume)`, () => {
      const vendor = barsOf(readAll(dataFile(`${dir}/${file}`)).chunks);
      expect(vendor).toHaveLength(count);
      expect(built.get(tf)).toHaveLength(count);
      let same = 0;
      const mismatches: string[] = [];
      built.get(tf)!.forEach((b, i) => {
        const v = vendor[i]!;
        if (b.t === v.t && b.o === v.o && b.h === v.h && b.l === v.l && b.c === v.c && b.v === v.v) same++;
        else if (mismatches.length < 5) mismatches.push(`${i}: ours ${JSON.stringify(b)} vendor ${JSON.stringify(v)}`);
      });
      expect(mismatches).toEqual([]);
      expect(same).toBe(count);
    });
  }
});

/** LEAN minute bars decoded straight from the zip text (independent of our reader). */
function leanMinuteBars(day: string): Map<number, number[]> {
  const text = unzipSingle(dataFile(`lean/equity/usa/minute/spy/${day}_trade.zip`));
  const m = new Map<number, number[]>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const f = line.split(',').map(Number);
    m.set(f[0]!, [f[1]! / 1e4, f[2]! / 1e4, f[3]! / 1e4, f[4]! / 1e4, f[5]!]);
  }
  return m;
}

describe('LEAN SPY ticks → 1m against LEAN\'s own minute bars', () => {
  const ny = zone('America/New_York');
  for (const day of ['20131007', '20131008', '20131009', '20131010']) {
    it(`${day}: ≥ 99 % identical with the sale-condition rule, the same set of minutes, and ~80 % without it`, () => {
      const { chunks } = readAll(dataFile(`lean/equity/usa/tick/spy/${day}_trade.zip`));
      const vendor = leanMinuteBars(day);
      const midnight = ny.toUtc(Date.UTC(+day.slice(0, 4), +day.slice(4, 6) - 1, +day.slice(6, 8)));
      const score = (bars: Bar[]) => {
        let same = 0;
        for (const b of bars) {
          const v = vendor.get(b.t - midnight);
          if (v && Math.abs(b.o - v[0]!) < 1e-9 && Math.abs(b.h - v[1]!) < 1e-9 && Math.abs(b.l - v[2]!) < 1e-9 && Math.abs(b.c - v[3]!) < 1e-9 && b.v === v[4]) same++;
        }
        return same / vendor.size;
      };
      const ruled = aggregate(chunks, 'America/New_York', 0, ['1m']).get('1m')!;
      const naive = aggregate(chunks, 'America/New_York', 0, ['1m'], false).get('1m')!;
      expect(ruled.map((b) => b.t - midnight).sort((a, b) => a - b)).toEqual([...vendor.keys()].sort((a, b) => a - b));
      // PROVENANCE.md: 99.6 / 99.5 / 99.4 % with the rule; 84.1 / 80.6 / 80.3 / 83.5 % naive. On 10-10 the
      // rule gives 97.8 % if the 10 vendor-flagged 'suspicious' trades are dropped and 98.98 % when they
      // count for volume only, as our reader does.
      const floor = day === '20131010' ? 0.985 : 0.99;
      expect(score(ruled)).toBeGreaterThanOrEqual(floor);
      expect(score(naive)).toBeLessThan(0.86);
    });
  }

  it('all four days together: ≥ 99 % of bars identical', () => {
    let same = 0, total = 0;
    for (const day of ['20131007', '20131008', '20131009', '20131010']) {
      const { chunks } = readAll(dataFile(`lean/equity/usa/tick/spy/${day}_trade.zip`));
      const vendor = leanMinuteBars(day);
      const midnight = ny.toUtc(Date.UTC(+day.slice(0, 4), +day.slice(4, 6) - 1, +day.slice(6, 8)));
      for (const b of aggregate(chunks, 'America/New_York', 0, ['1m']).get('1m')!) {
        const v = vendor.get(b.t - midnight)!;
        if (Math.abs(b.o - v[0]!) < 1e-9 && Math.abs(b.h - v[1]!) < 1e-9 && Math.abs(b.l - v[2]!) < 1e-9 && Math.abs(b.c - v[3]!) < 1e-9 && b.v === v[4]) same++;
      }
      total += vendor.size;
    }
    expect(same / total).toBeGreaterThanOrEqual(0.99);
  });
});

describe('Databento ESU4 trades → 1m equals Databento ohlcv-1m', () => {
  it('the 4 minutes the trades cover are identical', () => {
    const { chunks } = readAll(dataFile('nautilus_trader/databento/derived/futures_trades_2024-07-01T23-58_2024-07-02T00-02.csv'), { instrument: 'ES' });
    const built = aggregate(chunks, 'America/Chicago', 0, ['1m']).get('1m')!;
    const text = readFileSync(dataFile('nautilus_trader/databento/derived/futures_ohlcv-1m_2024-07-01T23-40_2024-07-02T00-10.csv'), 'utf8');
    const vendor = new Map<number, number[]>();
    for (const line of text.trim().split('\n').slice(1)) {
      const f = line.split(',');
      if (f[2] !== 'ESU4') continue;
      vendor.set(Number(BigInt(f[0]!) / 1_000_000n), f.slice(4, 9).map(Number));
    }
    expect(built).toHaveLength(4);
    for (const b of built) expect([b.o, b.h, b.l, b.c, b.v]).toEqual(vendor.get(b.t));
    expect(new Date(built[0]!.t).toISOString()).toBe('2024-07-01T23:58:00.000Z');
  });
});
