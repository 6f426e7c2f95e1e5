// One CSV row at a time, each judged on its own: fields, time, values, then its place in the sequence.
// A row whose time jumps more than JUMP_MS ahead of the previous accepted row is held back (one row,
// in scalars: no allocation) until the next acceptable row shows whether the file continues from it
// (a real gap: kept) or returns to the old sequence (the row alone is rejected). Bars with the time of
// the previous bar are rejected (the first is kept). Local times: the repeated autumn hour's second
// pass takes the later offset; times inside the spring gap do not exist and are rejected.
import { formatLocalMs, type Zone } from '../../../src-shared/time.ts';
import type { BarChunk, TickChunk } from '../../../src-shared/domain/chunks.ts';
import { badBar, badTick, parseNum, type RowLog } from './common.ts';
import type { CsvLayout } from './csv-detect.ts';
import { Fields, split } from './csv-split.ts';
import { EARLIER, HOLD, TimeSequence } from './time-sequence.ts';
import { parseStamp, parseTimeOfDay, stampInfo } from './csv-timestamp.ts';

const QUARTER = 15 * 60_000;
/** a forward step larger than this is checked against the next row (7 days: longer than any holiday close) */
export const JUMP_MS = 7 * 86_400_000;
/** plausible times: 1970-01-01 ≤ t < 2100-01-01 UTC (fixed bounds: the reader reads no clock) */
export const MIN_TIME = 0;
export const MAX_TIME = Date.UTC(2100, 0, 1);
const utcText = (t: number): string => `${formatLocalMs(t, true)} UTC`;
/** A time as the file writes it: local stamps in the file's zone (a message never mixes zones), zoned ones in UTC. */
const fileText = (z: Zone | null, zonedFile: boolean) => (z === null || zonedFile ? utcText
  : (t: number): string => `${z.format(t, t % 1000 !== 0)} ${z.name}`);

export class CsvRows {
  readonly #b: Buffer;
  readonly #l: CsvLayout;
  readonly #z: Zone | null;
  readonly #log: RowLog;
  readonly #f = new Fields();
  readonly #need: number;
  readonly #symBytes: Buffer;
  readonly #zonedFile: boolean;
  #nul: number;
  #memoKey = NaN;
  #memoOff = 0;
  /** each row's place in the sequence (a forward jump held back, earlier and duplicate rows rejected) */
  readonly #seq: TimeSequence;
  // the held-back row's values
  #pO = 0; #pH = 0; #pL = 0; #pC = 0; #pV = 0;
  // the current row's values
  #o = 0; #h = 0; #lo = 0; #c = 0; #v = 0;
  ch: BarChunk | TickChunk;

  readonly #maxLine: number;

  constructor(b: Buffer, l: CsvLayout, z: Zone | null, log: RowLog, ch: BarChunk | TickChunk, maxLine: number) {
    this.#b = b; this.#l = l; this.#z = z; this.#log = log; this.ch = ch; this.#maxLine = maxLine;
    this.#need = Math.max(l.tsCol, l.timeCol, l.actionCol, l.symbolCol, ...l.cols) + 1;
    this.#symBytes = Buffer.from(l.symbol, 'latin1');
    this.#zonedFile = l.absolute !== null;
    this.#nul = b.indexOf(0);
    this.#seq = new TimeSequence({ jumpMs: JUMP_MS, jumpText: `${JUMP_MS / 86_400_000} days`, log, field: 'timestamp', distinct: l.kind === 'bars', fmt: fileText(z, this.#zonedFile) });
  }

