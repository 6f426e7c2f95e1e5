// LEAN (AlgoSeek) zips: equity trade ticks, equity minute trade bars, futures minute trade bars.
// Formats: shared/data/PROVENANCE.md "lean/" and lean/docs/*.md. The tick loop is the app's
// hottest parse, so it reads bytes straight from the inflated buffer into typed arrays.
import { fail, ok, type Result } from '../../../src-shared/result.ts';
import { formatLocalMs, localMs, zone } from '../../../src-shared/time.ts';
import { baseName, DEFAULT_CHUNK_ROWS, fileInstrument, namedInstrument, RowLog } from './common.ts';
import { leanPathMarket, leanZone, type LeanType } from './lean-market.ts';
import { leanBars, leanVolume } from './lean-parse.ts';
import { leanTicks } from './lean-ticks.ts';
import type { FeedChunk, FeedInfo, FeedReader, OpenOptions } from './types.ts';
import { zipEntries, zipRead, zipReadLines, type ZipEntry } from './zip.ts';

const TICK = /^(\d{8})_([a-z0-9.]+)_trade_tick\.csv$/i;
const EQ_MINUTE = /^(\d{8})_([a-z0-9.]+)_minute_trade\.csv$/i;
const FUT_MINUTE = /^(\d{8})_([a-z0-9.]+)_minute_trade_(\d{6})\.csv$/i;
const UNSUPPORTED = /quote|openinterest/i;

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
  const named = namedInstrument(opts, file);
  if (!named.ok) return named;
  const picked = pickEntry(csv, buf, opts, file);
  if (picked === null || !picked.ok) return picked;
  const { entry, m, type, kind, layout } = picked.value;
  const day = dayOf(m[1]!);
  if (day === null) return badDate(file, m[1]!);
  // the named instrument, else the entry's symbol (a US share also as SYM.US); no spec is made up
  const sym = m[2]!.toUpperCase();
  const instrument = named.value ?? fileInstrument(sym, opts) ??
    (type === 'equity' && leanPathMarket(path, type) === 'usa' ? fileInstrument(`${sym}.US`, opts) : undefined);
  const z = leanZone(type, path, file, instrument, opts.tz);
  if (!z.ok) return z;
  const info: FeedInfo = {
    path, file, format: 'lean-zip', layout: `${layout}; ${z.value.note}`, kind, barMinutes: kind === 'ticks' ? null : 1,
    sourceTz: z.value.tz, tzSource: z.value.src, instrument, bytesTotal: entry.size,
  };
  const log = new RowLog(file);
  const rowZone = z.value.tz === 'UTC' ? null : zone(z.value.tz); // the row loops take null for UTC (no offsets to read)
  return ok({
    info, stats: log.stats, problems: log.problems,
    chunks: function* (): Generator<FeedChunk> {
      log.reset();
      if (kind === 'ticks') {
        const { data, size } = zipReadLines(buf, entry, opts.maxBytes);
        yield* leanTicks(data, day, rowZone, log, chunkRows, size);
      } else yield* leanBars(zipRead(buf, entry, opts.maxBytes), day, rowZone, type === 'equity' ? 10_000 : 1, log, chunkRows);
    },
  });
}

interface Picked {
  entry: ZipEntry;
  /** the name's match: date, symbol (and contract) */
  m: RegExpExecArray;
  type: LeanType;
  kind: 'ticks' | 'bars';
  layout: string;
}

/** The entry to read: equity ticks, equity minute bars, or one futures expiry; null when none is LEAN-named. */
function pickEntry(csv: ZipEntry[], buf: Buffer, opts: OpenOptions, file: string): Result<Picked> | null {
  const named = (re: RegExp) => csv.find((e) => re.test(baseName(e.name)));
  const tick = named(TICK);
  if (tick) {
    const layout = `ticks: LEAN equity trades ms,price*10000,size,exchange,condition,suspicious (${baseName(tick.name)})`;
    return ok({ entry: tick, m: TICK.exec(baseName(tick.name))!, type: 'equity', kind: 'ticks', layout });
  }
  const eq = named(EQ_MINUTE);
  if (eq) {
    const layout = `bars: LEAN equity minute trade bars ms,open,high,low,close,volume, prices x10000 (${baseName(eq.name)})`;
    return ok({ entry: eq, m: EQ_MINUTE.exec(baseName(eq.name))!, type: 'equity', kind: 'bars', layout });
  }
  const byContract = new Map<string, ZipEntry>();
  for (const e of csv) {
    const c = FUT_MINUTE.exec(baseName(e.name));
    if (c) byContract.set(c[3]!, e);
  }
  if (byContract.size === 0) return null;
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
  const others = contracts.filter((c) => c !== chosen);
  const layout = `bars: LEAN future minute trade bars ms,open,high,low,close,volume; contract ${chosen} (${why}` +
    `${others.length ? `; also in the zip: ${others.join(', ')}` : ''})`;
  return ok({ entry, m: FUT_MINUTE.exec(baseName(entry.name))!, type: 'future', kind: 'bars', layout });
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
