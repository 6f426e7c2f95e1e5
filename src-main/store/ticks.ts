// Every stored tick, in blocks (table tick_blocks, format in migrations/0080-tick-blocks.ts): a block
// holds up to BLOCK ticks of one import in file order (seq0 … seq0+n-1) with nondecreasing times, packed
// as columns in one blob. One B-tree entry per block instead of per tick is what makes storing every
// tick cheap; readers merge blocks back into the order (t, import, seq) the row table had.
import type Database from 'better-sqlite3';
import { cached } from './statements.ts';
import type { Db, WriteDb } from './handles.ts';
import type { TickChunk } from '../../src-shared/domain/chunks.ts';

/** Ticks per block at most. */
const BLOCK = 4096;
/** t1 − t0 of a block at most: the blocks around a time lie in [t − MAX_SPAN_MS, t] of t0 (format v80). */
const MAX_SPAN_MS = 86_400_000;
/** Decoded blocks kept per connection (a replayer re-reads the block its last chunk ended in). */
const CACHE_BLOCKS = 16;

type Stmt = Database.Statement<unknown[]>;
interface CacheEntry { t0: number; importId: number; seq0: number; n: number; d: Decoded }
interface State {
  insert: Stmt | null;
  around: Stmt;
  after: Stmt;
  data: Stmt;
  range: Stmt;
  cache: Map<number, CacheEntry>;
}
const states = new WeakMap<Db, State>();

function state(db: Db): State {
  let s = states.get(db);
  if (!s) {
    const meta = 'SELECT id, t0, import_id, seq0, n, t1 FROM tick_blocks WHERE instrument_id = ?';
    s = {
      insert: null,
      // blocks that may straddle a time t: t0 ≤ t ≤ t1 (t0 ≥ t − MAX_SPAN_MS by construction)
      around: db.prepare(`${meta} AND t0 >= ? AND t0 <= ? AND t1 >= ? ORDER BY t0, import_id, seq0`).raw(),
      // the next blocks in key order after a block key
      after: db.prepare(`${meta} AND (t0, import_id, seq0) > (?, ?, ?) ORDER BY t0, import_id, seq0 LIMIT ?`).raw(),
      data: db.prepare('SELECT data FROM tick_blocks WHERE id = ?').pluck(),
      range: db.prepare('SELECT COALESCE(SUM(n), 0) AS n, MIN(t0) AS first, MAX(t1) AS last FROM tick_blocks WHERE instrument_id = ?'),
      cache: new Map(),
    };
    states.set(db, s);
  }
  return s;
}

// ── Block codec ─────────────────────────────────────────────────────────────────────────────────
// A 16-byte header, then the columns t, price, size, vol_only, each starting on an 8-byte boundary:
//   byte 0      codec version (1)
//   byte 1      t:     0 = Float64 ×n; 1 = Int32 ×n, ms after the base time
//   byte 2, 3   price: 0 = Float64 ×n; 1 = Int32 ×n of price × 10^d, d = byte 3
//   byte 4, 5   size:  as price
//   bytes 8–15  base time (Float64), the block's first t
//   vol_only    Uint8 ×n
// Integer columns are chosen only where every value decodes back to the very same double
// (t = base + q; x = q / 10^d), so the codec is lossless; it halves what a LEAN tick costs to write.
const HEADER = 16;
const CODEC = 1;
const I32_MAX = 2_147_483_647;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const pad8 = (x: number) => (x + 7) & ~7;

/** Whether every x in [a, b) is exactly q / 10^d with q an int32 (never −0, NaN or ±∞). */
function exactAt(x: Float64Array, a: number, b: number, d: number): boolean {
  const s = POW10[d]!;
  for (let i = a; i < b; i++) {
    const v = x[i]!, q = Math.round(v * s);
    if (q / s !== v || q > I32_MAX || q < -I32_MAX || (v === 0 && Object.is(v, -0))) return false;
  }
  return true;
}

/**
 * Decimal places d ≤ 9 at which every x in [a, b) is exact (see exactAt), or −1. `hint` (the last
 * block's answer) is tried first: any exact d will do, so one pass settles the usual case.
 */
function decimals(x: Float64Array, a: number, b: number, hint: number): number {
  if (hint >= 0 && exactAt(x, a, b, hint)) return hint;
  let d = 0;
  for (let i = a; i < b; i++) {
    const v = x[i]!;
    while (!exactAt(x, i, i + 1, d)) if (++d === POW10.length) return -1;
  }
  // a later value may have raised d past what an earlier one needed
  return exactAt(x, a, b, d) ? d : -1;
}
let priceHint = -1, sizeHint = -1;

