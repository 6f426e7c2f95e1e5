// CSV reader: detection (csv-detect.ts) at open, then a byte-level row loop per chunks() call.
import { fail, ok, type Result } from '../../../src-shared/result.ts';
import { guessInstrumentFromName, type InstrumentSpec } from '../../../src-shared/instruments.ts';
import { formatLocalMs, isValidZone, zone, type Zone } from '../../../src-shared/time.ts';
import { badBar, baseName, DEFAULT_CHUNK_ROWS, fileInstrument, namedInstrument, newBarChunk, newTickChunk, parseNum, RowLog, trimChunk } from './common.ts';
import { describeLayout, detectCsv, type CsvLayout } from './csv-detect.ts';
import { blank, contentEnd, Fields, lineEnd, split } from './csv-split.ts';
import { parseStamp, parseTimeOfDay, stampInfo } from './csv-timestamp.ts';
import type { FeedChunk, FeedInfo, FeedReader, OpenOptions, TzSource } from './types.ts';

const QUARTER = 15 * 60_000;

/** Zone of the stamps and why: given > in the stamps > header says UTC > AlgoSpace format > New York default. */
function sourceZone(l: CsvLayout, opts: OpenOptions): { tz: string; src: TzSource; note?: string } {
  if (l.absolute) {
    const note = opts.tz ? `given zone ${opts.tz} not used: the stamps carry their own zone` : undefined;
    return { tz: 'UTC', src: l.absolute === 'epoch' ? 'format' : 'in-file', note };
  }
  if (opts.tz) return { tz: opts.tz, src: 'given' };
  if (l.utcByName) return { tz: 'UTC', src: 'in-file' };
  if (l.algoSpace) return { tz: 'Asia/Jerusalem', src: 'format', note: 'AlgoSpace layout: Israeli local time' };
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
  const tz = sourceZone(l, opts);
  // named > the symbol column ('ESU4': the catalogue strips the contract month) > the file name > none
  const instrument: InstrumentSpec | undefined = named.value ?? (l.symbol ? fileInstrument(l.symbol, opts) : undefined) ??
    guessInstrumentFromName(path) ?? (innerName ? guessInstrumentFromName(innerName) : undefined);
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
    chunks: () => readRows(buf, l, tz.tz === 'UTC' ? null : zone(tz.tz), log, chunkRows),
  });
}

