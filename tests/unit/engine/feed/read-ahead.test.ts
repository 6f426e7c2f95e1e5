// chunksAhead parses on another thread and must hand over exactly what the reader gives on this one:
// the same chunks (every value, same boundaries), the same stats and problems, for ticks and bars, LEAN
// zips and CSV; a consumer that stops early leaves the thread ready for the next file.
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../helpers/data.ts';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import { chunksAhead, chunksAheadAll, stopReadAheadThreads, threadsStarted } from '../../../../src-main/engine/feed/read-ahead.ts';
import { readFileSync, rmSync } from 'node:fs';
import type { FeedChunk, OpenOptions } from '../../../../src-main/engine/feed/types.ts';
import { tempFile } from './helpers.ts';

const plain = (c: FeedChunk) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));

function here(path: string, opts: OpenOptions) {
  const r = openFeed(path, opts);
  if (!r.ok) throw new Error(r.problem.message);
  const chunks = [...r.value.chunks()].map(plain);
  return { chunks, stats: { ...r.value.stats }, problems: [...r.value.problems] };
}

async function ahead(path: string, opts: OpenOptions) {
  const r = openFeed(path, opts);
  if (!r.ok) throw new Error(r.problem.message);
  const chunks = [];
  for await (const c of chunksAhead(r.value, opts)) chunks.push(plain(c));
  return { chunks, stats: { ...r.value.stats }, problems: [...r.value.problems] };
}

const bad = tempFile('ahead-bad.csv', [
  'timestamp,open,high,low,close,volume',
  ...Array.from({ length: 300 }, (_, i) => `2024-01-02 ${String(9 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00,${i % 7 === 3 ? 'abc' : 100},101,99,100.5,${i}`),
].join('\n'));

describe('chunksAhead', () => {
  it.each([
    ['LEAN trade ticks', dataFile('lean/equity/usa/tick/spy/20131007_trade.zip'), {}],
    ['LEAN future minute bars', dataFile('lean/future/cme/minute/es/20131008_trade.zip'), { chunkRows: 100 }],
    ['CSV ticks', dataFile('nautilus_trader/databento/derived/futures_trades_2024-07-01T23-58_2024-07-02T00-02.csv'), { chunkRows: 97 }],
    ['CSV bars', dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), { chunkRows: 5000 }],
    ['CSV bars with bad rows', bad, { chunkRows: 16, instrument: 'NQ' }],
  ] as [string, string, OpenOptions][])('%s: same chunks, stats and problems as on this thread', async (_, path, opts) => {
    const want = here(path, opts);
    const got = await ahead(path, opts);
    expect(want.chunks.length).toBeGreaterThan(1);
    expect(got.chunks.length).toBe(want.chunks.length);
    got.chunks.forEach((c, i) => expect(c).toEqual(want.chunks[i]));
    expect(got.stats).toEqual(want.stats);
    expect(got.problems).toEqual(want.problems);
  }, 60_000);

  it('the bad-row file really has problems to carry; the five files above ran on one thread, kept between files', () => {
    expect(here(bad, { chunkRows: 16, instrument: 'NQ' }).problems.length).toBeGreaterThan(30);
    expect(threadsStarted).toBe(1); // CI machines have two cores or more: the thread path is what ran
  });

  it('a consumer that leaves after one chunk: the thread stops that file and reads the next one whole', async () => {
    const path = dataFile('lean/equity/usa/tick/spy/20131007_trade.zip');
    const r = openFeed(path, { chunkRows: 1000 });
    if (!r.ok) throw new Error(r.problem.message);
    let first: FeedChunk | null = null;
    for await (const c of chunksAhead(r.value, { chunkRows: 1000 })) { first = c; break; }
    expect(first!.n).toBe(1000);
    const want = here(dataFile('firstratedata/nq_futures_2023-11/NQ_5min_sample.csv'), {});
    const got = await ahead(dataFile('firstratedata/nq_futures_2023-11/NQ_5min_sample.csv'), {});
    expect(got).toEqual(want);
    expect(threadsStarted).toBeLessThanOrEqual(2); // the stopped thread may still be finishing its chunk
  }, 60_000);

  it('an idle thread that ended is not reused: the next file starts a new one and reads whole', async () => {
    const before = threadsStarted;
    await stopReadAheadThreads();
    const path = dataFile('firstratedata/nq_futures_2023-11/NQ_30min_sample.csv');
    expect(await ahead(path, { chunkRows: 500 })).toEqual(here(path, { chunkRows: 500 }));
    expect(threadsStarted).toBe(before + 1);
  }, 60_000);

  it('several files to a slow consumer (the next file opened while the thread waits): the same chunks; a file gone meanwhile fails in its turn', async () => {
    const zip = dataFile('lean/equity/usa/tick/spy/20131007_trade.zip');
    const copy = tempFile('spy/20131007_trade.zip', readFileSync(zip));
    const csv = dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv');
    const opts = [{ chunkRows: 20_000 }, { chunkRows: 1000 }, { chunkRows: 20_000 }]; // 13 and 15 chunks: more than the thread's credits
    const paths = [zip, csv, copy];
    const want = paths.map((p, i) => here(p, opts[i]!).chunks);
    const readers = paths.map((p, i) => { const r = openFeed(p, opts[i]); if (!r.ok) throw new Error(r.problem.message); return { reader: r.value, opts: opts[i] }; });
    const got: ReturnType<typeof plain>[][] = [[], [], []];
    for await (const [i, c] of chunksAheadAll(readers)) {
      got[i]!.push(plain(c));
      await new Promise((r) => setTimeout(r, 3)); // slower than the thread: it fills its credits and waits
    }
    expect(got).toEqual(want);

    // the third file removed after it was opened here: the thread cannot open it; the first two arrive whole first
    const again = paths.map((p, i) => { const r = openFeed(p, opts[i]); if (!r.ok) throw new Error(r.problem.message); return { reader: r.value, opts: opts[i] }; });
    rmSync(copy);
    const seen = [0, 0, 0];
    await expect((async () => {
      for await (const [i] of chunksAheadAll(again)) { seen[i]!++; await new Promise((r) => setTimeout(r, 3)); }
    })()).rejects.toThrow(/20131007_trade\.zip/);
    expect(seen).toEqual([want[0]!.length, want[1]!.length, 0]);
  }, 60_000);
});
