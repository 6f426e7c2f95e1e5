// The one place that picks a reader for a file, by magic bytes first, then by extension.
// Every failure to open is one Problem value; nothing here throws.
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fail, ok, type Problem, type Result } from '../../../src-shared/result.ts';
import { isValidZone } from '../../../src-shared/time.ts';
import { DEFAULT_CONFIG, mib } from '../../../src-shared/config.ts';
import { baseName } from './common.ts';
import { openCsvBuffer } from './csv.ts';
import { openLeanZip } from './lean-zip.ts';
import type { FeedInfo, FeedReader, OpenOptions } from './types.ts';
import { inflateBound, MAX_INFLATED_BYTES, zipEntries, zipRead } from './zip.ts';

/** The most bytes a market-data file may have without a config (limits.max_file_mb's default, 2 GiB): it is read whole. */
export const MAX_FILE_BYTES = mib(DEFAULT_CONFIG.limits.max_file_mb);

export type { FeedChunk, FeedInfo, FeedReader, OpenOptions, TickChunk, BarChunk, FeedStats, TzSource } from './types.ts';

const isZip = (b: Buffer): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5);
const isGzip = (b: Buffer): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const isZstd = (b: Buffer): boolean => b.length >= 4 && b.readUInt32LE(0) === 0xfd2fb528;

/** Open a market-data file: LEAN zip, CSV, gzip CSV, or a zip holding one CSV. */
export function openFeed(path: string, opts: OpenOptions = {}): Result<FeedReader> {
  const file = baseName(path);
  if (opts.tz !== undefined && !isValidZone(opts.tz)) {
    return fail('bad-tz', `${file}: unknown time zone '${opts.tz}'`, { file, field: 'tz', expected: 'an IANA zone such as America/New_York', got: opts.tz });
  }
  let buf: Buffer;
  try {
    const fit = fileToRead(path, opts.maxBytes);
    if (!fit.ok) return { ok: false, problem: { ...fit.problem, message: `${file}: ${fit.problem.message}` } };
    buf = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return fail('unreadable', `${file}: cannot read the file (${code})`, { file, expected: 'a readable file', got: code });
  }
  if (buf.length === 0) return fail('empty-file', `${file}: the file is empty`, { file, expected: 'market data rows', got: '0 bytes' });
  try {
    return openBuffer(buf, path, opts);
  } catch (err) {
    // a reader bug or a corrupt stream must still come back as a value
    return fail('unreadable', `${file}: ${(err as Error).message}`, { file, expected: 'a readable market-data file', got: 'error while opening' });
  }
}

/**
 * What a market-data path must be before a byte of it is read (or hashed): a regular file (a FIFO would
 * block for ever, /dev/zero never ends) of at most `max` bytes. Its size, or why not (the message without
 * the file's name). A path that cannot be stat'ed throws, as statSync does.
 */
export function fileToRead(path: string, max = MAX_FILE_BYTES): { ok: true; size: number } | { ok: false; problem: Problem } {
  const file = baseName(path);
  const st = statSync(path);
  if (!st.isFile()) {
    return { ok: false, problem: { code: 'not-a-file', message: 'not a regular file', file, expected: 'a regular file', got: st.isDirectory() ? 'a directory' : 'a device, FIFO or socket' } };
  }
  if (st.size > max) {
    return { ok: false, problem: {
      code: 'file-too-large', message: `${st.size.toLocaleString('en-US')} bytes, more than one file may hold (${max.toLocaleString('en-US')}, limits.max_file_mb): split it, or raise the limit`,
      file, expected: `at most ${max} bytes`, got: `${st.size} bytes`,
    } };
  }
  return { ok: true, size: st.size };
}

/** Like openFeed, but only the detected info (for import dialogs). */
export function inspectFeed(path: string, opts: OpenOptions = {}): Result<FeedInfo> {
  const r = openFeed(path, opts);
  return r.ok ? ok(r.value.info) : r;
}

function openBuffer(buf: Buffer, path: string, opts: OpenOptions): Result<FeedReader> {
  const file = baseName(path);
  if (isZip(buf) || /\.zip$/i.test(file)) {
    const lean = openLeanZip(buf, path, opts);
    if (lean) return lean;
    // not LEAN-named: accept a zip that holds exactly one CSV/TXT file
    const entries = zipEntries(buf).filter((e) => /\.(csv|txt)$/i.test(e.name) && !e.name.endsWith('/'));
    if (entries.length !== 1) {
      return fail('unknown-format', `${file}: zip without a LEAN trade file or a single CSV`,
        { file, expected: 'LEAN *_trade.zip or a zip with one CSV', got: entries.map((e) => e.name).slice(0, 5).join(', ') || 'no CSV entries' });
    }
    return openCsvBuffer(zipRead(buf, entries[0]!, opts.maxBytes), path, opts, 'csv-zip', entries[0]!.name);
  }
  if (isGzip(buf)) {
    const max = opts.maxBytes ?? MAX_INFLATED_BYTES;
    let text: Buffer;
    try {
      text = gunzipSync(buf, { maxOutputLength: max });
    } catch (e) {
      throw inflateBound(e, file, max);
    }
    if (text.length === 0) return fail('empty-file', `${file}: the compressed file is empty`, { file, expected: 'market data rows', got: '0 bytes' });
    const head = text.subarray(0, 64).toString('latin1').trimStart();
    if (head.startsWith('[') || head.startsWith('{')) return jsonFail(file);
    return openCsvBuffer(text, path, opts, 'csv.gz');
  }
  if (isZstd(buf)) {
    return fail('unsupported-format', `${file}: zstd-compressed files (Databento DBN) are not supported yet`,
      { file, expected: 'CSV, gzip CSV or LEAN zip', got: 'zstd stream' });
  }
  const head = buf.subarray(0, 4096);
  if (mostlyBinary(head)) {
    return fail('unknown-format', `${file}: binary file of unknown format`, { file, expected: 'CSV text, gzip CSV or LEAN zip', got: 'binary data' });
  }
  const start = head.toString('latin1').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return jsonFail(file);
  return openCsvBuffer(buf, path, opts, 'csv');
}

/** Binary when most lines of the head hold a NUL byte; a NUL on a few lines only rejects those lines (csv-rows.ts). */
function mostlyBinary(head: Buffer): boolean {
  if (!head.includes(0)) return false;
  let lines = 0;
  let withNul = 0;
  for (let s = 0; s < head.length;) {
    let e = head.indexOf(10, s);
    if (e < 0) e = head.length;
    lines++;
    const z = head.indexOf(0, s);
    if (z >= 0 && z < e) withNul++;
    s = e + 1;
  }
  return withNul * 2 > lines;
}

function jsonFail(file: string) {
  return fail('unsupported-format', `${file}: JSON files are not supported yet`, { file, expected: 'CSV, gzip CSV or LEAN zip', got: 'JSON' });
}
