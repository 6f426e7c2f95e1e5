// The checks every well-formed LEAN tick row goes through, whichever scanner read it (lean-ticks.ts,
// lean-tick-wasm.ts): time of day and plausibility, local time to UTC, the file's time sequence; and
// the message for a malformed row.
import type { TickChunk } from '../../../src-shared/domain/chunks.ts';
import { badTick, type RowLog } from './common.ts';
import { contentEnd, lineEnd } from './csv-split.ts';
import { DAY, HOUR, LEAN_JUMP_MS, leanUtc } from './lean-parse.ts';
import { EARLIER, HOLD, TimeSequence } from './time-sequence.ts';

const TICK_FIELDS = ['time', 'price', 'size', 'exchange', 'condition', 'suspicious'];

/** Reads rows into a sink until it holds `rows` or the data ends (then true). */
export interface TickScanner {
  fill(sink: TickSink, rows: number, log: RowLog): boolean;
  /** offset of the next row in the data */
  readonly pos: number;
}

/** Sale conditions whose prints count for volume only (PROVENANCE.md "Vendor rule"). */
export function volumeOnly(cond: number): number {
  return cond === 0x20 || cond === 0x20000020 || cond === 0x20100000 || cond === 0x20100200 || cond === 0x20040200 ? 1 : 0;
}

/** Takes well-formed rows: range checks, UTC, the time sequence (time-sequence.ts), the chunk's columns. */
export class TickSink {
  k = 0;
  /** the sequence's last accepted time, kept here on the hot path */
  last = -Infinity;
  #t: Float64Array = new Float64Array(0);
  #p: Float64Array = new Float64Array(0);
  #s: Float64Array = new Float64Array(0);
  #v: Uint8Array = new Uint8Array(0);
  #hP = 0; #hS = 0; #hV = 0; // the held-back row's values
  readonly #day: number;
  readonly #off: Float64Array;
  readonly #seq: TimeSequence;
  readonly #log: RowLog;

  constructor(day: number, off: Float64Array, log: RowLog) {
    this.#day = day; this.#off = off; this.#log = log;
    this.#seq = new TimeSequence({ jumpMs: LEAN_JUMP_MS, log, field: 'time', distinct: false, fmt: leanUtc });
  }

  /** a row is held back: the sequence judges the next row (the WebAssembly scanner leaves it to JS) */
  get held(): boolean { return this.#seq.held; }

  /** `n` rows taken in order by the WebAssembly scanner (its columns); `last` its last time. */
  take(t: Float64Array, p: Float64Array, s: Float64Array, v: Uint8Array, n: number, last: number): void {
    const k = this.k;
    this.#t.set(t.subarray(0, n), k); this.#p.set(p.subarray(0, n), k);
    this.#s.set(s.subarray(0, n), k); this.#v.set(v.subarray(0, n), k);
    this.k = k + n;
    this.last = last;
  }

  begin(ch: TickChunk): void {
    this.#t = ch.t; this.#p = ch.price; this.#s = ch.size; this.#v = ch.volOnly;
    this.k = 0;
  }

  /** Row `line`: ms since local midnight, price ×10,000, size, volume-only flag. */
  put(ms: number, price: number, size: number, vol: number, line: number): void {
    if (ms >= DAY + HOUR) { this.#log.reject(line, 'time', 'time of day out of range', '< 86400000 ms', String(ms)); return; }
    const p = price / 10_000;
    const why = badTick(p, size);
    if (why) { this.#log.reject(line, why[0], why[1], why[2], String(why[0] === 'price' ? price : size)); return; }
    const t = this.#day + ms - this.#off[(ms / HOUR) | 0]!;
    // the usual row (in order, no long jump) is taken here; the rest is judged by the sequence
    if (this.#seq.held || t < this.last || t - this.last > LEAN_JUMP_MS) { this.#offer(t, p, size, vol, line, ms); return; }
    this.last = t;
    this.#write(t, p, size, vol);
  }

  /** End of the data: a row still held back is written (TimeSequence.finish). */
  finish(): void {
    this.#seq.last = this.last;
    if (this.#seq.finish()) this.#write(this.#seq.heldT, this.#hP, this.#hS, this.#hV);
  }

  #offer(t: number, p: number, size: number, vol: number, line: number, ms: number): void {
    const seq = this.#seq;
    seq.last = this.last;
    const a = seq.offer(t, line, String(ms));
    this.last = seq.last;
    if (seq.commitHeld) this.#write(seq.commitT, this.#hP, this.#hS, this.#hV);
    if (a === EARLIER) return;
    if (a === HOLD) { this.#hP = p; this.#hS = size; this.#hV = vol; return; }
    this.last = t;
    this.#write(t, p, size, vol);
  }

  #write(t: number, p: number, size: number, vol: number): void {
    const k = this.k;
    this.#t[k] = t; this.#p[k] = p; this.#s[k] = size; this.#v[k] = vol;
    this.k = k + 1;
  }
}

/** Logs a malformed row (field `bad`, or too few fields; reading stopped at `i`) and returns where the next row starts. */
export function rejectTickRow(b: Buffer, rowStart: number, i: number, bad: number, line: number, log: RowLog): number {
  const e = lineEnd(b, i);
  const parts = b.toString('latin1', rowStart, contentEnd(b, rowStart, e)).split(',');
  if (parts.length < 5) log.reject(line, TICK_FIELDS[parts.length]!, 'too few fields', '6 fields', String(parts.length));
  else log.reject(line, TICK_FIELDS[bad]!, 'malformed field', fieldHint(bad), parts[bad] ?? '');
  return e + 1;
}

function fieldHint(f: number): string {
  return f === 3 ? 'an exchange code' : f === 4 ? 'a hex sale condition' : f === 5 ? '0 or 1' : 'an integer';
}
