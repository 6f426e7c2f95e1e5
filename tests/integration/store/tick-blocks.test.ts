// Ticks stored in blocks read back exactly as the one-row-per-tick table did: ordered by
// (t, import, seq), strictly after the cursor, at most `limit`, across overlapping imports, equal
// timestamps, unsorted chunks and sparse data; and a database with old `ticks` rows migrates intact.
import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { runMigrations } from '../../../src-main/store/migrations/index.ts';
import { appendTicks, cursorAt, decodeTickBlock, encodeTickBlock, readTicks, tickRange, type TickCursor } from '../../../src-main/store/ticks.ts';
import { listInstruments } from '../../../src-main/store/instruments.ts';
import type { WriteDb } from '../../../src-main/store/db.ts';
import type { TickChunk } from '../../../src-shared/domain/chunks.ts';
import { rng } from '../../../src-shared/rng.ts';

interface Tick { t: number; imp: number; seq: number; price: number; size: number; vol: number }


const cmp = (a: Tick, b: Tick) => a.t - b.t || a.imp - b.imp || a.seq - b.seq;
const after = (x: Tick, c: TickCursor) => x.t > c.t || (x.t === c.t && (x.imp > c.importId || (x.imp === c.importId && x.seq > c.seq)));

function freshDb(): WriteDb {
  const db = new Database(':memory:');
  runMigrations(db);
  return db as WriteDb;
}

function chunkOf(ticks: Tick[]): TickChunk {
  return {
    kind: 'ticks', n: ticks.length,
    t: Float64Array.from(ticks, (x) => x.t), price: Float64Array.from(ticks, (x) => x.price),
    size: Float64Array.from(ticks, (x) => x.size), volOnly: Uint8Array.from(ticks, (x) => x.vol),
  };
}

/** The reference: every tick of the instrument sorted, then filtered and cut as the SQL query did. */
function reference(all: Tick[], c: TickCursor, limit: number): Tick[] {
  return all.filter((x) => after(x, c)).slice(0, limit);
}

function rows(chunk: TickChunk): [number, number, number, number][] {
  return Array.from({ length: chunk.n }, (_, i) => [chunk.t[i]!, chunk.price[i]!, chunk.size[i]!, chunk.volOnly[i]!]);
}
const refRows = (ticks: Tick[]) => ticks.map((x) => [x.t, x.price, x.size, x.vol]);

/**
 * Store imports of one instrument as the importer does (chunks in file order, seq from 0), with
 * overlapping ranges, runs of equal times, an occasional step back in time and sparse stretches.
 */
function fill(db: WriteDb, instrumentId: number, imports: number[], seed: number): Tick[] {
  const r = rng(seed);
  const all: Tick[] = [];
  for (const imp of imports) {
    const n = 2_000 + Math.floor(r() * 9_000);
    let t = 1_380_000_000_000 + Math.floor(r() * 5) * 1_000; // imports start close together: they overlap
    const ticks: Tick[] = [];
    for (let i = 0; i < n; i++) {
      const u = r();
      if (u < 0.4) t += 0; // equal timestamps, within and across imports
      else if (u < 0.97) t += Math.floor(r() * 4);
      else if (u < 0.985) t -= Math.floor(r() * 50); // not time-sorted: the block is cut here
      else t += Math.floor(r() * 2 * 86_400_000); // sparse: a block may not span more than a day
      ticks.push({ t, imp, seq: i, price: 100 + Math.round(r() * 1e4) / 100, size: Math.floor(r() * 500) + r(), vol: r() < 0.1 ? 1 : 0 });
    }
    for (let a = 0; a < n;) {
      const b = Math.min(n, a + 1 + Math.floor(r() * 6_000)); // chunks above and below a block's size
      appendTicks(db, instrumentId, imp, chunkOf(ticks.slice(a, b)), a);
      a = b;
    }
    all.push(...ticks);
  }
  return all.sort(cmp);
}