/** Pack ticks [a, b) of the columns into one block blob (format above). */
export function encodeTickBlock(t: Float64Array, price: Float64Array, size: Float64Array, vol: Uint8Array, a: number, b: number): Uint8Array {
  const n = b - a;
  const base = t[a]!;
  let tInt = true;
  for (let i = a; i < b; i++) {
    const x = t[i]!, q = x - base;
    if (!Number.isInteger(q) || q > I32_MAX || q < -I32_MAX || base + q !== x || Object.is(x, -0)) { tInt = false; break; }
  }
  const pd = decimals(price, a, b, priceHint), sd = decimals(size, a, b, sizeHint);
  priceHint = pd; sizeHint = sd;
  const wT = tInt ? 4 : 8, wP = pd >= 0 ? 4 : 8, wS = sd >= 0 ? 4 : 8;
  const oT = HEADER, oP = oT + pad8(wT * n), oS = oP + pad8(wP * n), oV = oS + pad8(wS * n);
  const buf = new Uint8Array(oV + n);
  const ab = buf.buffer;
  buf[0] = CODEC; buf[1] = tInt ? 1 : 0; buf[2] = pd >= 0 ? 1 : 0; buf[3] = Math.max(pd, 0); buf[4] = sd >= 0 ? 1 : 0; buf[5] = Math.max(sd, 0);
  new Float64Array(ab, 8, 1)[0] = base;
  if (tInt) { const o = new Int32Array(ab, oT, n); for (let i = 0; i < n; i++) o[i] = t[a + i]! - base; } else new Float64Array(ab, oT, n).set(t.subarray(a, b));
  if (pd >= 0) { const o = new Int32Array(ab, oP, n), m = POW10[pd]!; for (let i = 0; i < n; i++) o[i] = Math.round(price[a + i]! * m); } else new Float64Array(ab, oP, n).set(price.subarray(a, b));
  if (sd >= 0) { const o = new Int32Array(ab, oS, n), m = POW10[sd]!; for (let i = 0; i < n; i++) o[i] = Math.round(size[a + i]! * m); } else new Float64Array(ab, oS, n).set(size.subarray(a, b));
  buf.set(vol.subarray(a, b), oV);
  return buf;
}

interface Decoded { t: Float64Array; price: Float64Array; size: Float64Array; vol: Uint8Array }

/** Unpack a block blob of n ticks; integer columns come back as the exact doubles they encode. */
export function decodeTickBlock(raw: Uint8Array, n: number): Decoded {
  // typed-array views need aligned offsets
  const bytes = raw.byteOffset % 8 === 0 ? raw : new Uint8Array(raw);
  const ab = bytes.buffer, o0 = bytes.byteOffset;
  if (bytes.length < HEADER || bytes[0] !== CODEC) throw new Error(`tick block: unknown codec ${bytes[0]}`);
  const tInt = bytes[1] === 1, pInt = bytes[2] === 1, sInt = bytes[4] === 1;
  const oT = o0 + HEADER, oP = oT + pad8((tInt ? 4 : 8) * n), oS = oP + pad8((pInt ? 4 : 8) * n), oV = oS + pad8((sInt ? 4 : 8) * n);
  if (oV - o0 + n !== bytes.length) throw new Error(`tick block: ${bytes.length} bytes for ${n} ticks`);
  let t: Float64Array;
  if (tInt) {
    const base = new Float64Array(ab, o0 + 8, 1)[0]!, q = new Int32Array(ab, oT, n);
    t = new Float64Array(n);
    for (let i = 0; i < n; i++) t[i] = base + q[i]!;
  } else t = new Float64Array(ab, oT, n);
  const col = (isInt: boolean, d: number, o: number) => {
    if (!isInt) return new Float64Array(ab, o, n);
    const q = new Int32Array(ab, o, n), s = POW10[d]!, x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = q[i]! / s;
    return x;
  };
  return { t, price: col(pInt, bytes[3]!, oP), size: col(sInt, bytes[5]!, oS), vol: new Uint8Array(ab, oV, n) };
}

/** Where the cursor of a tick reader stands: the last row read. */
export interface TickCursor { t: number; importId: number; seq: number }

/**
 * Append a chunk of ticks (caller holds the transaction). `firstSeq` numbers the rows in file order
 * within the import, so equal timestamps replay in the order the file had them. The chunk becomes
 * blocks of up to BLOCK ticks, cut where time goes backwards or a block would span more than a day.
 */
