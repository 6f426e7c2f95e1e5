// `bars <file> --timeframe 1m|5m|30m [--tz ZONE]`: bars as CSV on stdout, times in the source zone.
import { parseArgs, str, UsageError } from './args.ts';
import { openFeed } from '../engine/feed/index.ts';
import { chunksAhead } from '../engine/feed/read-ahead.ts';
import { BarSet } from '../engine/bars/bar-set.ts';
import { TIMEFRAMES, TIMEFRAME_MINUTES, type Bar, type Timeframe } from '../../src-shared/domain/bars.ts';
import { zone } from '../../src-shared/time.ts';
import { formatProblem } from '../../src-shared/result.ts';
import { cannotMake, inputMinutes } from '../engine/feed/input-minutes.ts';
import { cliConfig, feedOptions, FILE_FLAGS } from './file-args.ts';

export async function runBars(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['timeframe', ...FILE_FLAGS]);
  const file = a.positionals[0];
  if (!file || a.positionals.length > 1) throw new UsageError('bars takes exactly one file');
  const tf = str(a, 'timeframe') as Timeframe | undefined;
  if (!tf || !TIMEFRAMES.includes(tf)) throw new UsageError(`--timeframe must be one of ${TIMEFRAMES.join(', ')}`);
  const opts = feedOptions(a, cliConfig(a));
  const opened = openFeed(file, opts);
  if (!opened.ok) {
    process.stderr.write(`bars: ${formatProblem(opened.problem)}\n`);
    return 1;
  }
  const reader = opened.value;
  const info = reader.info;
  const inMin = inputMinutes(info);
  const cannot = cannotMake(info, TIMEFRAME_MINUTES[tf], tf);
  if (cannot) {
    process.stderr.write(`bars: ${cannot}\n`);
    return 1;
  }
  // Align in the exchange zone when the instrument is known, else in the source zone.
  const alignZone = zone(info.instrument?.exchangeTz ?? info.sourceTz);
  const outZone = zone(info.sourceTz);
  process.stderr.write(`bars: ${info.file}: ${info.layout}; source zone ${info.sourceTz} (${info.tzSource})${info.instrument ? `; ${info.instrument.symbol}` : ''}\n`);
  if (!info.instrument) process.stderr.write(`bars: instrument unknown: bars aligned to the clock of the source zone ${info.sourceTz} (give --instrument)\n`);
  let out: string[] = ['time,open,high,low,close,volume'];
  let count = 0;
  const flushOut = () => {
    process.stdout.write(out.join('\n') + '\n');
    out = [];
  };
  const sink = (_tf: Timeframe, b: Bar) => {
    out.push(`${outZone.format(b.t)},${b.o},${b.h},${b.l},${b.c},${b.v}`);
    count++;
    if (out.length >= 10_000) flushOut();
  };
  const set = new BarSet(alignZone, inMin, sink, [tf]);
  for await (const chunk of chunksAhead(reader, opts)) set.push(chunk); // parsed on another core meanwhile
  set.flush();
  if (out.length > 0) flushOut();
  const s = reader.stats;
  for (const p of reader.problems.slice(0, 20)) process.stderr.write(`  ${formatProblem(p)}\n`);
  process.stderr.write(`bars: ${s.rowsRead} rows read, ${s.rowsRejected} rejected, ${count} ${tf} bars\n`);
  return s.rowsRejected > 0 ? 1 : 0;
}
