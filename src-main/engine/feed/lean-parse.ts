// Row loops for inflated LEAN CSV entries. Ticks: hand-rolled byte loop (no split, no strings).
import { formatLocalMs, type Zone } from '../../../src-shared/time.ts';
import { badBar, badTick, newBarChunk, newTickChunk, parseNum, trimChunk, type RowLog } from './common.ts';
import { contentEnd, Fields, lineEnd, split } from './csv-split.ts';
import type { BarChunk, TickChunk } from '../../../src-shared/domain/chunks.ts';
import { leanDayBlocks } from './lean-blocks.ts';
import { EARLIER, HOLD, PUT, TimeSequence } from './time-sequence.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const TICK_FIELDS = ['time', 'price', 'size', 'exchange', 'condition', 'suspicious'];
/** A LEAN file holds one day: a row more than an hour ahead of the last is checked against the next (time-sequence.ts). */
export const LEAN_JUMP_MS = HOUR;
const utc = (t: number): string => `${formatLocalMs(t, true)} UTC`;

/** A buffer that surely ends with '\n', so byte loops stop at a newline without bounds checks. */
function terminated(data: Buffer): Buffer {
  return data.length > 0 && data[data.length - 1] !== 10 ? Buffer.concat([data, Buffer.from('\n')]) : data;
}

/**
 * UTC offset (local − UTC) for every local hour of the day, so rows convert with one table read.
 * US DST switches happen on the hour, so an hour never holds two offsets (except in the repeated
 * autumn hour, where the earlier reading is taken, as Zone.toUtc does).
 */
function hourOffsets(day: number, z: Zone | null): Float64Array {
  const off = new Float64Array(26);
  if (z) for (let h = 0; h < 26; h++) off[h] = day + h * HOUR - z.toUtc(day + h * HOUR);
  return off;
}

/** Sale conditions whose prints count for volume only (PROVENANCE.md "Vendor rule"). */
function volumeOnly(cond: number): number {
  return cond === 0x20 || cond === 0x20000020 || cond === 0x20100000 || cond === 0x20100200 || cond === 0x20040200 ? 1 : 0;
}

