// `indicators <file> --timeframe 5m|30m [--tz ZONE]`: one CSV row per bar, OHLCV then every indicator
// column (empty while not ready). In a 5m run the 30m columns hold the values of the last 30m bar
// that has ended by the 5m bar's end (SPEC §1.6); in a 30m run the 5m-stage indicators (FVG, ATR,
// momentum, volume ratio) run on the 30m bars themselves.
import { parseArgs, str, UsageError } from './args.ts';
import { openFeed } from '../engine/feed/index.ts';
import { BarSet } from '../engine/bars/bar-set.ts';
import { IndicatorPipeline } from '../engine/pipeline.ts';
import { COLUMNS_30M, COLUMNS_5M } from '../engine/indicator-columns.ts';
import type { IndicatorRow } from '../store/indicator-values.ts';
import { genericInstrument } from '../../src-shared/instruments.ts';
import type { Bar, Timeframe } from '../../src-shared/domain/bars.ts';
import { DEFAULT_CONFIG } from '../../src-shared/config.ts';
import { zone } from '../../src-shared/time.ts';
import { formatProblem } from '../../src-shared/result.ts';
import { cannotMake, inputMinutes } from '../engine/feed/input-minutes.ts';

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function runIndicators(argv: string[]): number {
  const a = parseArgs(argv, ['timeframe', 'tz', 'instrument', 'contract']);
  const file = a.positionals[0];
  if (!file || a.positionals.length > 1) throw new UsageError('indicators takes exactly one file');
  const tf = str(a, 'timeframe') as Timeframe | undefined;
  if (tf !== '5m' && tf !== '30m') throw new UsageError('--timeframe must be 5m or 30m');
  const opened = openFeed(file, { tz: str(a, 'tz'), instrument: str(a, 'instrument'), contract: str(a, 'contract') });
  if (!opened.ok) {
    process.stderr.write(`indicators: ${formatProblem(opened.problem)}\n`);
    return 1;
  }
  const reader = opened.value;
  const info = reader.info;
  const inMin = inputMinutes(info);
  const cannot = cannotMake(info, tf === '5m' ? 5 : 30, tf);
  if (cannot) {
    process.stderr.write(`indicators: ${cannot}\n`);
    return 1;
  }
  const spec = info.instrument ?? genericInstrument('UNKNOWN', info.sourceTz);
  if (!info.instrument) process.stderr.write(`indicators: instrument unknown; LVN uses a ${spec.tickSize} price grid (give --instrument)\n`);
  const outZone = zone(info.sourceTz);
  const pipeline = new IndicatorPipeline({ config: DEFAULT_CONFIG, exchangeTz: spec.exchangeTz, tickSize: spec.tickSize, mode: tf });
  const columns = [...COLUMNS_30M, ...COLUMNS_5M];
  let out: string[] = [['time', 'open', 'high', 'low', 'close', 'volume', ...columns].join(',')];
  const flush = () => { process.stdout.write(out.join('\n') + '\n'); out = []; };
  let count = 0;
  const emit = (bar: Bar, row5: IndicatorRow | null, row30: IndicatorRow | null) => {
    const cells = [outZone.format(bar.t), bar.o, bar.h, bar.l, bar.c, bar.v].map(String);
    for (const c of COLUMNS_30M) cells.push(cell(row30?.[c]));
    for (const c of COLUMNS_5M) cells.push(cell(row5?.[c]));
    out.push(cells.join(','));
    count++;
    if (out.length >= 5_000) flush();
  };
  const set = new BarSet(zone(spec.exchangeTz), inMin, (_tf, b) => {
    if (tf === '5m') {
      const step = pipeline.push5m({ ...b });
      emit(b, step.row, pipeline.last30);
    } else {
      const step = pipeline.push30m({ ...b });
      emit(b, step.row, step.row30);
    }
  }, [tf]);
  for (const chunk of reader.chunks()) set.push(chunk);
  set.flush();
  if (out.length > 0) flush();
  for (const p of reader.problems.slice(0, 20)) process.stderr.write(`  ${formatProblem(p)}\n`);
  process.stderr.write(`indicators: ${reader.stats.rowsRead} rows read, ${reader.stats.rowsRejected} rejected, ${count} ${tf} bars\n`);
  return reader.stats.rowsRejected > 0 ? 1 : 0;
}
