// LEAN (AlgoSeek) zips: equity trade ticks, equity minute trade bars, futures minute trade bars.
// Formats: shared/data/PROVENANCE.md "lean/" and lean/docs/*.md. The tick loop is the app's
// hottest parse, so it reads bytes straight from the inflated buffer into typed arrays.
import { fail, ok, type Result } from '../../../src-shared/result.ts';
import { findInstrument, genericInstrument, type InstrumentSpec } from '../../../src-shared/instruments.ts';
import { formatLocalMs, localMs, zone } from '../../../src-shared/time.ts';
import { baseName, DEFAULT_CHUNK_ROWS, RowLog } from './common.ts';
import { leanBars, leanTicks, leanVolume } from './lean-parse.ts';
import type { FeedChunk, FeedInfo, FeedReader, OpenOptions } from './types.ts';
import { zipEntries, zipRead, type ZipEntry } from './zip.ts';

const TICK = /^(\d{8})_([a-z0-9.]+)_trade_tick\.csv$/i;
const EQ_MINUTE = /^(\d{8})_([a-z0-9.]+)_minute_trade\.csv$/i;
const FUT_MINUTE = /^(\d{8})_([a-z0-9.]+)_minute_trade_(\d{6})\.csv$/i;
const UNSUPPORTED = /quote|openinterest/i;

const NY = 'America/New_York';

/** null when the zip does not hold LEAN-named entries (the caller may try it as a plain CSV zip). */
export function openLeanZip(buf: Buffer, path: string, opts: OpenOptions): Result<FeedReader> | null {
  const file = baseName(path);
  let entries: ZipEntry[];
  try {
    entries = zipEntries(buf);
  } catch (err) {
    return fail('bad-zip', `${file}: cannot read the zip archive: ${(err as Error).message}`, { file, expected: 'a zip archive', got: 'broken or unsupported zip' });
  }
  const csv = entries.filter((e) => /\.csv$/i.test(e.name));
  const names = csv.map((e) => baseName(e.name));
  if (UNSUPPORTED.test(file) || names.some((n) => UNSUPPORTED.test(n) && /^\d{8}_/.test(n))) {
    return fail('unsupported-format', `${file}: quote/open-interest files are not supported yet`,
      { file, expected: 'LEAN trade files (_trade.zip)', got: names.slice(0, 3).join(', ') || file });
  }
  const chunkRows = opts.chunkRows && opts.chunkRows > 0 ? Math.floor(opts.chunkRows) : DEFAULT_CHUNK_ROWS;
  const instrumentFor = (sym: string, tz: string): InstrumentSpec | undefined =>
    opts.instrument ? findInstrument(opts.instrument) ?? genericInstrument(opts.instrument, tz) : findInstrument(sym) ?? genericInstrument(sym, tz);
  const log = new RowLog(file);
  const readerOf = (info: FeedInfo, gen: () => Generator<FeedChunk>): Result<FeedReader> =>
    ok({ info, stats: log.stats, problems: log.problems, chunks: gen });
  const base = { path, file, format: 'lean-zip' };

  const tick = csv.find((e) => TICK.test(baseName(e.name)));
  if (tick) {
    const m = TICK.exec(baseName(tick.name))!;
    const day = dayOf(m[1]!);
    if (day === null) return badDate(file, m[1]!);
    const sym = m[2]!.toUpperCase();
    const info: FeedInfo = {
      ...base, layout: `ticks: LEAN equity trades ms,price*10000,size,exchange,condition,suspicious (${baseName(tick.name)})`,
      kind: 'ticks', barMinutes: null, sourceTz: NY, tzSource: 'format', instrument: instrumentFor(sym, NY), bytesTotal: tick.size,
    };
    return readerOf(info, function* () {
      log.reset();
      yield* leanTicks(zipRead(buf, tick), day, zone(NY), log, chunkRows);
    });
  }

  const eq = csv.find((e) => EQ_MINUTE.test(baseName(e.name)));
  if (eq) {
    const m = EQ_MINUTE.exec(baseName(eq.name))!;
    const day = dayOf(m[1]!);
    if (day === null) return badDate(file, m[1]!);
    const sym = m[2]!.toUpperCase();
    const info: FeedInfo = {
      ...base, layout: `bars: LEAN equity minute trade bars ms,open,high,low,close,volume, prices x10000 (${baseName(eq.name)})`,
      kind: 'bars', barMinutes: 1, sourceTz: NY, tzSource: 'format', instrument: instrumentFor(sym, NY), bytesTotal: eq.size,
    };
    return readerOf(info, function* () {
      log.reset();
      yield* leanBars(zipRead(buf, eq), day, zone(NY), 10_000, log, chunkRows);
    });
  }

  const fut = csv.filter((e) => FUT_MINUTE.test(baseName(e.name)));
  if (fut.length > 0) {
    const byContract = new Map<string, ZipEntry>();
    for (const e of fut) byContract.set(FUT_MINUTE.exec(baseName(e.name))![3]!, e);
    const contracts = [...byContract.keys()].sort();
    let chosen: string;
    let why: string;
    if (opts.contract) {
      if (!byContract.has(opts.contract)) {
        return fail('no-contract', `${file}: contract ${opts.contract} is not in the zip`, { file, field: 'contract', expected: contracts.join(' | '), got: opts.contract });
      }
      chosen = opts.contract;
      why = 'given';
    } else {
      // the front month is the most traded expiry of the day
      let most = -1;
      chosen = contracts[0]!;
      for (const c of contracts) {
        const v = leanVolume(zipRead(buf, byContract.get(c)!));
        if (v > most) { most = v; chosen = c; }
      }
      why = 'most traded';
    }
    const entry = byContract.get(chosen)!;
    const m = FUT_MINUTE.exec(baseName(entry.name))!;
    const day = dayOf(m[1]!);
    if (day === null) return badDate(file, m[1]!);
    const sym = m[2]!.toUpperCase();
    const others = contracts.filter((c) => c !== chosen);
    const info: FeedInfo = {
      ...base,
      layout: `bars: LEAN future minute trade bars ms,open,high,low,close,volume; contract ${chosen} (${why}` +
        `${others.length ? `; also in the zip: ${others.join(', ')}` : ''})`,
      kind: 'bars', barMinutes: 1, sourceTz: 'UTC', tzSource: 'format', instrument: instrumentFor(sym, 'America/Chicago'), bytesTotal: entry.size,
    };
    return readerOf(info, function* () {
      log.reset();
      yield* leanBars(zipRead(buf, entry), day, null, 1, log, chunkRows);
    });
  }
  return null;
}

/** Local midnight (as "local ms") of a YYYYMMDD string, or null when it is no date. */
function dayOf(s: string): number | null {
  const y = Number(s.slice(0, 4));
  const mo = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const t = localMs(y, mo, d);
  return formatLocalMs(t).startsWith(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`) ? t : null;
}

function badDate(file: string, s: string) {
  return fail('unknown-format', `${file}: the entry name holds no valid date`, { file, expected: 'YYYYMMDD', got: s });
}