/** LEAN equity trade ticks `ms,price*10000,size,exchange,condition_hex,suspicious`; `bytes`: the content's length (a '\n' zip.ts appended not counted). */
export function* leanTicks(raw: Buffer, day: number, z: Zone | null, log: RowLog, chunkRows: number, bytes = raw.length): Generator<TickChunk> {
  const b = terminated(raw);
  const n = b.length;
  const off = hourOffsets(day, z);
  const seq = new TimeSequence({ jumpMs: LEAN_JUMP_MS, log, field: 'time', distinct: false, fmt: utc });
  let hP = 0, hS = 0, hV = 0; // the held-back row's values
  // one slot more than a chunk: a row and a held one before it may land in one step
  let ch = newTickChunk(chunkRows + 1);
  let tA = ch.t;
  let pA = ch.price;
  let sA = ch.size;
  let vA = ch.volOnly;
  let k = 0;
  let last = -Infinity; // the sequence's last accepted time, kept in a local on the hot path
  let line = 0;
  let i = 0;
  const stats = log.stats;
  while (i < n) {
    if (k >= chunkRows) {
      ch.n = k;
      stats.bytesRead = Math.min(i, bytes);
      yield trimChunk(ch);
      ch = newTickChunk(chunkRows + 1);
      tA = ch.t; pA = ch.price; sA = ch.size; vA = ch.volOnly;
      k = 0;
    }
    line++;
    const rowStart = i;
    let c = b[i]!;
    if (c === 10 || (c === 13 && b[i + 1] === 10)) { i += c === 13 ? 2 : 1; continue; } // empty line
    stats.rowsRead++;
    let bad = -1;
    let ms = 0;
    let price = 0;
    let size = 0;
    let cond = 0;
    let susp = 0;
    // The field loops stop at the first non-digit; each must then see its separator.
    parse: {
      let s = i;
      while ((c = b[i]!) >= 48 && c <= 57) { ms = ms * 10 + (c - 48); i++; }
      if (i === s || c !== 44) { bad = 0; break parse; }
      s = ++i;
      while ((c = b[i]!) >= 48 && c <= 57) { price = price * 10 + (c - 48); i++; }
      if (i === s || c !== 44) { bad = 1; break parse; }
      s = ++i;
      while ((c = b[i]!) >= 48 && c <= 57) { size = size * 10 + (c - 48); i++; }
      if (i === s || c !== 44) { bad = 2; break parse; }
      i++;
      while ((c = b[i]!) !== 44 && c !== 10) i++;
      if (c !== 44) { bad = 3; break parse; }
      s = ++i;
      for (;;) {
        c = b[i]!;
        if (c >= 48 && c <= 57) cond = cond * 16 + (c - 48);
        else if (c >= 97 && c <= 102) cond = cond * 16 + (c - 87);
        else if (c >= 65 && c <= 70) cond = cond * 16 + (c - 55);
        else break;
        i++;
      }
      if (i === s) { bad = 4; break parse; }
      if (c === 44) {
        c = b[++i]!;
        if (c === 49) susp = 1;
        else if (c !== 48) { bad = 5; break parse; }
        c = b[++i]!;
      }
      if (c === 13) c = b[++i]!;
      if (c !== 10) { bad = c === 44 || (c >= 48 && c <= 57) ? 5 : 4; break parse; }
      i++;
    }
    if (bad >= 0) {
      const e = lineEnd(b, i);
      const parts = b.toString('latin1', rowStart, contentEnd(b, rowStart, e)).split(',');
      if (parts.length < 5) log.reject(line, TICK_FIELDS[parts.length]!, 'too few fields', '6 fields', String(parts.length));
      else log.reject(line, TICK_FIELDS[bad]!, 'malformed field', fieldHint(bad), parts[bad] ?? '');
      i = e + 1;
      continue;
    }
    const hr = (ms / HOUR) | 0;
    if (ms >= DAY + HOUR) { log.reject(line, 'time', 'time of day out of range', '< 86400000 ms', String(ms)); continue; }
    const p = price / 10_000;
    const why = badTick(p, size);
    if (why) { log.reject(line, why[0], why[1], why[2], String(why[0] === 'price' ? price : size)); continue; }
    const t = day + ms - off[hr]!;
    // A trade the vendor flags suspicious still counts for volume but not for price: that is how
    // LEAN's own minute bars treat them (2013-10-10: 98.98 % identical bars vs 97.85 % when dropped).
    const vol = susp === 1 ? 1 : volumeOnly(cond);
    // the usual row (in order, no long jump) is taken here; the rest is judged by the sequence
    if (seq.held || t < last || t - last > LEAN_JUMP_MS) {
      seq.last = last;
      const a = seq.offer(t, line, String(ms));
      last = seq.last;
      if (seq.commitHeld) { tA[k] = seq.commitT; pA[k] = hP; sA[k] = hS; vA[k] = hV; k++; }
      if (a === EARLIER) continue;
      if (a === HOLD) { hP = p; hS = size; hV = vol; continue; }
    }
    last = t;
    tA[k] = t;
    pA[k] = p;
    sA[k] = size;
    vA[k] = vol;
    k++;
  }
  if (k >= chunkRows) {
    ch.n = k;
    stats.bytesRead = bytes;
    yield trimChunk(ch);
    ch = newTickChunk(chunkRows + 1);
    k = 0;
  }
  seq.last = last;
  if (seq.finish()) { ch.t[k] = seq.heldT; ch.price[k] = hP; ch.size[k] = hS; ch.volOnly[k] = hV; k++; }
  stats.bytesRead = bytes;
  ch.n = k;
  if (k > 0) yield trimChunk(ch);
}

function fieldHint(f: number): string {
  return f === 3 ? 'an exchange code' : f === 4 ? 'a hex sale condition' : f === 5 ? '0 or 1' : 'an integer';
}

const BAR_FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'];

