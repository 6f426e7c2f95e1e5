// BarSet updates the working bars of every timeframe in place while a tick opens no bar anywhere (its
// fast path); it must close exactly the bars, at exactly the ticks, that one BarBuilder per timeframe
// fed tick by tick closes — on a real SPY day (volume-only prints included), in chunks of odd sizes,
// with scans of the market clock between them, in a zone with a 45-minute offset and across a DST change.
import { describe, it, expect } from 'vitest';
import { BarBuilder } from '../../../../src-main/engine/bars/bar-builder.ts';
import { BarSet } from '../../../../src-main/engine/bars/bar-set.ts';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import { zone } from '../../../../src-shared/time.ts';
import { TIMEFRAMES, TIMEFRAME_MINUTES, type Bar } from '../../../../src-shared/domain/bars.ts';
import type { TickChunk } from '../../../../src-shared/domain/chunks.ts';
import { dataFile } from '../../../helpers/data.ts';

function ticksOf(path: string): TickChunk[] {
  const r = openFeed(path, { chunkRows: 7_777 });
  if (!r.ok) throw new Error(r.problem.message);
  return [...r.value.chunks()] as TickChunk[];
}

/** closed bars as "tf@tick index" events, from BarSet and from independent builders */
function both(chunks: TickChunk[], tz: string, scanEvery = 0) {
  const z = zone(tz);
  const got: string[] = [], want: string[] = [];
  const set = new BarSet(z, 0, (tf, b) => got.push(`${tf} ${JSON.stringify(b)}`));
  const builders = TIMEFRAMES.map((tf) => [tf, new BarBuilder(TIMEFRAME_MINUTES[tf], z)] as const);
  const put = (tf: string, b: Bar | null) => { if (b) want.push(`${tf} ${JSON.stringify(b)}`); };
  let n = 0;
  for (const c of chunks) {
    for (let from = 0; from < c.n; from += 1000) {
      const to = Math.min(c.n, from + 1000);
      set.push(c, from, to);
      for (let i = from; i < to; i++) for (const [tf, b] of builders) put(tf, b.addTick(c.t[i]!, c.price[i]!, c.size[i]!, c.volOnly[i] === 1));
      n += to - from;
      if (scanEvery && n % scanEvery < 1000) {
        const now = c.t[to - 1]! + 90_000;
        set.scan(now);
        for (const [tf, b] of builders) put(tf, b.scan(now));
      }
    }
  }
  set.flush();
  for (const [tf, b] of builders) put(tf, b.flush());
  return { got, want };
}

describe('BarSet fast path', () => {
  const spy = ticksOf(dataFile('lean/equity/usa/tick/spy/20131007_trade.zip'));

  it('a real SPY day: the same closed bars as one builder per timeframe, volume-only prints included', () => {
    expect(spy.reduce((s, c) => s + c.volOnly.reduce((a, v) => a + v, 0), 0)).toBeGreaterThan(100);
    const { got, want } = both(spy, 'America/New_York');
    expect(want.length).toBeGreaterThan(900);
    expect(got).toEqual(want);
  });

  it('with market-clock scans between slices, and in Asia/Kathmandu (UTC+5:45)', () => {
    for (const tz of ['America/New_York', 'Asia/Kathmandu']) {
      const { got, want } = both(spy, tz, 20_000);
      expect(got).toEqual(want);
    }
  });

  it('across the autumn DST change (ticks every 7 s, volume-only every 5th, price-less bar starts)', () => {
    const t0 = Date.UTC(2024, 10, 3, 4, 0); // 00:00 New York, the night of the change
    const n = 3 * 3600 / 7;
    const c: TickChunk = { kind: 'ticks', n, t: new Float64Array(n), price: new Float64Array(n), size: new Float64Array(n), volOnly: new Uint8Array(n) };
    for (let i = 0; i < n; i++) { c.t[i] = t0 + i * 7000; c.price[i] = 100 + Math.sin(i) * 3; c.size[i] = 1 + (i % 4); c.volOnly[i] = i % 5 === 0 ? 1 : 0; }
    const { got, want } = both([c], 'America/New_York');
    expect(want.length).toBeGreaterThan(200);
    expect(got).toEqual(want);
  });
});
