// Pieces shared by the readers: byte-level number parsing, chunk allocation, problem keeping.
import { fail, ok, type Problem, type Result } from '../../../src-shared/result.ts';
import type { BarChunk, TickChunk } from '../../../src-shared/domain/chunks.ts';
import { resolveInstrument, unknownInstrumentMessage, type InstrumentSpec } from '../../../src-shared/instruments.ts';
import type { FeedStats, OpenOptions } from './types.ts';
import { MAX_KEPT_PROBLEMS } from './types.ts';

export const DEFAULT_CHUNK_ROWS = 65_536;

const POW10: number[] = [];
for (let i = 0, p = 1; i <= 22; i++, p *= 10) POW10.push(p);

/**
 * A decimal number from bytes [s, e), surrounding blanks and quotes allowed. NaN when it is not one.
 * An integer mantissa of ≤ 15 digits divided by an exact power of ten is one correctly rounded
 * operation, so the result equals Number(text); longer or exponent forms fall back to Number().
 */
export function parseNum(b: Buffer, s: number, e: number): number {
  while (s < e && (b[s] === 32 || b[s] === 9)) s++;
  while (e > s && (b[e - 1] === 32 || b[e - 1] === 9 || b[e - 1] === 13)) e--;
  if (e - s >= 2 && b[s] === 34 && b[e - 1] === 34) { s++; e--; }
  if (s >= e) return NaN;
  let i = s;
  let neg = false;
  if (b[i] === 45) { neg = true; i++; } else if (b[i] === 43) i++;
  let m = 0;
  let digits = 0;
  let frac = 0;
  let dot = false;
  for (; i < e; i++) {
    const c = b[i]!;
    if (c >= 48 && c <= 57) { m = m * 10 + (c - 48); digits++; if (dot) frac++; }
    else if (c === 46 && !dot) dot = true;
    else if ((c === 101 || c === 69) && digits > 0) return slowNum(b, s, e);
    else return NaN;
  }
  if (digits === 0) return NaN;
  if (digits > 15) return slowNum(b, s, e);
  const v = frac === 0 ? m : m / POW10[frac]!;
  return neg ? -v : v;
}

function slowNum(b: Buffer, s: number, e: number): number {
  const v = Number(b.toString('latin1', s, e));
  return Number.isFinite(v) ? v : NaN;
}

// Every yielded chunk is freshly allocated (never reused), so consumers may keep chunks without copying.
export function newTickChunk(n: number): TickChunk {
  return { kind: 'ticks', n: 0, t: new Float64Array(n), price: new Float64Array(n), size: new Float64Array(n), volOnly: new Uint8Array(n) };
}

export function newBarChunk(n: number): BarChunk {
  return {
    kind: 'bars', n: 0, t: new Float64Array(n), o: new Float64Array(n), h: new Float64Array(n),
    l: new Float64Array(n), c: new Float64Array(n), v: new Float64Array(n),
  };
}

/** Trim a partly filled chunk to views of length n (no copy). */
export function trimChunk<T extends TickChunk | BarChunk>(ch: T): T {
  if (ch.kind === 'ticks') {
    return { ...ch, t: ch.t.subarray(0, ch.n), price: ch.price.subarray(0, ch.n), size: ch.size.subarray(0, ch.n), volOnly: ch.volOnly.subarray(0, ch.n) };
  }
  return {
    ...ch, t: ch.t.subarray(0, ch.n), o: ch.o.subarray(0, ch.n), h: ch.h.subarray(0, ch.n),
    l: ch.l.subarray(0, ch.n), c: ch.c.subarray(0, ch.n), v: ch.v.subarray(0, ch.n),
  };
}

/** Counts rows and keeps the first MAX_KEPT_PROBLEMS problems. */
export class RowLog {
  readonly stats: FeedStats = { rowsRead: 0, rowsRejected: 0, bytesRead: 0, duplicateBlocks: 0 };
  readonly problems: Problem[] = [];
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  reset(): void {
    this.stats.rowsRead = 0;
    this.stats.rowsRejected = 0;
    this.stats.bytesRead = 0;
    this.stats.duplicateBlocks = 0;
    this.problems.length = 0;
  }

