// CSV layout detection: separator, header, column roles, ticks vs bars, stamp form and day order.
// Works on the first lines only, except the day/month decision and bar period, which scan further.
import { fail, ok, type Result } from '../../../src-shared/result.ts';
import { isKnownName, mapColumns, norm, type Role } from './csv-columns.ts';
import { blank, contentEnd, fieldText, Fields, lineEnd, split } from './csv-split.ts';
import { describeStamp, parseStamp, parseTimeOfDay, slashPair, stampInfo } from './csv-timestamp.ts';
import { scanStamps } from './csv-stamps.ts';
import { parseNum } from './common.ts';

export interface CsvLayout {
  sep: number;
  hasHeader: boolean;
  /** column names used in messages (header names, or role names for headerless files) */
  names: string[];
  /** byte offset and 1-based physical line number of the first data line */
  dataStart: number;
  dataLine: number;
  kind: 'ticks' | 'bars';
  tsCol: number;
  /** separate time-of-day column, or -1 */
  timeCol: number;
  /** bars: open, high, low, close, volume; ticks: price, size. -1 = absent (value 0). */
  cols: number[];
  roles: string[];
  /** ticks: keep only rows whose action column is 'T' (Databento mbp files); -1 = none */
  actionCol: number;
  /** keep only rows of this symbol (files that interleave several instruments); -1 = none */
  symbolCol: number;
  symbol: string;
  otherSymbols: string[];
  dayFirst: boolean;
  stampForm: string;
  /** the stamps carry their own zone: 'epoch' numbers or an 'offset'/Z suffix */
  absolute: 'epoch' | 'offset' | null;
  /** the stamp column's name says UTC/GMT (timestamp_utc) */
  utcByName: boolean;
  /** the AlgoSpace layout (Llow header or day-first "… - 30 min - ETH.csv"): Israeli local time */
  algoSpace: boolean;
  barMinutes: number | null;
  /** fields per data row: the most common count among the sampled data lines (a row with another count is rejected) */
  fields: number;
  notes: string[];
}

interface SampleLine { s: number; e: number; line: number }

const SEPS = [44, 59, 9];
const SEP_NAME: Record<number, string> = { 44: ',', 59: ';', 9: 'tab' };
const SAMPLE = 60;

function isValue(b: Buffer, f: Fields, j: number): boolean {
  const s = f.s[j]!;
  const e = f.e[j]!;
  if (blank(b, s, e)) return true;
  return !Number.isNaN(parseNum(b, s, e)) || !Number.isNaN(parseStamp(b, s, e, false)) || slashPair(b, s, e) >= 0;
}