/** LEAN minute trade bars `ms,open,high,low,close,volume`; prices divided by `scale`; z null = UTC. */
export function* leanBars(raw: Buffer, day: number, z: Zone | null, scale: number, log: RowLog, chunkRows: number): Generator<BarChunk> {
  const b = raw;
  const off = hourOffsets(day, z);
  const f = new Fields();
  const seq = new TimeSequence({ jumpMs: LEAN_JUMP_MS, log, field: 'time', distinct: true, fmt: utc });
  const held = new Float64Array(5); // o h l c v of the held-back row
  const put = (t: number, o: number, h: number, l: number, c: number, v: number): void => {
    const i = ch.n++;
    ch.t[i] = t; ch.o[i] = o; ch.h[i] = h; ch.l[i] = l; ch.c[i] = c; ch.v[i] = v;
  };
  // one slot more than a chunk: a row and a held one before it may land in one step
  let ch = newBarChunk(chunkRows + 1);
  // a day listed twice: only its last listing is read (lean-blocks.ts says why)
  const blocks = leanDayBlocks(b);
  for (const d of blocks.dropped) {
    log.dropBlock(d.line, d.rows, `lines ${d.line}-${d.endLine}: the day is listed again later (kept: the last listing, from line ` +
      `${blocks.startLine}, LEAN's raw prices); these ${d.rows} rows are dropped`, 'one listing of the day', 'the same minutes and volumes twice');
  }
  let line = blocks.startLine - 1;
  let pos = blocks.start;
  while (pos < b.length) {
    if (ch.n >= chunkRows) {
      log.stats.bytesRead = pos;
      yield trimChunk(ch);
      ch = newBarChunk(chunkRows + 1);
    }
    const nl = lineEnd(b, pos);
    const e = contentEnd(b, pos, nl);
    const s = pos;
    line++;
    pos = nl + 1;
    if (e === s) continue;
    log.stats.rowsRead++;
    const n = split(b, s, e, 44, f, 6);
    const text = (j: number): string => b.toString('latin1', f.s[j]!, f.e[j]!);
    if (n < 6) { log.reject(line, BAR_FIELDS[n]!, 'too few fields', '6 fields', String(n)); continue; }
    const ms = parseNum(b, f.s[0]!, f.e[0]!);
    if (!Number.isInteger(ms) || ms < 0 || ms >= DAY + HOUR) { log.reject(line, 'time', 'bad time of day', 'ms since midnight', text(0)); continue; }
    const v = [1, 2, 3, 4].map((j) => parseNum(b, f.s[j]!, f.e[j]!) / scale);
    const vol = parseNum(b, f.s[5]!, f.e[5]!);
    const why = badBar(v[0]!, v[1]!, v[2]!, v[3]!, vol);
    if (why) { log.reject(line, why[0], why[1], why[2], text(BAR_FIELDS.indexOf(why[0]))); continue; }
    const t = day + ms - off[(ms / HOUR) | 0]!;
    if (!seq.fits(t)) {
      const a = seq.offer(t, line, text(0));
      if (seq.commitHeld) put(seq.commitT, held[0]!, held[1]!, held[2]!, held[3]!, held[4]!);
      if (a === HOLD) held.set([v[0]!, v[1]!, v[2]!, v[3]!, vol]);
      if (a !== PUT) continue;
    }
    put(t, v[0]!, v[1]!, v[2]!, v[3]!, vol);
  }
  if (ch.n >= chunkRows) {
    log.stats.bytesRead = b.length;
    yield trimChunk(ch);
    ch = newBarChunk(chunkRows + 1);
  }
  if (seq.finish()) put(seq.heldT, held[0]!, held[1]!, held[2]!, held[3]!, held[4]!);
  log.stats.bytesRead = b.length;
  if (ch.n > 0) yield trimChunk(ch);
}

/** Sum of the last (volume) column of the day's last listing, to find the most traded futures expiry. */
export function leanVolume(b: Buffer): number {
  let sum = 0;
  let pos = leanDayBlocks(b).start;
  while (pos < b.length) {
    const nl = lineEnd(b, pos);
    const e = contentEnd(b, pos, nl);
    const comma = e > pos ? b.lastIndexOf(44, e - 1) : -1;
    if (comma >= pos) {
      const v = parseNum(b, comma + 1, e);
      if (v > 0) sum += v;
    }
    pos = nl + 1;
  }
  return sum;
}
