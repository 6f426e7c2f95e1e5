// `indicators <file> --timeframe 5m|30m [--tz ZONE]`: one CSV row per bar, OHLCV then every indicator
// column (empty while not ready). In a 5m run the 30m columns hold the values of the last 30m bar
// that has ended by the 5m bar's end (SPEC §1.6); in a 30m run the 5m-stage indicators (FVG, ATR,
// momentum, volume ratio) run on the 30m bars themselves.
// An indicator that fails on a bar is isolated by the pipeline (its columns are empty there and while
// it warms up again, the others are unaffected); each failure is one stderr line with the bar time
// (ISO, UTC) and the reason, and the run ends with a count. The exit code is then 1, as for rejected rows.
import { parseArgs, str, UsageError } from './args.ts';
import { openFeed } from '../engine/feed/index.ts';
import { BarSet } from '../engine/bars/bar-set.ts';
import { IndicatorPipeline, type IndicatorFault, type IndicatorNote } from '../engine/pipeline.ts';
import type { Faults } from '../engine/health/guard.ts';
import { COLUMNS_30M, COLUMNS_5M } from '../engine/indicator-columns.ts';
import type { IndicatorRow } from '../store/indicator-values.ts';
import { genericInstrument } from '../../src-shared/instruments.ts';
import type { Bar, Timeframe } from '../../src-shared/domain/bars.ts';
import { DEFAULT_CONFIG } from '../../src-shared/config.ts';
import { zone } from '../../src-shared/time.ts';
import { formatProblem } from '../../src-shared/result.ts';
import { cannotMake, inputMinutes } from '../engine/feed/input-minutes.ts';

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
const iso = (t: number) => new Date(t).toISOString();

/** Where output goes, and the pipeline's fault hook; tests pass their own. */
export interface IndicatorsIo {
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
  faults?: Faults | null;
}

/** The pipeline's failures and notes as stderr lines, counted per guard for the summary. */
export class FaultLog {
  readonly counts = new Map<string, number>();
  total = 0;
  readonly #write: (s: string) => void;

  constructor(write: (s: string) => void) { this.#write = write; }

  readonly onFault = (f: IndicatorFault): void => {
    this.total++;
    this.counts.set(f.indicator, (this.counts.get(f.indicator) ?? 0) + 1);
    this.#write(`indicators: ${iso(f.barT)} ${f.indicator} failed: ${f.reason}\n`);
  };

  readonly onNote = (n: IndicatorNote): void => {
    this.#write(`indicators: ${iso(n.barT)} ${n.indicator}: ${n.message}\n`);
  };

  /** e.g. `2 indicator failures (indicators.30m.lvn 2)`; `no indicator failures` */
  summary(): string {
    if (this.total === 0) return 'no indicator failures';
    const each = [...this.counts].map(([name, n]) => `${name} ${n}`).join(', ');
    return `${this.total} indicator failure${this.total === 1 ? '' : 's'} (${each}); their columns are empty on those bars and until they warmed up again`;
  }
}

export function runIndicators(argv: string[], io: IndicatorsIo = {}): number {
  const stdout = io.stdout ?? ((x: string) => { process.stdout.write(x); });
  const stderr = io.stderr ?? ((x: string) => { process.stderr.write(x); });
  const a = parseArgs(argv, ['timeframe', 'tz', 'instrument', 'contract']);
  const file = a.positionals[0];
  if (!file || a.positionals.length > 1) throw new UsageError('indicators takes exactly one file');
  const tf = str(a, 'timeframe') as Timeframe | undefined;
  if (tf !== '5m' && tf !== '30m') throw new UsageError('--timeframe must be 5m or 30m');
  const opened = openFeed(file, { tz: str(a, 'tz'), instrument: str(a, 'instrument'), contract: str(a, 'contract') });
  if (!opened.ok) {
    stderr(`indicators: ${formatProblem(opened.problem)}\n`);
    return 1;
  }
  const reader = opened.value;
  const info = reader.info;
  const inMin = inputMinutes(info);
  const cannot = cannotMake(info, tf === '5m' ? 5 : 30, tf);
  if (cannot) {
    stderr(`indicators: ${cannot}\n`);
    return 1;
  }
  const spec = info.instrument ?? genericInstrument('UNKNOWN', info.sourceTz);
  if (!info.instrument) stderr(`indicators: instrument unknown; LVN uses a ${spec.tickSize} price grid, coarser where the range needs it (give --instrument)\n`);
  const outZone = zone(info.sourceTz);
  const log = new FaultLog(stderr);
  const pipeline = new IndicatorPipeline({
    config: DEFAULT_CONFIG, exchangeTz: spec.exchangeTz, tickSize: spec.tickSize, mode: tf,
    faults: io.faults ?? null, onFault: log.onFault, onNote: log.onNote,
  });
  const columns = [...COLUMNS_30M, ...COLUMNS_5M];
  let out: string[] = [['time', 'open', 'high', 'low', 'close', 'volume', ...columns].join(',')];
  const flush = () => { stdout(out.join('\n') + '\n'); out = []; };
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
  for (const p of reader.problems.slice(0, 20)) stderr(`  ${formatProblem(p)}\n`);
  stderr(`indicators: ${reader.stats.rowsRead} rows read, ${reader.stats.rowsRejected} rejected, ${count} ${tf} bars\n`);
  const coarse = pipeline.stage30.lvn.coarseBars;
  if (coarse > 0) stderr(`indicators: lvn binned its profile coarser than the tick ${spec.tickSize} on ${coarse} 30m bars\n`);
  stderr(`indicators: ${log.summary()}\n`);
  return reader.stats.rowsRejected > 0 || log.total > 0 ? 1 : 0;
}