export function appendTicks(db: WriteDb, instrumentId: number, importId: number, chunk: TickChunk, firstSeq: number): void {
  const s = state(db);
  const insert = s.insert ??= db.prepare('INSERT INTO tick_blocks (instrument_id, t0, import_id, seq0, n, t1, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const { t, price, size, volOnly } = chunk;
  const n = chunk.n;
  let a = 0;
  while (a < n) {
    const t0 = t[a]!;
    const limit = Math.min(n, a + BLOCK);
    let b = a + 1;
    for (let prev = t0; b < limit; b++) {
      const x = t[b]!;
      if (x < prev || x - t0 > MAX_SPAN_MS) break;
      prev = x;
    }
    insert.run(instrumentId, t0, importId, firstSeq + a, b - a, t[b - 1]!, encodeTickBlock(t, price, size, volOnly, a, b));
    a = b;
  }
}

/**
 * Remove the stored ticks of an instrument with from ≤ t ≤ to, except those of import `keep` (import
 * --replace of a tick file; caller holds the transaction). A block inside the range goes; one that
 * straddles it is written again with its ticks outside (same import, their own seq numbers; a block's
 * times never go back, so the removed ticks are one run). Returns the ticks each import lost.
 */
export function removeTicksBetween(db: WriteDb, instrumentId: number, keep: number, from: number, to: number): Map<number, number> {
  const s = state(db);
  const blocks = cached(db, 'SELECT id, t0, import_id, seq0, n, t1 FROM tick_blocks WHERE instrument_id = ? AND import_id != ? AND t0 <= ? AND t1 >= ?')
    .raw().all(instrumentId, keep, to, from) as Meta[];
  const del = cached(db, 'DELETE FROM tick_blocks WHERE id = ?');
  const insert = s.insert ??= db.prepare('INSERT INTO tick_blocks (instrument_id, t0, import_id, seq0, n, t1, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const lost = new Map<number, number>();
  for (const [id, t0, importId, seq0, n, t1] of blocks) {
    s.cache.delete(id);
    let a = 0, b = n;
    const d = t0 >= from && t1 <= to ? null : decodeTickBlock(s.data.get(id) as Uint8Array, n);
    if (d) {
      while (a < n && d.t[a]! < from) a++;
      for (b = a; b < n && d.t[b]! <= to;) b++;
    }
    del.run(id);
    lost.set(importId, (lost.get(importId) ?? 0) + (b - a));
    if (!d) continue;
    for (const [x, y] of [[0, a], [b, n]] as const) {
      if (y > x) insert.run(instrumentId, d.t[x]!, importId, seq0 + x, y - x, d.t[y - 1]!, encodeTickBlock(d.t, d.price, d.size, d.vol, x, y));
    }
  }
  return lost;
}

/** The cursor that makes `readTicks` start at the first tick with time ≥ t. */
export const cursorAt = (t: number): TickCursor => ({ t, importId: -1, seq: -1 });

/** An open block during a read: its ticks from `pos` on are still to merge. */
interface Open { importId: number; seq0: number; n: number; pos: number; d: Decoded }
type Meta = [id: number, t0: number, importId: number, seq0: number, n: number, t1: number];

function decode(s: State, meta: Meta): Decoded {
  const [id, t0, importId, seq0, n] = meta;
  const hit = s.cache.get(id);
  if (hit && hit.t0 === t0 && hit.importId === importId && hit.seq0 === seq0 && hit.n === n) {
    s.cache.delete(id);
    s.cache.set(id, hit); // most recently used last
    return hit.d;
  }
  const d = decodeTickBlock(s.data.get(id) as Uint8Array, n);
  s.cache.set(id, { t0, importId, seq0, n, d });
  if (s.cache.size > CACHE_BLOCKS) s.cache.delete(s.cache.keys().next().value!);
  return d;
}

/** First index ≥ from in block b whose key (t, import, seq) is greater than (t, importId, seq). */
function firstAfter(b: Open, from: number, t: number, importId: number, seq: number): number {
  const bt = b.d.t;
  // at equal time, whether the block's rows sort after: by import, then by seq
  const sameT = (i: number) => b.importId > importId || (b.importId === importId && b.seq0 + i > seq);
  let lo = from, hi = b.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = bt[mid]!;
    if (x > t || (x === t && sameT(mid))) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** Whether key a sorts before key b. */
const before = (ta: number, ia: number, sa: number, tb: number, ib: number, sb: number) =>
  ta < tb || (ta === tb && (ia < ib || (ia === ib && sa < sb)));

/** Up to `limit` ticks after the cursor, in time then file order, as a chunk. */
export function readTicks(db: Db, instrumentId: number, after: TickCursor, limit: number): { chunk: TickChunk; last: TickCursor } {
  const s = state(db);
  const open: Open[] = [];
  // Blocks straddling the cursor's time: skip what is at or before the cursor.
  if (limit > 0) {
    for (const m of s.around.all(instrumentId, after.t - MAX_SPAN_MS, after.t, after.t) as Meta[]) {
      const b: Open = { importId: m[2], seq0: m[3], n: m[4], pos: 0, d: decode(s, m) };
      b.pos = firstAfter(b, 0, after.t, after.importId, after.seq);
      if (b.pos < b.n) open.push(b);
    }
  }
  // Blocks starting after the cursor's time, in key order, fetched a page at a time.
  const pageSize = Math.min(1000, 8 + Math.ceil(limit / 1024));
  let pending: Meta[] = [];
  let pi = 0;
  let more = limit > 0;
  let pk: [number, number, number] = [after.t, Infinity, Infinity];
  const runs: { d: Decoded; from: number; to: number }[] = [];
  let total = 0;
  let lastT = after.t, lastImport = after.importId, lastSeq = after.seq;
  while (total < limit) {
    if (pi === pending.length && more) {
      pending = s.after.all(instrumentId, pk[0], pk[1], pk[2], pageSize) as Meta[];
      pi = 0;
      more = pending.length === pageSize;
      const l = pending[pending.length - 1];
      if (l) pk = [l[1], l[2], l[3]];
    }
    // the open block with the smallest head, and the smallest key of every other candidate
    let h = -1;
    for (let i = 0; i < open.length; i++) {
      const b = open[i]!, c = h < 0 ? null : open[h]!;
      if (!c || before(b.d.t[b.pos]!, b.importId, b.seq0 + b.pos, c.d.t[c.pos]!, c.importId, c.seq0 + c.pos)) h = i;
    }
    const p = pi < pending.length ? pending[pi]! : null;
    const head = h < 0 ? null : open[h]!;
    if (p && (!head || before(p[1], p[2], p[3], head.d.t[head.pos]!, head.importId, head.seq0 + head.pos))) {
      open.push({ importId: p[2], seq0: p[3], n: p[4], pos: 0, d: decode(s, p) });
      pi++;
      continue;
    }
    if (!head) break;
    // Take the head block's run up to the next smallest key of the others.
    let bt = Infinity, bi = Infinity, bs = Infinity;
    if (p) { bt = p[1]; bi = p[2]; bs = p[3]; }
    for (let i = 0; i < open.length; i++) {
      if (i === h) continue;
      const b = open[i]!, x = b.d.t[b.pos]!;
      if (before(x, b.importId, b.seq0 + b.pos, bt, bi, bs)) { bt = x; bi = b.importId; bs = b.seq0 + b.pos; }
    }
    let end = bt === Infinity && bi === Infinity ? head.n : firstAfter(head, head.pos + 1, bt, bi, bs);
    end = Math.min(end, head.pos + (limit - total));
    runs.push({ d: head.d, from: head.pos, to: end });
    total += end - head.pos;
    lastT = head.d.t[end - 1]!; lastImport = head.importId; lastSeq = head.seq0 + end - 1;
    head.pos = end;
    if (end === head.n) open.splice(h, 1);
  }
  const chunk: TickChunk = { kind: 'ticks', n: total, t: new Float64Array(total), price: new Float64Array(total), size: new Float64Array(total), volOnly: new Uint8Array(total) };
  let o = 0;
  for (const { d, from, to } of runs) {
    chunk.t.set(d.t.subarray(from, to), o);
    chunk.price.set(d.price.subarray(from, to), o);
    chunk.size.set(d.size.subarray(from, to), o);
    chunk.volOnly.set(d.vol.subarray(from, to), o);
    o += to - from;
  }
  return { chunk, last: total > 0 ? { t: lastT, importId: lastImport, seq: lastSeq } : after };
}

/** Ticks stored in all, over every instrument. */
export function storedTickCount(db: Db): number {
  return (db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM tick_blocks').get() as { n: number }).n;
}

export function tickRange(db: Db, instrumentId: number): { count: number; first: number | null; last: number | null } {
  const r = state(db).range.get(instrumentId) as { n: number; first: number | null; last: number | null };
  return { count: r.n, first: r.first, last: r.last };
}

/** The span of stored ticks of other imports that overlaps [from, to] (by their blocks), or null. */
export function overlappingTicks(db: Db, instrumentId: number, importId: number, from: number, to: number): { first: number; last: number } | null {
  const r = cached(db, `SELECT MIN(t0) AS first, MAX(t1) AS last FROM tick_blocks
    WHERE instrument_id = ? AND import_id != ? AND t0 <= ? AND t1 >= ?`).get(instrumentId, importId, to, from) as { first: number | null; last: number | null };
  return r.first === null ? null : { first: r.first, last: r.last! };
}