export function detectCsv(buf: Buffer, file: string, symbolWanted?: string): Result<CsvLayout> {
  const bad = (code: string, message: string, expected: string, got: string) =>
    fail(code, `${file}: ${message}`, { file, expected, got });
  // sample the first non-empty lines (a UTF-8 BOM is skipped)
  const lines: SampleLine[] = [];
  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let lineNo = 0;
  while (pos < buf.length && lines.length < SAMPLE) {
    const nl = lineEnd(buf, pos);
    lineNo++;
    const e = contentEnd(buf, pos, nl);
    // a line with a NUL byte is left to the reader (rejected there); it never decides the format
    if (!blank(buf, pos, e) && !hasNul(buf, pos, e)) lines.push({ s: pos, e, line: lineNo });
    pos = nl + 1;
  }
  if (lines.length === 0) return bad('empty-file', 'the file has no data rows', 'CSV rows', 'only blank lines');

  // separator: the candidate with the most columns on the majority of lines (the header and a few bad lines may differ)
  const body = lines.length > 1 ? lines.slice(1) : lines;
  let sep = -1;
  let best = 0;
  for (const c of SEPS) {
    const counts = body.map((l) => { let k = 0; for (let i = l.s; i < l.e; i++) if (buf[i] === c) k++; return k; });
    const typical = majorityCount(counts);
    if (typical > best) { best = typical; sep = c; }
  }
  const first = lines[0]!;
  if (sep < 0) {
    return bad('unknown-format', 'no column separator found', "',' ';' or tab separated columns",
      JSON.stringify(buf.toString('latin1', first.s, Math.min(first.e, first.s + 60))));
  }

  const f0 = new Fields();
  const f1 = new Fields();
  split(buf, first.s, first.e, sep, f0);
  const second = lines[1];
  if (second) split(buf, second.s, second.e, sep, f1);
  let known = 0;
  let numbers = 0;
  let textOverValue = false;
  for (let j = 0; j < f0.n; j++) {
    const txt = fieldText(buf, f0, j);
    if (isKnownName(txt)) known++;
    if (!Number.isNaN(parseNum(buf, f0.s[j]!, f0.e[j]!))) numbers++;
    if (second && j < f1.n && /[a-z]/i.test(txt) && !isValue(buf, f0, j) && isValue(buf, f1, j)) textOverValue = true;
  }
  // a header names columns and holds no numbers (a data row may contain a code such as 'P' = price)
  const hasHeader = (known > 0 || textOverValue) && numbers === 0;
  const data = hasHeader ? lines.slice(1) : lines;
  if (data.length === 0) return bad('empty-file', 'the file has a header but no data rows', 'data rows after the header', 'none');
  const df = new Fields();
  const fields = modalFields(buf, data, sep, df);
  const notes: string[] = [];

  let names: string[];
  let roles: Partial<Record<Role, number>>;
  let tsCol: number;
  let timeCol = -1;
  let kind: 'ticks' | 'bars';
  let cols: number[];
  if (hasHeader) {
    names = [];
    for (let j = 0; j < f0.n; j++) names.push(fieldText(buf, f0, j));
    roles = mapColumns(names);
    const dateLike = roles.time ?? roles.date ?? roles.clock;
    // backtrader: the header names 7 columns, the rows have 8 with an unnamed time after the date
    if (dateLike !== undefined && df.n === names.length + 1 && dateLike + 1 < df.n &&
      !Number.isNaN(parseTimeOfDay(buf, df.s[dateLike + 1]!, df.e[dateLike + 1]!)) &&
      !Number.isNaN(parseStamp(buf, df.s[dateLike]!, df.e[dateLike]!, false))) {
      names.splice(dateLike + 1, 0, '(unnamed time)');
      roles = mapColumns(names);
      timeCol = dateLike + 1;
      notes.push('header lacks the time column');
    }
    if (roles.time !== undefined) tsCol = roles.time;
    else if (roles.date !== undefined && roles.clock !== undefined) { tsCol = roles.date; timeCol = roles.clock; }
    else if (roles.date !== undefined || roles.clock !== undefined) tsCol = (roles.date ?? roles.clock)!;
    else {
      // no stamp name: the first column whose value parses as a stamp
      tsCol = -1;
      for (let j = 0; j < df.n && tsCol < 0; j++) {
        if (Number.isNaN(parseNum(buf, df.s[j]!, df.e[j]!)) && (!Number.isNaN(parseStamp(buf, df.s[j]!, df.e[j]!, false)) ||
          slashPair(buf, df.s[j]!, df.e[j]!) >= 0)) tsCol = j;
      }
      if (tsCol < 0) return bad('unknown-format', 'no timestamp column', 'a column named timestamp, time, date or datetime', names.join(','));
    }
    if (roles.open !== undefined && roles.high !== undefined && roles.low !== undefined && roles.close !== undefined) {
      kind = 'bars';
      cols = [roles.open, roles.high, roles.low, roles.close, roles.volume ?? -1];
    } else if (roles.price !== undefined) {
      kind = 'ticks';
      cols = [roles.price, roles.size ?? -1];
    } else if (roles.bid !== undefined || roles.ask !== undefined) {
      return bad('unsupported-format', 'bid/ask quote files are not supported yet', 'trades (price,size) or bars (open,high,low,close)', names.join(','));
    } else {
      return bad('unknown-format', 'no price columns found', 'open,high,low,close[,volume] or price[,size]', names.join(','));
    }
  } else {
    // headerless: stamp (+ optional time column) first, then the numbers
    tsCol = 0;
    roles = {};
    const s0 = df.s[0]!;
    const e0 = df.e[0]!;
    if (Number.isNaN(parseStamp(buf, s0, e0, false)) && slashPair(buf, s0, e0) < 0) {
      return bad('unknown-format', 'the first column is not a timestamp and there is no header', 'a timestamp in column 1 or a header row',
        JSON.stringify(fieldText(buf, df, 0)));
    }
    let k = 1;
    if (df.n > 1 && !Number.isNaN(parseTimeOfDay(buf, df.s[1]!, df.e[1]!)) && fieldText(buf, df, 1).includes(':')) { timeCol = 1; k = 2; }
    let n = 0;
    while (k + n < df.n && !Number.isNaN(parseNum(buf, df.s[k + n]!, df.e[k + n]!))) n++;
    if (n >= 4) {
      kind = 'bars';
      cols = [k, k + 1, k + 2, k + 3, n >= 5 ? k + 4 : -1];
    } else if (n === 1 || n === 2) {
      kind = 'ticks';
      cols = [k, n === 2 ? k + 1 : -1];
    } else {
      return bad('unknown-format', `cannot tell the columns of a headerless file with ${n} numbers after the timestamp`,
        'timestamp,price,size (ticks) or timestamp,open,high,low,close[,volume] (bars); add a header row',
        JSON.stringify(buf.toString('latin1', data[0]!.s, Math.min(data[0]!.e, data[0]!.s + 80))));
    }
    names = kind === 'bars' ? ['timestamp', 'open', 'high', 'low', 'close', 'volume'] : ['timestamp', 'price', 'size'];
    const shown: string[] = [];
    for (let j = 0; j < df.n; j++) shown.push(`col${j + 1}`);
    shown[0] = 'timestamp';
    if (timeCol >= 0) shown[timeCol] = 'time';
    const roleNames = kind === 'bars' ? ['open', 'high', 'low', 'close', 'volume'] : ['price', 'size'];
    cols.forEach((c, r) => { if (c >= 0) shown[c] = roleNames[r]!; });
    names = shown;
  }
  const roleNames = kind === 'bars' ? ['open', 'high', 'low', 'close', 'volume'] : ['price', 'size'];

  const scan = scanStamps(buf, data[0]!.s, sep, tsCol, timeCol, kind === 'bars');
  const dayFirst = scan.dayFirst;
  if (scan.slash) notes.push(dayFirst ? 'day-first' : 'month-first');
  const barMinutes = scan.barMinutes;

  const firstText = fieldText(buf, df, tsCol);
  parseStamp(buf, df.s[tsCol]!, df.e[tsCol]!, dayFirst);
  const absolute = stampInfo.zoned ? (/^\s*"?\d{9,}/.test(firstText) && !/[-/]/.test(firstText) ? 'epoch' : 'offset') : null;
  let stampForm = describeStamp(firstText, dayFirst);
  if (timeCol >= 0) stampForm = `date + time columns, ${stampForm}`;

  // optional row filters: Databento action codes, interleaved symbols
  const actionCol = kind === 'ticks' && roles.action !== undefined ? roles.action : -1;
  if (actionCol >= 0) notes.push('trades only (action T)');
  let symbolCol = -1;
  let symbol = '';
  const otherSymbols: string[] = [];
  if (roles.symbol !== undefined) {
    const ff = new Fields();
    const seen: string[] = [];
    for (const l of data) {
      split(buf, l.s, l.e, sep, ff);
      const s = fieldText(buf, ff, roles.symbol);
      if (s && !seen.includes(s)) seen.push(s);
    }
    if (seen.length === 1) symbol = seen[0]!;
    if (seen.length > 1) {
      const want = symbolWanted?.toUpperCase();
      symbol = seen.find((s) => want !== undefined && s.toUpperCase() === want) ??
        seen.find((s) => want !== undefined && s.toUpperCase().startsWith(want)) ?? seen[0]!;
      symbolCol = roles.symbol;
      otherSymbols.push(...seen.filter((s) => s !== symbol));
      notes.push(`symbol ${symbol} only (also in the file: ${otherSymbols.join(', ')})`);
    }
  }

  const timeName = hasHeader ? norm(names[tsCol] ?? '') : '';
  const utcByName = /utc|gmt/.test(timeName);
  const algoSpace = names.some((n) => n.toLowerCase() === 'llow') || (dayFirst && /-\s*\d+\s*min\s*-\s*ETH\b/i.test(file));

  return ok({
    sep, hasHeader, names, dataStart: data[0]!.s, dataLine: data[0]!.line, kind, tsCol, timeCol, cols,
    roles: roleNames, actionCol, symbolCol, symbol, otherSymbols, dayFirst, stampForm, absolute, utcByName,
    algoSpace, barMinutes, fields, notes,
  });
}

/** The largest k such that more than half of the lines hold ≥ k separators. */
function majorityCount(counts: number[]): number {
  const sorted = [...counts].sort((a, b) => b - a);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The most common field count of the data lines (ties: the earlier line's); leaves the first such line split in df. */
function modalFields(buf: Buffer, data: SampleLine[], sep: number, df: Fields): number {
  const count = new Map<number, number>();
  const ns = data.map((l) => { const n = split(buf, l.s, l.e, sep, df); count.set(n, (count.get(n) ?? 0) + 1); return n; });
  let mode = ns[0]!;
  for (const n of ns) if (count.get(n)! > count.get(mode)!) mode = n;
  const k = ns.indexOf(mode);
  split(buf, data[k]!.s, data[k]!.e, sep, df);
  return mode;
}

function hasNul(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (buf[i] === 0) return true;
  return false;
}

export function describeLayout(l: CsvLayout): string {
  const used = [l.tsCol, ...(l.timeCol >= 0 ? [l.timeCol] : []), ...l.cols.filter((c) => c >= 0)].map((c) => l.names[c] ?? `col${c + 1}`);
  const bits = [l.stampForm, l.hasHeader ? 'header' : 'no header', `sep '${SEP_NAME[l.sep]}'`, ...l.notes];
  if (l.kind === 'bars' && l.cols[4]! < 0) bits.push('no volume column (volume 0)');
  if (l.kind === 'ticks' && l.cols[1]! < 0) bits.push('no size column (size 0)');
  return `${l.kind}: ${used.join(',')} (${bits.join(', ')})`;
}
