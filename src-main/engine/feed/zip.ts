// Minimal zip reader: end-of-central-directory → entries → local header → stored/deflate data.
// node:zlib's native raw inflate is much faster than JS inflaters, which matters for tick zips.
// Zip64 records are read; no encryption, no multi-disk archives (LEAN zips need none of these).
import { inflateRawSync } from 'node:zlib';
import { DEFAULT_CONFIG, mib } from '../../../src-shared/config.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const Z64_LOC_SIG = 0x07064b50;
const Z64_EOCD_SIG = 0x06064b50;

/** Entries of a zip archive held in memory; throws Error with a readable message on a broken archive. */
export function zipEntries(buf: Buffer): ZipEntry[] {
  // The EOCD record is 22 bytes plus a comment of up to 65535 bytes at the end.
  const stop = Math.max(0, buf.length - 22 - 65535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('no end-of-central-directory record (not a zip file?)');
  let count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) {
    // zip64 (some LEAN zips are written so even when small): the locator just before the EOCD
    // points at the zip64 EOCD record, which holds the real count and offset.
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== Z64_LOC_SIG) throw new Error('zip64 locator missing');
    const rec = Number(buf.readBigUInt64LE(loc + 8));
    if (rec + 56 > buf.length || buf.readUInt32LE(rec) !== Z64_EOCD_SIG) throw new Error('broken zip64 end record');
    count = Number(buf.readBigUInt64LE(rec + 32));
    p = Number(buf.readBigUInt64LE(rec + 48));
  }
  const out: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN_SIG) throw new Error('broken central directory');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const e: ZipEntry = {
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    };
    zip64Extra(buf, p + 46 + nameLen, p + 46 + nameLen + extraLen, e);
    out.push(e);
    p += 46 + nameLen + extraLen + buf.readUInt16LE(p + 32);
  }
  return out;
}

/** Replace 0xffffffff sizes/offset by the 64-bit values of the zip64 extra field (id 1), in its fixed order. */
function zip64Extra(buf: Buffer, s: number, end: number, e: ZipEntry): void {
  const MAX = 0xffffffff;
  if (e.size !== MAX && e.compressedSize !== MAX && e.localOffset !== MAX) return;
  while (s + 4 <= end) {
    const id = buf.readUInt16LE(s);
    const len = buf.readUInt16LE(s + 2);
    if (id === 1) {
      let q = s + 4;
      if (e.size === MAX) { e.size = Number(buf.readBigUInt64LE(q)); q += 8; }
      if (e.compressedSize === MAX) { e.compressedSize = Number(buf.readBigUInt64LE(q)); q += 8; }
      if (e.localOffset === MAX) e.localOffset = Number(buf.readBigUInt64LE(q));
      return;
    }
    s += 4 + len;
  }
}

/**
 * What one file may hold once decompressed (issue 16: a 3 GB zip bomb used 6.1 GB). A day of the
 * busiest LEAN tick file is ~300 MB; 2 GiB leaves room and keeps a single read in memory bounds.
 * Without a config: limits.max_file_mb's default.
 */
export const MAX_INFLATED_BYTES = mib(DEFAULT_CONFIG.limits.max_file_mb);

/** zlib's "buffer too large" as what it means here. */
export function inflateBound(e: unknown, what: string, max: number): Error {
  return (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError
    ? new Error(`${what} decompresses to more than ${max.toLocaleString('en-US')} bytes (a zip bomb, or more than one file may hold; limits.max_file_mb): refused`)
    : e as Error;
}

/**
 * The entry's bytes with a '\n' after the last line when it has none (the LEAN row loops stop at a
 * newline without bounds checks). The inflate leaves one spare byte for it, so a day of ticks that
 * ends without a newline is not copied (Buffer.concat of ~100 MB was 4 % of a replay).
 */
export function zipReadLines(buf: Buffer, e: ZipEntry, max = MAX_INFLATED_BYTES): { data: Buffer; size: number } {
  const raw = zipRead(buf, e, max, 1);
  const size = raw.length;
  if (size === 0 || raw[size - 1] === 10) return { data: raw, size };
  // only an output buffer of exactly our size + 1 is ours alone (a pooled one is shared)
  if (raw.byteOffset === 0 && raw.buffer.byteLength === size + 1) {
    const data = Buffer.from(raw.buffer, 0, size + 1);
    data[size] = 10;
    return { data, size };
  }
  return { data: Buffer.concat([raw, Buffer.from('\n')]), size };
}

/** The uncompressed bytes of one entry, at most `max`; `spare` bytes more in the inflate's output buffer. */
export function zipRead(buf: Buffer, e: ZipEntry, max = MAX_INFLATED_BYTES, spare = 0): Buffer {
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOC_SIG) throw new Error(`broken local header for ${e.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const raw = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (raw.length > max) throw inflateBound(new RangeError('stored entry'), e.name, max);
    return raw;
  }
  // one output chunk of the announced size saves zlib's grow-and-concat passes
  if (e.method === 8) {
    try {
      return inflateRawSync(raw, { chunkSize: Math.min(Math.max(e.size + spare, 65_536), 2 ** 30, max + spare), maxOutputLength: max });
    } catch (err) {
      throw inflateBound(err, e.name, max);
    }
  }
  throw new Error(`unsupported zip compression method ${e.method} in ${e.name}`);
}