describe('tick blocks', () => {
  const db = freshDb();
  const all = fill(db, 1, [3, 1, 2, 5], 42);
  const other = fill(db, 2, [4], 7); // another instrument's blocks must never show up

  it('cut where time goes back, hold at most 4,096 ticks and span at most a day', () => {
    const blocks = db.prepare('SELECT t0, t1, n, data FROM tick_blocks').all() as { t0: number; t1: number; n: number; data: Buffer }[];
    expect(blocks.reduce((s, b) => s + b.n, 0)).toBe(all.length + other.length);
    for (const b of blocks) {
      expect(b.n).toBeGreaterThan(0);
      expect(b.n).toBeLessThanOrEqual(4096);
      expect(b.t1 - b.t0).toBeLessThanOrEqual(86_400_000);
      expect(b.t1).toBeGreaterThanOrEqual(b.t0);
      const d = decodeTickBlock(b.data, b.n);
      expect([d.t[0], d.t[b.n - 1]]).toEqual([b.t0, b.t1]);
    }
  });

  it('tickRange counts every tick and gives the first and last time', () => {
    expect(tickRange(db, 1)).toEqual({ count: all.length, first: all[0]!.t, last: all[all.length - 1]!.t });
    expect(tickRange(db, 9)).toEqual({ count: 0, first: null, last: null });
  });

  it('readTicks from the start in chunks returns every tick in (t, import, seq) order', () => {
    for (const size of [1, 7, 4096, 20_000, 1_000_000]) {
      let c = cursorAt(-Infinity);
      const got: number[][] = [];
      for (;;) {
        const { chunk, last } = readTicks(db, 1, c, size);
        expect(chunk.n).toBeLessThanOrEqual(size);
        if (chunk.n === 0) { expect(last).toEqual(c); break; }
        got.push(...rows(chunk));
        c = last;
        if (size === 1 && got.length > 3000) break; // one tick at a time: a prefix is enough
      }
      expect(got).toEqual(refRows(all).slice(0, got.length));
      if (size !== 1) expect(got.length).toBe(all.length);
    }
  });

  it('readTicks matches the reference for random cursors and limits, and its cursor continues the order', () => {
    const r = rng(1);
    for (let k = 0; k < 400; k++) {
      const x = all[Math.floor(r() * all.length)]!;
      const u = r();
      const c: TickCursor = u < 0.5 ? { t: x.t, importId: x.imp, seq: x.seq } // a tick's own key
        : u < 0.8 ? cursorAt(x.t + Math.floor(r() * 3) - 1) // a time, as a seek does
          : { t: x.t, importId: Math.floor(r() * 7), seq: Math.floor(r() * 12_000) }; // a key between ticks
      const limit = [0, 1, 2, 5, 100, 4095, 4097, 20_000][Math.floor(r() * 8)]!;
      const want = reference(all, c, limit);
      const { chunk, last } = readTicks(db, 1, c, limit);
      expect(rows(chunk)).toEqual(refRows(want));
      const end = want[want.length - 1];
      expect(last).toEqual(end ? { t: end.t, importId: end.imp, seq: end.seq } : c);
    }
  });

  it('a late cursor and the end of the data', () => {
    const end = all[all.length - 1]!;
    expect(readTicks(db, 1, { t: end.t, importId: end.imp, seq: end.seq }, 10).chunk.n).toBe(0);
    expect(readTicks(db, 1, cursorAt(end.t + 1), 10).chunk.n).toBe(0);
    expect(rows(readTicks(db, 1, cursorAt(end.t), 10).chunk)).toEqual(refRows(reference(all, cursorAt(end.t), 10)));
    expect(readTicks(db, 9, cursorAt(-Infinity), 10).chunk.n).toBe(0);
  });

  it('the instrument list counts ticks from the blocks', () => {
    db.prepare("INSERT INTO instruments (id, symbol, name, kind, exchange_tz, tick_size, point_value) VALUES (1, 'SPY', 'SPY', 'equity', 'America/New_York', 0.01, 1)").run();
    expect(listInstruments(db).find((i) => i.symbol === 'SPY')!.ticks).toBe(all.length);
  });
});

