// Timestamp parsing straight from bytes (no Date, no per-row strings). One scanner covers
// ISO (space or T, fraction, Z/±hh:mm), YYYYMMDD HHMMSS[fff] (HistData), d/m/yyyy or m/d/yyyy
// with or without zero padding and seconds, date-only fields and integer epoch s/ms/µs/ns.
import { daysFromCivil } from '../../../src-shared/time.ts';

const DAY = 86_400_000;

/** Set by parseStamp: true when the stamp carried its own zone (Z, ±hh:mm, or an epoch number), so the result is UTC. */
export const stampInfo = { zoned: false };

// Consecutive rows share their date: cache the last civil date → day number.
let lastDateKey = -1;
let lastDays = 0;

function dim(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function trimS(b: Buffer, s: number, e: number): number {
  while (s < e && (b[s] === 32 || b[s] === 9 || b[s] === 34)) s++;
  return s;
}
function trimE(b: Buffer, s: number, e: number): number {
  while (e > s && (b[e - 1] === 32 || b[e - 1] === 9 || b[e - 1] === 13 || b[e - 1] === 34)) e--;
  return e;
}

// Result slots of the clock scanner (module state avoids allocating a tuple per row).
let clockMs = 0;
let zoneOff = 0;

/** H:MM[:SS[.f…]] or HHMM / HHMMSS / HHMMSSfff from i; returns the index after it, or -1. */
function scanClock(b: Buffer, i: number, e: number): number {
  let g = 0;
  let n = 0;
  while (i < e && b[i]! >= 48 && b[i]! <= 57) { g = g * 10 + b[i]! - 48; n++; i++; }
  let h: number;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  if (i < e && b[i] === 58 && (n === 1 || n === 2)) {
    h = g;
    i++;
    if (i + 2 > e || !isDigit(b[i]!) || !isDigit(b[i + 1]!)) return -1;
    mi = (b[i]! - 48) * 10 + b[i + 1]! - 48;
    i += 2;
    if (i < e && b[i] === 58) {
      i++;
      if (i + 2 > e || !isDigit(b[i]!) || !isDigit(b[i + 1]!)) return -1;
      sec = (b[i]! - 48) * 10 + b[i + 1]! - 48;
      i += 2;
    }
  } else if (n === 4 || n === 6 || n === 9) {
    // compact: HHMM, HHMMSS, HHMMSSfff (milliseconds glued on, as HistData writes them)
    if (n === 9) { ms = g % 1000; g = Math.floor(g / 1000); }
    if (n === 4) g *= 100;
    h = Math.floor(g / 10000);
    mi = Math.floor(g / 100) % 100;
    sec = g % 100;
  } else return -1;
  if (i < e && (b[i] === 46 || b[i] === 44) && n !== 9) {
    // fraction: keep milliseconds, truncate the rest (µs, ns)
    i++;
    let k = 0;
    while (i < e && isDigit(b[i]!)) {
      if (k < 3) ms = ms * 10 + b[i]! - 48;
      k++;
      i++;
    }
    if (k === 0) return -1;
    for (; k < 3; k++) ms *= 10;
  }
  if (h > 23 || mi > 59 || sec > 59) return -1;
  clockMs = h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
  return i;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Optional zone suffix from i: Z, UTC, GMT, ±hh[:mm]; sets zoneOff (ms, local − UTC). Returns 1 zoned, 0 none, -1 junk. */
function scanZone(b: Buffer, i: number, e: number): number {
  while (i < e && b[i] === 32) i++;
  if (i >= e) return 0;
  const c = b[i]!;
  if (c === 90 || c === 122) { zoneOff = 0; return i + 1 === e ? 1 : -1; }
  if (c === 43 || c === 45) {
    const sign = c === 45 ? -1 : 1;
    i++;
    if (i + 2 > e || !isDigit(b[i]!) || !isDigit(b[i + 1]!)) return -1;
    const hh = (b[i]! - 48) * 10 + b[i + 1]! - 48;
    i += 2;
    let mm = 0;
    if (i < e && b[i] === 58) i++;
    if (i + 2 <= e && isDigit(b[i]!) && isDigit(b[i + 1]!)) { mm = (b[i]! - 48) * 10 + b[i + 1]! - 48; i += 2; }
    if (i !== e || hh > 14 || mm > 59) return -1;
    zoneOff = sign * (hh * 3_600_000 + mm * 60_000);
    return 1;
  }
  const word = b.toString('latin1', i, e).toUpperCase();
  if (word === 'UTC' || word === 'GMT') { zoneOff = 0; return 1; }
  return -1;
}

/**
 * Parse one stamp field. Returns wall-clock "local ms" (see src-shared/time.ts), or UTC ms when the
 * stamp carries a zone or is an epoch number (then stampInfo.zoned is true); NaN when unparsable.
 * dayFirst decides `a/b/yyyy`.
 */
export function parseStamp(b: Buffer, s: number, e: number, dayFirst: boolean): number {
  stampInfo.zoned = false;
  s = trimS(b, s, e);
  e = trimE(b, s, e);
  let i = s;
  let g1 = 0;
  while (i < e && isDigit(b[i]!)) { g1 = g1 * 10 + b[i]! - 48; i++; }
  const n1 = i - s;
  if (n1 === 0) return NaN;
  if (n1 >= 9 && (i === e || b[i] === 46)) return epoch(b, s, i, e, g1, n1);
  let y: number;
  let mo: number;
  let d: number;
  if (n1 === 8) {
    y = Math.floor(g1 / 10000);
    mo = Math.floor(g1 / 100) % 100;
    d = g1 % 100;
  } else if (n1 === 4 || n1 === 1 || n1 === 2) {
    const sep = b[i];
    if (sep !== 45 && sep !== 47 && sep !== 46) return NaN;
    i++;
    let g2 = 0;
    const s2 = i;
    while (i < e && isDigit(b[i]!)) { g2 = g2 * 10 + b[i]! - 48; i++; }
    if (i - s2 < 1 || i - s2 > 2 || b[i] !== sep) return NaN;
    i++;
    let g3 = 0;
    const s3 = i;
    while (i < e && isDigit(b[i]!)) { g3 = g3 * 10 + b[i]! - 48; i++; }
    const n3 = i - s3;
    if (n1 === 4) {
      if (n3 < 1 || n3 > 2) return NaN;
      y = g1; mo = g2; d = g3;
    } else {
      if (n3 !== 4) return NaN;
      y = g3;
      if (dayFirst) { d = g1; mo = g2; } else { mo = g1; d = g2; }
    }
  } else return NaN;
  if (mo < 1 || mo > 12 || d < 1 || d > dim(y, mo)) return NaN;
  let clock = 0;
  let zoned = 0;
  if (i < e) {
    const c = b[i];
    if (c !== 32 && c !== 84 && c !== 116) return NaN;
    i++;
    while (i < e && b[i] === 32) i++;
    i = scanClock(b, i, e);
    if (i < 0) return NaN;
    clock = clockMs;
    zoned = scanZone(b, i, e);
    if (zoned < 0) return NaN;
  }
  const key = (y * 16 + mo) * 32 + d;
  if (key !== lastDateKey) { lastDateKey = key; lastDays = daysFromCivil(y, mo, d); }
  const t = lastDays * DAY + clock;
  if (zoned === 1) { stampInfo.zoned = true; return t - zoneOff; }
  return t;
}

/** Integer epoch (digits [s, i)), unit by digit count: ≤10 s, ≤13 ms, ≤16 µs, else ns; an optional fraction of seconds. */
function epoch(b: Buffer, s: number, i: number, e: number, g: number, n: number): number {
  let t: number;
  if (n <= 10) {
    t = g * 1000;
    if (i < e) {
      // fractional seconds
      let k = 0;
      let ms = 0;
      for (i++; i < e; i++) {
        if (!isDigit(b[i]!)) return NaN;
        if (k < 3) { ms = ms * 10 + b[i]! - 48; k++; }
      }
      for (; k < 3; k++) ms *= 10;
      t += ms;
    }
  } else {
    if (i < e) return NaN;
    if (n <= 13) t = g;
    else {
      // re-read without the sub-millisecond digits so 19-digit ns values stay exact
      const drop = n <= 16 ? 3 : 6;
      if (n > 19) return NaN;
      t = 0;
      for (let k = s; k < s + n - drop; k++) t = t * 10 + b[k]! - 48;
    }
  }
  stampInfo.zoned = true;
  return t;
}

/** Milliseconds of the day for a separate time column (`09:30:00`, `930`, `093000`), or NaN. */
export function parseTimeOfDay(b: Buffer, s: number, e: number): number {
  s = trimS(b, s, e);
  e = trimE(b, s, e);
  const i = scanClock(b, s, e);
  return i === e ? clockMs : NaN;
}

/**
 * For day/month detection: the two leading groups of an `a/b/yyyy` stamp packed as a*100+b,
 * or -1 when the stamp has another form.
 */
export function slashPair(b: Buffer, s: number, e: number): number {
  s = trimS(b, s, e);
  e = trimE(b, s, e);
  let i = s;
  let a = 0;
  while (i < e && isDigit(b[i]!)) { a = a * 10 + b[i]! - 48; i++; }
  if (i - s < 1 || i - s > 2) return -1;
  const sep = b[i];
  if (sep !== 47 && sep !== 45 && sep !== 46) return -1;
  const s2 = ++i;
  let c = 0;
  while (i < e && isDigit(b[i]!)) { c = c * 10 + b[i]! - 48; i++; }
  if (i - s2 < 1 || i - s2 > 2 || b[i] !== sep) return -1;
  return a * 100 + c;
}

/** A short name of the stamp form, for FeedInfo.layout. */
export function describeStamp(text: string, dayFirst: boolean): string {
  const t = text.trim().replace(/^"|"$/g, '');
  if (/^\d{9,19}(\.\d+)?$/.test(t)) {
    const n = t.split('.')[0]!.length;
    return n <= 10 ? 'epoch s' : n <= 13 ? 'epoch ms' : n <= 16 ? 'epoch µs' : 'epoch ns';
  }
  if (/^\d{8}/.test(t)) return 'YYYYMMDD HHMMSS';
  if (/^\d{4}[-/.]/.test(t)) return /[T ]\d.*([zZ]|[+-]\d\d:?(\d\d)?)$/.test(t) ? 'ISO with offset' : 'ISO';
  return dayFirst ? 'day-first d/m/yyyy' : 'month-first m/d/yyyy';
}
