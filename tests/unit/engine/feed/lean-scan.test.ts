// The WebAssembly LEAN tick scanner against the JS scanner (the reference every other LEAN test also
// checks through the default path): the same chunks bit for bit, the same stats and the same problems,
// on four real SPY days and on a generated file with every kind of row either hands over — malformed
// fields, empty and CRLF lines, numbers too long for exact integers, implausible values, times out of
// order or jumping ahead — across the 1 MB input windows and with small chunks. Plus independent
// expectations on a few hand-written rows (UTC times, volume-only flags) so neither can drift alone.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { leanTicks } from '../../../../src-main/engine/feed/lean-ticks.ts';
import { RowLog } from '../../../../src-main/engine/feed/common.ts';
import { zipEntries, zipReadLines } from '../../../../src-main/engine/feed/zip.ts';
import { localMs, zone } from '../../../../src-shared/time.ts';
import type { TickChunk } from '../../../../src-shared/domain/chunks.ts';
import { data } from './helpers.ts';

const NY = zone('America/New_York');

function read(raw: Buffer, day: number, chunkRows: number, wasm: boolean): { chunks: TickChunk[]; log: RowLog } {
  const log = new RowLog('f.csv');
  return { chunks: [...leanTicks(raw, day, NY, log, chunkRows, raw.length, wasm)], log };
}

const bytes = (a: Float64Array | Uint8Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function expectSame(raw: Buffer, day: number, chunkRows: number): TickChunk[] {
  const w = read(raw, day, chunkRows, true), j = read(raw, day, chunkRows, false);
  expect(w.chunks.map((c) => c.n)).toEqual(j.chunks.map((c) => c.n));
  w.chunks.forEach((c, i) => {
    const r = j.chunks[i]!;
    for (const k of ['t', 'price', 'size', 'volOnly'] as const) expect(bytes(c[k]).equals(bytes(r[k])), `chunk ${i} ${k}`).toBe(true);
  });
  expect(w.log.stats).toEqual(j.log.stats);
  expect(w.log.problems).toEqual(j.log.problems);
  return w.chunks;
}

describe('LEAN tick scanner: WebAssembly = JS', () => {
  it('four real SPY days (1,601,855 rows) give the same chunks, stats and problems', () => {
    let rows = 0;
    ['20131007', '20131008', '20131009', '20131010'].forEach((d, i) => {
      const buf = readFileSync(data(`lean/equity/usa/tick/spy/${d}_trade.zip`));
      const { data: raw } = zipReadLines(buf, zipEntries(buf).find((e) => e.name.endsWith('.csv'))!);
      rows += expectSame(raw, localMs(2013, 10, 7 + i), 65_536).reduce((s, c) => s + c.n, 0);
    });
    expect(rows).toBeGreaterThan(1_600_000);
  });

  it('every row either scanner hands over, across input windows and chunk edges', () => {
    const oddities = [
      '', '\r', 'x,1,1,P,0,0', '34200000,,100,P,0,0', '34200000,1000000,1x,P,0,0', '34200000,1000000,100',
      '34200000,1000000,100,P,,0', '34200000,1000000,100,P,0,2', '34200000,1000000,100,P,0,0,9', '34200000,1000000,100,P,0g,0',
      '34200000,12345678901234567,100,P,0,0', '34200000,1000000,100,P,00000000000000020,0', '34200000,0,100,P,0,0',
      '34200000,1000000,9999999999999999,P,0,0', '99999999,1000000,100,P,0,0', '34199000,1000000,100,P,0,0',
      '50000000,1000000,100,P,0,0', '34200000,1000000,100,P,20,0\r', '34200000,1000000,100,XYZ,2000002a,1', '34200000,1000000,100,P,20100200',
    ];
    const lines: string[] = [];
    let ms = 34_200_000;
    for (let i = 0; i < 70_000; i++) {
      if (i % 997 === 0) lines.push(oddities[(i / 997) % oddities.length]!.replace(/^34200000/, String(ms)));
      else lines.push(`${ms},${1_670_000 + (i % 200)},${100 + (i % 7)},P,${i % 5 === 0 ? '20' : '20002000'},${i % 301 === 0 ? 1 : 0}`);
      if (i % 3 === 0) ms++;
    }
    const raw = Buffer.from(lines.join('\n') + '\n', 'latin1');
    expect(raw.length).toBeGreaterThan(2 << 20); // three input windows
    const day = localMs(2013, 10, 7);
    const chunks = expectSame(raw, day, 4_093);
    expect(read(raw, day, 4_093, true).log.stats.rowsRejected).toBeGreaterThan(40);
    expectSame(raw.subarray(0, raw.length - 1), day, 7); // no final newline, tiny chunks
    expect(chunks.reduce((s, c) => s + c.n, 0)).toBeGreaterThan(69_000);
  });

  it('a line longer than the input window is read whole', () => {
    const raw = Buffer.from(`34200000,1000000,100,P,20,0\n34200001,1000100,5,${'Q'.repeat(1_200_000)},20002000,0\n34200002,1000200,7,P,20,0\n`, 'latin1');
    const [c] = expectSame(raw, localMs(2013, 10, 7), 100);
    expect(Array.from(c!.size)).toEqual([100, 5, 7]);
  });

  it('hand-checked rows: UTC times on a DST day, prices ÷ 10,000, volume-only conditions and suspicious prints', () => {
    // 2013-11-03: New York leaves DST at 02:00 local (06:00 UTC); 01:30 is read as EDT (the earlier reading)
    const raw = Buffer.from(['5400000,1762500,100,P,20002000,0', '10800000,1762600,200,P,20,0', '10800001,1762700,300,P,2000002A,1'].join('\n') + '\n', 'latin1');
    for (const wasm of [true, false]) {
      const [c] = read(raw, localMs(2013, 11, 3), 10, wasm).chunks;
      expect(Array.from(c!.t)).toEqual([Date.UTC(2013, 10, 3, 5, 30), Date.UTC(2013, 10, 3, 8, 0), Date.UTC(2013, 10, 3, 8, 0, 0, 1)]);
      expect(Array.from(c!.price)).toEqual([176.25, 176.26, 176.27]);
      expect(Array.from(c!.volOnly)).toEqual([0, 1, 1]);
    }
  });
});