  reject(line: number, field: string, message: string, expected: string, got: string, code = 'bad-row'): void {
    this.stats.rowsRejected++;
    if (this.problems.length < MAX_KEPT_PROBLEMS) {
      this.problems.push({ code, message, file: this.file, line, field, expected, got });
    }
  }

  /** `rows` rows dropped as one block (a repeated listing of the day): read and rejected, one problem. */
  dropBlock(line: number, rows: number, message: string, expected: string, got: string): void {
    this.stats.rowsRead += rows;
    this.stats.rowsRejected += rows;
    this.stats.duplicateBlocks++;
    if (this.problems.length < MAX_KEPT_PROBLEMS) {
      this.problems.push({ code: 'duplicate-block', message, file: this.file, line, field: 'time', expected, got });
    }
  }
}

/** Plausible magnitudes: prices in [MIN_PRICE, MAX_PRICE], volumes and sizes in [0, MAX_VOLUME]. */
export const MIN_PRICE = 1e-9;
export const MAX_PRICE = 1e12;
export const MAX_VOLUME = 1e15;
const PRICE_RULE = `${MIN_PRICE} … ${MAX_PRICE}`;
const VOLUME_RULE = `0 … ${MAX_VOLUME}`;
const badPrice = (p: number): boolean => !(p >= MIN_PRICE && p <= MAX_PRICE);
const badVolume = (v: number): boolean => !(v >= 0 && v <= MAX_VOLUME);

/**
 * Why a bar is not acceptable (field name, message, expected), or null. NaN fails every check.
 * Shared by the CSV and LEAN bar readers so both apply the same rules.
 */
export function badBar(o: number, h: number, l: number, c: number, v: number): [string, string, string] | null {
  if (badPrice(o)) return ['open', 'price must be a positive, finite, plausible number', PRICE_RULE];
  if (badPrice(h)) return ['high', 'price must be a positive, finite, plausible number', PRICE_RULE];
  if (badPrice(l)) return ['low', 'price must be a positive, finite, plausible number', PRICE_RULE];
  if (badPrice(c)) return ['close', 'price must be a positive, finite, plausible number', PRICE_RULE];
  if (badVolume(v)) return ['volume', 'volume must be a finite, plausible number ≥ 0', VOLUME_RULE];
  if (h < l) return ['high', 'high is below low', `≥ low ${l}`];
  if (h < o || h < c) return ['high', 'high is below open or close', `≥ ${Math.max(o, c)}`];
  if (l > o || l > c) return ['low', 'low is above open or close', `≤ ${Math.min(o, c)}`];
  return null;
}

/** Why a trade is not acceptable (field, message, expected), or null. */
export function badTick(p: number, size: number): [string, string, string] | null {
  if (badPrice(p)) return ['price', 'price must be a positive, finite, plausible number', PRICE_RULE];
  if (badVolume(size)) return ['size', 'size must be a finite, plausible number ≥ 0', VOLUME_RULE];
  return null;
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The instrument the caller named (opts.instrument), undefined when none; a name nobody defines is a Problem. */
export function namedInstrument(opts: OpenOptions, file: string): Result<InstrumentSpec | undefined> {
  if (!opts.instrument?.trim()) return ok(undefined);
  const spec = resolveInstrument(opts.instrument, opts.instruments ?? []);
  if (spec) return ok(spec);
  return fail('unknown-instrument', unknownInstrumentMessage(opts.instrument), { file, field: 'instrument', expected: 'a catalogue or config instrument', got: opts.instrument });
}

/** A symbol the file itself names (a column, an entry name): the config's instruments first, then the catalogue. */
export function fileInstrument(symbol: string, opts: OpenOptions): InstrumentSpec | undefined {
  return resolveInstrument(symbol, opts.instruments ?? []);
}