function* readRows(b: Buffer, l: CsvLayout, z: Zone | null, log: RowLog, chunkRows: number): Generator<FeedChunk> {
  log.reset();
  const f = new Fields();
  const bars = l.kind === 'bars';
  const c0 = l.cols[0]!;
  const c1 = l.cols[1]!;
  const c2 = l.cols[2] ?? -1;
  const c3 = l.cols[3] ?? -1;
  const c4 = l.cols[4] ?? -1;
  const need = Math.max(l.tsCol, l.timeCol, l.actionCol, l.symbolCol, ...l.cols) + 1;
  const symBytes = Buffer.from(l.symbol, 'latin1');
  const text = (j: number): string => b.toString('latin1', f.s[j]!, f.e[j]!).trim().slice(0, 60);
  // one-entry memo of the zone offset for a quarter hour that has a single offset
  let memoKey = NaN;
  let memoOff = 0;
  let tch = bars ? null : newTickChunk(chunkRows);
  let bch = bars ? newBarChunk(chunkRows) : null;
  let last = -Infinity;
  let pos = l.dataStart;
  let line = l.dataLine;
  while (pos < b.length) {
    const nl = lineEnd(b, pos);
    const e = contentEnd(b, pos, nl);
    const s = pos;
    const ln = line++;
    pos = nl + 1;
    if (blank(b, s, e)) continue;
    const n = split(b, s, e, l.sep, f, need);
    if (n < need) {
      log.stats.rowsRead++;
      const missing = [l.tsCol, l.timeCol, ...l.cols].findIndex((c) => c >= n);
      const name = missing < 0 ? 'row' : missing === 0 ? 'timestamp' : missing === 1 ? 'time' : l.roles[missing - 2] ?? 'row';
      log.reject(ln, name, 'too few fields', `${need} fields`, `${n}`);
      continue;
    }
    // rows of other kinds or instruments are passed over (not read, not rejected)
    if (l.actionCol >= 0 && !(f.e[l.actionCol]! - f.s[l.actionCol]! === 1 && b[f.s[l.actionCol]!] === 84)) continue;
    if (l.symbolCol >= 0 && !sameBytes(b, f.s[l.symbolCol]!, f.e[l.symbolCol]!, symBytes)) continue;
    log.stats.rowsRead++;
    let t = parseStamp(b, f.s[l.tsCol]!, f.e[l.tsCol]!, l.dayFirst);
    const zoned = stampInfo.zoned;
    if (l.timeCol >= 0) t += parseTimeOfDay(b, f.s[l.timeCol]!, f.e[l.timeCol]!);
    if (Number.isNaN(t)) {
      const bad = l.timeCol >= 0 && !Number.isNaN(parseStamp(b, f.s[l.tsCol]!, f.e[l.tsCol]!, l.dayFirst));
      log.reject(ln, bad ? 'time' : 'timestamp', 'unparsable timestamp', l.stampForm, text(bad ? l.timeCol : l.tsCol));
      continue;
    }
    if (!zoned && z !== null) {
      const key = Math.floor(t / QUARTER);
      if (key === memoKey) t -= memoOff;
      else {
        const u = z.toUtc(t);
        const off = t - u;
        const q0 = key * QUARTER;
        if (q0 - z.toUtc(q0) === off && q0 + QUARTER - 1 - z.toUtc(q0 + QUARTER - 1) === off) { memoKey = key; memoOff = off; }
        t = u;
      }
    }
    if (t < last) {
      log.reject(ln, 'timestamp', 'timestamp earlier than the previous row', `≥ ${formatLocalMs(last, true)} UTC`, text(l.tsCol));
      continue;
    }
    if (bars) {
      const o = parseNum(b, f.s[c0]!, f.e[c0]!);
      const h = parseNum(b, f.s[c1]!, f.e[c1]!);
      const lo = parseNum(b, f.s[c2]!, f.e[c2]!);
      const c = parseNum(b, f.s[c3]!, f.e[c3]!);
      const v = c4 >= 0 ? parseNum(b, f.s[c4]!, f.e[c4]!) : 0;
      const why = badBar(o, h, lo, c, v);
      if (why) {
        const col = l.cols[l.roles.indexOf(why[0])]!;
        log.reject(ln, why[0], why[1], why[2], text(col));
        continue;
      }
      const ch = bch!;
      const i = ch.n++;
      ch.t[i] = t; ch.o[i] = o; ch.h[i] = h; ch.l[i] = lo; ch.c[i] = c; ch.v[i] = v;
      last = t;
      if (ch.n === chunkRows) {
        log.stats.bytesRead = pos;
        yield ch;
        bch = newBarChunk(chunkRows);
      }
    } else {
      const p = parseNum(b, f.s[c0]!, f.e[c0]!);
      const sz = c1 >= 0 ? parseNum(b, f.s[c1]!, f.e[c1]!) : 0;
      if (!(p > 0) || p === Infinity) { log.reject(ln, 'price', 'price must be a positive finite number', '> 0', text(c0)); continue; }
      if (!(sz >= 0) || sz === Infinity) { log.reject(ln, 'size', 'size must be a finite number ≥ 0', '≥ 0', text(c1)); continue; }
      const ch = tch!;
      const i = ch.n++;
      ch.t[i] = t; ch.price[i] = p; ch.size[i] = sz;
      last = t;
      if (ch.n === chunkRows) {
        log.stats.bytesRead = pos;
        yield ch;
        tch = newTickChunk(chunkRows);
      }
    }
  }
  log.stats.bytesRead = b.length;
  if (bars && bch!.n > 0) yield trimChunk(bch!);
  if (!bars && tch!.n > 0) yield trimChunk(tch!);
}

function sameBytes(b: Buffer, s: number, e: number, want: Buffer): boolean {
  while (s < e && b[s] === 32) s++;
  while (e > s && b[e - 1] === 32) e--;
  if (e - s !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (b[s + i] !== want[i]) return false;
  return true;
}
