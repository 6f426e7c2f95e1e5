// Row loops for inflated LEAN CSV entries: minute bars, and the day's volume; ticks are in lean-ticks.ts.
import { formatLocalMs, type Zone } from '../../../src-shared/time.ts';
import { badBar, newBarChunk, parseNum, trimChunk, type RowLog } from './common.ts';
import { contentEnd, Fields, lineEnd, split } from './csv-split.ts';
import type { BarChunk } from '../../../src-shared/domain/chunks.ts';
import { leanDayBlocks } from './lean-blocks.ts';
import { HOLD, PUT, TimeSequence } from './time-sequence.ts';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** A LEAN file holds one day: a row more than an hour ahead of the last is checked against the next (time-sequence.ts). */
export const LEAN_JUMP_MS = HOUR;
/** A time in messages about LEAN rows. */
export const leanUtc = (t: number): string => `${formatLocalMs(t, true)} UTC`;

/**
 * UTC offset (local − UTC) for every local hour of the day, so rows convert with one table read.
 * US DST switches happen on the hour, so an hour never holds two offsets (except in the repeated
 * autumn hour, where the earlier reading is taken, as Zone.toUtc does).
 */
export function hourOffsets(day: number, z: Zone | null): Float64Array {
  const off = new Float64Array(26);
  if (z) for (let h = 0; h < 26; h++) off[h] = day + h * HOUR - z.toUtc(day + h * HOUR);
  return off;
}

const BAR_FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'];

/** LEAN minute trade bars `ms,open,high,low,close,volume`; prices divided by `scale`; z null = UTC. */
export function* leanBars(raw: Buffer, day: number, z: Zone | null, scale: number, log: RowLog, chunkRows: number): Generator<BarChunk> {
  const b = raw;
  const off = hourOffsets(day, z);
  const f = new Fields();
  const seq = new TimeSequence({ jumpMs: LEAN_JUMP_MS, log, field: 'time', distinct: true, fmt: leanUtc });
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