describe('block codec', () => {
  const roundTrip = (t: number[], price: number[], size: number[]) => {
    const vol = Uint8Array.from(t, (_, i) => i % 2);
    const blob = encodeTickBlock(Float64Array.from(t), Float64Array.from(price), Float64Array.from(size), vol, 0, t.length);
    // an unaligned copy, as a blob may come back from SQLite
    const odd = new Uint8Array(blob.length + 1).subarray(1);
    odd.set(blob);
    for (const raw of [blob, odd]) {
      const d = decodeTickBlock(raw, t.length);
      for (const [got, want] of [[d.t, t], [d.price, price], [d.size, size]] as const) {
        expect(got.length).toBe(want.length);
        want.forEach((x, i) => expect(Object.is(got[i], x), `${got[i]} vs ${x}`).toBe(true));
      }
      expect([...d.vol]).toEqual([...vol]);
    }
    return blob.length;
  };

  it('packs decimal prices, whole sizes and ms times into 32-bit columns, exactly', () => {
    const n = 1000;
    const t = Array.from({ length: n }, (_, i) => 1_381_152_600_000 + i * 37);
    const price = Array.from({ length: n }, (_, i) => (1_685_600 + i * 13) / 10_000); // LEAN: price × 10,000
    const size = Array.from({ length: n }, (_, i) => 100 + i);
    expect(roundTrip(t, price, size)).toBeLessThan(14 * n + 40);
  });

  it('keeps 64-bit columns where 32 bits would not be exact', () => {
    expect(roundTrip([0.5, 1.25, 3], [0.1 + 0.2, 1e300, -0], [Number.NaN, Infinity, 2 ** 40])).toBeGreaterThan(3 * 24);
    roundTrip([-0, 0, 2 ** 31 + 5], [-5.5, 0, 2_147_483_647], [1e-9, 123.456789, -1]);
    roundTrip([-5, -0, 1], [1, 2, 3], [1, 2, 3]);
    roundTrip([-0, 1, 2], [1, 2, 3], [1, 2, 3]);
    roundTrip([1e15, 1e15 + 86_400_000], [60_000.12345678, 60_000.1], [0.001, 0.002]);
  });

  it('refuses a blob that is not a block', () => {
    expect(() => decodeTickBlock(new Uint8Array(25), 1)).toThrow(/codec/);
    const blob = encodeTickBlock(Float64Array.of(1, 2), Float64Array.of(1, 2), Float64Array.of(1, 2), Uint8Array.of(0, 0), 0, 2);
    expect(() => decodeTickBlock(blob, 3)).toThrow(/bytes for 3 ticks/);
  });
});

describe('migration 0080', () => {
  it('moves every old ticks row into blocks and drops the table', () => {
    const db = new Database(':memory:');
    runMigrations(db, 70);
    const r = rng(3);
    const old: (Tick & { inst: number })[] = [];
    // two instruments; imports overlapping in time, equal timestamps, a gap in seq, > one page of rows
    for (const [inst, imp, n, start] of [[1, 1, 30_000, 0], [1, 2, 25_000, 500], [2, 3, 9_000, 0], [1, 4, 3, 10]] as const) {
      let t = 1_380_000_000_000 + start;
      for (let i = 0; i < n; i++) {
        if (r() < 0.6) t += Math.floor(r() * 3);
        if (r() < 0.0005) t += 2 * 86_400_000;
        old.push({ inst, t, imp, seq: i < 10_000 ? i : i + 7, price: Math.round(r() * 1e6) / 100, size: Math.floor(r() * 100) + 0.5, vol: r() < 0.2 ? 1 : 0 });
      }
    }
    const ins = db.prepare('INSERT INTO ticks (instrument_id, t, import_id, seq, price, size, vol_only) VALUES (?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => { for (const x of old) ins.run(x.inst, x.t, x.imp, x.seq, x.price, x.size, x.vol); })();

    runMigrations(db);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    expect(tables).toContain('tick_blocks');
    expect(tables).not.toContain('ticks');
    for (const inst of [1, 2]) {
      const want = old.filter((x) => x.inst === inst).sort(cmp);
      const { chunk, last } = readTicks(db, inst, cursorAt(-Infinity), 1e9);
      expect(rows(chunk)).toEqual(refRows(want));
      const end = want[want.length - 1]!;
      expect(last).toEqual({ t: end.t, importId: end.imp, seq: end.seq });
      expect(tickRange(db, inst)).toEqual({ count: want.length, first: want[0]!.t, last: end.t });
      // the keys survive too: reading on from any tick's own key continues right after it
      for (let k = 0; k < 50; k++) {
        const i = Math.floor(r() * want.length);
        const x = want[i]!;
        expect(rows(readTicks(db, inst, { t: x.t, importId: x.imp, seq: x.seq }, 3).chunk)).toEqual(refRows(want.slice(i + 1, i + 4)));
      }
    }
    const blocks = db.prepare('SELECT COUNT(*) FROM tick_blocks').pluck().get() as number;
    expect(blocks).toBeLessThan(old.length / 100);
  });

  it('an empty ticks table migrates to an empty tick_blocks', () => {
    const db = new Database(':memory:');
    runMigrations(db, 70);
    runMigrations(db);
    expect(db.prepare('SELECT COUNT(*) FROM tick_blocks').pluck().get()).toBe(0);
  });
});