  #text(j: number): string {
    return this.#b.toString('latin1', this.#f.s[j]!, this.#f.e[j]!).trim().slice(0, 60);
  }

  /** One non-blank line [s, e) at physical line `ln`: written to `ch`, held back, passed over or rejected. */
  line(s: number, e: number, ln: number): void {
    const b = this.#b, l = this.#l, f = this.#f, log = this.#log;
    if (this.#nul >= 0 && this.#nul < s) this.#nul = b.indexOf(0, s);
    if (this.#nul >= s && this.#nul < e) {
      log.stats.rowsRead++;
      log.reject(ln, 'row', 'binary data (NUL byte) in the line', 'text', `NUL at column ${this.#nul - s + 1}`);
      return;
    }
    if (e - s > this.#maxLine) { // not split: a junk line costs no more than its scan
      log.stats.rowsRead++;
      log.reject(ln, 'row', `line longer than ${this.#maxLine.toLocaleString('en-US')} bytes (limits.max_line_kb)`, `at most ${this.#maxLine} bytes`, `${e - s} bytes`);
      return;
    }
    const n = split(b, s, e, l.sep, f, l.fields + 1);
    if (n < this.#need) {
      log.stats.rowsRead++;
      const missing = [l.tsCol, l.timeCol, ...l.cols].findIndex((c) => c >= n);
      const name = missing < 0 ? 'row' : missing === 0 ? 'timestamp' : missing === 1 ? 'time' : l.roles[missing - 2] ?? 'row';
      log.reject(ln, name, 'too few fields', `${l.fields} fields`, `${n}`);
      return;
    }
    // rows of other kinds or instruments are passed over (not read, not rejected)
    if (l.actionCol >= 0 && !(f.e[l.actionCol]! - f.s[l.actionCol]! === 1 && b[f.s[l.actionCol]!] === 84)) return;
    if (l.symbolCol >= 0 && !sameBytes(b, f.s[l.symbolCol]!, f.e[l.symbolCol]!, this.#symBytes)) return;
    log.stats.rowsRead++;
    if (n !== l.fields) {
      log.reject(ln, 'row', n > l.fields ? 'too many fields' : 'too few fields', `${l.fields} fields`, n > l.fields ? `more than ${l.fields}` : `${n}`);
      return;
    }
    const t = this.#time(ln);
    if (Number.isNaN(t) || !this.#values(ln)) return;
    this.#offer(t, ln);
  }

  /** The row's UTC time, or NaN (rejected and reported here). */
  #time(ln: number): number {
    const b = this.#b, l = this.#l, f = this.#f;
    let t = parseStamp(b, f.s[l.tsCol]!, f.e[l.tsCol]!, l.dayFirst);
    const zoned = stampInfo.zoned;
    if (l.timeCol >= 0) t += parseTimeOfDay(b, f.s[l.timeCol]!, f.e[l.timeCol]!);
    if (Number.isNaN(t)) {
      const bad = l.timeCol >= 0 && !Number.isNaN(parseStamp(b, f.s[l.tsCol]!, f.e[l.tsCol]!, l.dayFirst));
      this.#log.reject(ln, bad ? 'time' : 'timestamp', 'unparsable timestamp', l.stampForm, this.#text(bad ? l.timeCol : l.tsCol));
      return NaN;
    }
    if (zoned !== this.#zonedFile) {
      this.#log.reject(ln, 'timestamp', zoned ? 'a stamp with its own zone (or an epoch number) in a file of local stamps' :
        'a local stamp in a file whose stamps carry a zone', l.stampForm, this.#text(l.tsCol));
      return NaN;
    }
    if (!zoned && this.#z !== null) t = this.#local(t, ln);
    if (t < MIN_TIME || t >= MAX_TIME) {
      if (!Number.isNaN(t)) this.#log.reject(ln, 'timestamp', 'impossible date', '1970-01-01 … 2099-12-31 UTC', this.#text(l.tsCol));
      return NaN;
    }
    return t;
  }

  /** Wall-clock `t` in the file's zone → UTC; NaN (reported) inside the spring gap. */
  #local(t: number, ln: number): number {
    const key = Math.floor(t / QUARTER);
    if (key === this.#memoKey) return t - this.#memoOff;
    const z = this.#z!;
    let u = z.toUtc(t);
    if (z.toLocal(u) !== t) {
      this.#log.reject(ln, 'timestamp', 'local time does not exist (clocks skip it at the daylight-saving change)',
        `a time outside ${formatLocalMs(t - (t % QUARTER))}'s gap in ${z.name}`, this.#text(this.#l.tsCol));
      return NaN;
    }
    const later = z.toUtc(t, 'later');
    if (later !== u) {
      // the repeated autumn hour: the second pass (time went back) takes the later offset
      const seq = this.#seq;
      if (u < (seq.held ? seq.heldT : seq.last) && later >= seq.last) u = later;
      return u;
    }
    const off = t - u;
    const q0 = key * QUARTER;
    if (q0 - z.toUtc(q0) === off && q0 + QUARTER - 1 - z.toUtc(q0 + QUARTER - 1) === off) { this.#memoKey = key; this.#memoOff = off; }
    return u;
  }

  /** Parse and check the prices (and volume or size) into the current-row slots; false when rejected. */
  #values(ln: number): boolean {
    const b = this.#b, l = this.#l, f = this.#f, cols = l.cols;
    if (l.kind === 'bars') {
      this.#o = parseNum(b, f.s[cols[0]!]!, f.e[cols[0]!]!);
      this.#h = parseNum(b, f.s[cols[1]!]!, f.e[cols[1]!]!);
      this.#lo = parseNum(b, f.s[cols[2]!]!, f.e[cols[2]!]!);
      this.#c = parseNum(b, f.s[cols[3]!]!, f.e[cols[3]!]!);
      this.#v = cols[4]! >= 0 ? parseNum(b, f.s[cols[4]!]!, f.e[cols[4]!]!) : 0;
      const why = badBar(this.#o, this.#h, this.#lo, this.#c, this.#v);
      if (why) this.#log.reject(ln, why[0], why[1], why[2], this.#text(cols[l.roles.indexOf(why[0])]!));
      return why === null;
    }
    this.#o = parseNum(b, f.s[cols[0]!]!, f.e[cols[0]!]!);
    this.#v = cols[1]! >= 0 ? parseNum(b, f.s[cols[1]!]!, f.e[cols[1]!]!) : 0;
    const why = badTick(this.#o, this.#v);
    if (why) this.#log.reject(ln, why[0], why[1], why[2], this.#text(cols[why[0] === 'price' ? 0 : 1]!));
    return why === null;
  }

  /** Place a checked row in the sequence (time-sequence.ts). */
  #offer(t: number, ln: number): void {
    const seq = this.#seq;
    if (!seq.fits(t)) {
      const a = seq.offer(t, ln, this.#text(this.#l.tsCol));
      if (seq.commitHeld) this.#put(seq.commitT, this.#pO, this.#pH, this.#pL, this.#pC, this.#pV);
      if (a === EARLIER) return;
      if (a === HOLD) { this.#pO = this.#o; this.#pH = this.#h; this.#pL = this.#lo; this.#pC = this.#c; this.#pV = this.#v; return; }
    }
    this.#put(t, this.#o, this.#h, this.#lo, this.#c, this.#v);
  }

  /** End of the file: a held-back row left is accepted. */
  finish(): void {
    if (this.#seq.finish()) this.#put(this.#seq.heldT, this.#pO, this.#pH, this.#pL, this.#pC, this.#pV);
  }

  #put(t: number, o: number, h: number, lo: number, c: number, v: number): void {
    const ch = this.ch;
    const i = ch.n++;
    ch.t[i] = t;
    if (ch.kind === 'bars') { ch.o[i] = o; ch.h[i] = h; ch.l[i] = lo; ch.c[i] = c; ch.v[i] = v; }
    else { ch.price[i] = o; ch.size[i] = v; }
  }
}

function sameBytes(b: Buffer, s: number, e: number, want: Buffer): boolean {
  while (s < e && b[s] === 32) s++;
  while (e > s && b[e - 1] === 32) e--;
  if (e - s !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (b[s + i] !== want[i]) return false;
  return true;
}
