// CSV reader: detection (csv-detect.ts) at open, then a byte-level row loop per chunks() call.
import { fail, ok, type Result } from '../../../src-shared/result.ts';
import { guessInstrumentFromName, type InstrumentSpec } from '../../../src-shared/instruments.ts';
import { isValidZone, zone, type Zone } from '../../../src-shared/time.ts';
import { baseName, DEFAULT_CHUNK_ROWS, fileInstrument, namedInstrument, newBarChunk, newTickChunk, RowLog, trimChunk } from './common.ts';
import { CsvRows } from './csv-rows.ts';
import { describeLayout, detectCsv, type CsvLayout } from './csv-detect.ts';
import { blank, contentEnd, lineEnd } from './csv-split.ts';
import { MAX_LINE_BYTES, type BarChunk, type FeedChunk, type TickChunk, type FeedInfo, type FeedReader, type OpenOptions, type TzSource } from './types.ts';


/**
 * Zone of the stamps and why: given > in the stamps > header says UTC > AlgoSpace format > a guess:
 * UTC for a crypto instrument (its markets and their data vendors keep UTC), else New York.
 */
function sourceZone(l: CsvLayout, opts: OpenOptions, instrument: InstrumentSpec | undefined): { tz: string; src: TzSource; note?: string } {
  if (l.absolute) {
    const note = opts.tz ? `given zone ${opts.tz} not used: the stamps carry their own zone` : undefined;
    return { tz: 'UTC', src: l.absolute === 'epoch' ? 'format' : 'in-file', note };
  }
  if (opts.tz) return { tz: opts.tz, src: 'given' };
  if (l.utcByName) return { tz: 'UTC', src: 'in-file' };
  if (l.algoSpace) return { tz: 'Asia/Jerusalem', src: 'format', note: 'AlgoSpace layout: Israeli local time' };
  if (instrument?.kind === 'crypto') return { tz: 'UTC', src: 'default', note: 'no zone in the stamps: UTC guessed for a crypto instrument' };
  return { tz: 'America/New_York', src: 'default' };
}

/** `innerName`: the CSV's own name when it came out of an archive (a second source for the instrument guess). */
export function openCsvBuffer(buf: Buffer, path: string, opts: OpenOptions, format = 'csv', innerName?: string): Result<FeedReader> {
  const file = baseName(path);
  if (opts.tz !== undefined && !isValidZone(opts.tz)) {
    return fail('bad-tz', `${file}: unknown time zone '${opts.tz}'`, { file, field: 'tz', expected: 'an IANA zone such as America/New_York', got: opts.tz });
  }
  const named = namedInstrument(opts, file);
  if (!named.ok) return named;
  const det = detectCsv(buf, file, opts.instrument);
  if (!det.ok) return det;
  const l = det.value;
  // named > the symbol column ('ESU4': the catalogue strips the contract month) > the file name > none
  const instrument: InstrumentSpec | undefined = named.value ?? (l.symbol ? fileInstrument(l.symbol, opts) : undefined) ??
    guessInstrumentFromName(path) ?? (innerName ? guessInstrumentFromName(innerName) : undefined);
  const tz = sourceZone(l, opts, instrument);
  const info: FeedInfo = {
    path, file, format, layout: describeLayout(l) + (tz.note ? `; ${tz.note}` : ''), kind: l.kind,
    barMinutes: l.barMinutes, sourceTz: tz.tz, tzSource: tz.src, instrument, bytesTotal: buf.length,
  };
  const log = new RowLog(file);
  const chunkRows = opts.chunkRows && opts.chunkRows > 0 ? Math.floor(opts.chunkRows) : DEFAULT_CHUNK_ROWS;
  return ok({
    info,
    stats: log.stats,
    problems: log.problems,
    chunks: () => readRows(buf, l, tz.tz === 'UTC' ? null : zone(tz.tz), log, chunkRows, opts.maxLineBytes ?? MAX_LINE_BYTES),
  });
}

function* readRows(b: Buffer, l: CsvLayout, z: Zone | null, log: RowLog, chunkRows: number, maxLine: number): Generator<FeedChunk> {
  log.reset();
  // one line can write two rows (a held-back row and itself): room for one more than chunkRows
  const fresh = (): BarChunk | TickChunk => l.kind === 'bars' ? newBarChunk(chunkRows + 1) : newTickChunk(chunkRows + 1);
  const rows = new CsvRows(b, l, z, log, fresh(), maxLine);
  let pos = l.dataStart;
  let line = l.dataLine;
  while (pos < b.length) {
    const nl = lineEnd(b, pos);
    const e = contentEnd(b, pos, nl);
    const s = pos;
    const ln = line++;
    pos = nl + 1;
    if (blank(b, s, e)) continue;
    rows.line(s, e, ln);
    if (rows.ch.n >= chunkRows) {
      log.stats.bytesRead = pos;
      yield trimChunk(rows.ch);
      rows.ch = fresh();
    }
  }
  rows.finish();
  log.stats.bytesRead = b.length;
  if (rows.ch.n > 0) yield trimChunk(rows.ch);
}
