// Field splitting on bytes: field bounds go into reusable Int32Arrays, no strings are made.

export const MAX_FIELDS = 256;

export class Fields {
  readonly s = new Int32Array(MAX_FIELDS);
  readonly e = new Int32Array(MAX_FIELDS);
  n = 0;
}

/** End of the line starting at pos (index of '\n' or buf.length), and the content end without '\r'. */
export function lineEnd(b: Buffer, pos: number): number {
  const nl = b.indexOf(10, pos);
  return nl < 0 ? b.length : nl;
}

export function contentEnd(b: Buffer, s: number, nl: number): number {
  return nl > s && b[nl - 1] === 13 ? nl - 1 : nl;
}

/** True when [s, e) holds only blanks. */
export function blank(b: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] !== 32 && b[i] !== 9) return false;
  return true;
}

/**
 * Split [s, e) on sep into f. A field that starts with '"' runs to its closing quote ("" escapes a
 * quote), so quoted separators are kept; quotes themselves are stripped later by the value parsers.
 * Stops after `max` fields (the rest of the line is not needed).
 */
export function split(b: Buffer, s: number, e: number, sep: number, f: Fields, max = MAX_FIELDS): number {
  let n = 0;
  let i = s;
  while (n < max) {
    f.s[n] = i;
    if (b[i] === 34) {
      i++;
      while (i < e) {
        if (b[i] === 34) { if (b[i + 1] === 34) i += 2; else { i++; break; } } else i++;
      }
    }
    while (i < e && b[i] !== sep) i++;
    f.e[n++] = i;
    if (i >= e) break;
    i++;
  }
  f.n = n;
  return n;
}

/** Field j as a trimmed, unquoted string (detection and messages only, never on the hot path). */
export function fieldText(b: Buffer, f: Fields, j: number): string {
  if (j >= f.n) return '';
  return b.toString('latin1', f.s[j]!, f.e[j]!).trim().replace(/^"(.*)"$/, '$1').trim();
}
