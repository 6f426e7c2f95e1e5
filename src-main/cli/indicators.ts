// `indicators <file> --timeframe 5m|30m [--tz ZONE]`: one CSV row per bar, OHLCV then every indicator
// column (empty while not ready). In a 5m run the 30m columns hold the values of the last 30m bar
// that has ended by the 5m bar's end (SPEC §1.6); in a 30m run the 5m-stage indicators (FVG, ATR,
// momentum, volume ratio) run on the 30m bars themselves. The bars and steps are the kernel's
// (kernel.ts, no trading side), so they are those of a replay of the same file.
// An indicator that fails on a bar is isolated by the pipeline (its columns are empty there and while
// it warms up again, the others are unaffected); each failure is one stderr line with the bar time
// (ISO, UTC) and the reason, and the run ends with a count. The exit code is then 1, as for rejected rows.
import { parseArgs, str, UsageError } from './args.ts';
import type { IndicatorFault, IndicatorNote } from '../engine/pipeline.ts';
import type { Faults } from '../engine/health/guard.ts';
import { COLUMNS_30M, COLUMNS_5M } from '../engine/indicator-columns.ts';
import type { IndicatorRow } from '../store/indicator-values.ts';
import type { Bar } from '../../src-shared/domain/bars.ts';
import { zone, type Zone } from '../../src-shared/time.ts';
import { formatProblem } from '../../src-shared/result.ts';
import { Kernel } from '../engine/kernel/kernel.ts';
import { cannotStep, type StepMode } from '../engine/kernel/mode.ts';
import { barSpec, openFileSource } from '../engine/kernel/file-source.ts';
import { chunksAhead } from '../engine/feed/read-ahead.ts';
import { cliConfig, feedOptions, FILE_FLAGS } from './file-args.ts';

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

export async function runIndicators(argv: string[], io: IndicatorsIo = {}): Promise<number> {
  const stdout = io.stdout ?? ((x: string) => { process.stdout.write(x); });
  const stderr = io.stderr ?? ((x: string) => { process.stderr.write(x); });
  const a = parseArgs(argv, ['timeframe', ...FILE_FLAGS]);
  const file = a.positionals[0];
  if (!file || a.positionals.length > 1) throw new UsageError('indicators takes exactly one file');
  const tf = str(a, 'timeframe') as StepMode | undefined;
  if (tf !== '5m' && tf !== '30m') throw new UsageError('--timeframe must be 5m or 30m');
  const config = cliConfig(a);
  const opts = feedOptions(a, config);
  const opened = openFileSource(file, opts);
  if (!opened.ok) {
    stderr(`indicators: ${formatProblem(opened.problem)}\n`);
    return 1;
  }
  const src = opened.value;
  const { reader, basis, inputMinutes } = src;
  const info = reader.info;
  const cannot = cannotStep(inputMinutes, tf);
  if (cannot) {
    stderr(`indicators: ${info.file}: ${cannot}\n`);
    return 1;
  }
  if (basis.assumed) stderr(`indicators: ${basis.assumed}\n`);
  const log = new FaultLog(stderr);
  const kernel = new Kernel({ config, spec: barSpec(src), mode: tf, inputMinutes, trading: null, faults: io.faults ?? null, onFault: log.onFault, onNote: log.onNote });
  const p = kernel.pipeline;
  const csv = new CsvOut(stdout, zone(info.sourceTz));
  kernel.listen({
    step: ({ out }) => {
      if (!out.bar) return;
      // a 5m row sees the last 30m bar delivered by its end; a 30m step delivers its own
      csv.row(out.bar, out.row, tf === '5m' ? p.last30 : out.row30);
    },
  });
  for await (const chunk of chunksAhead(reader, opts)) kernel.feed(chunk); // parsed on another core meanwhile
  // close the forming bars, without finish()'s delivery of the last unfinished 30m bar: it has no row here
  kernel.advanceTo(Infinity);
  csv.end();
  for (const q of reader.problems.slice(0, 20)) stderr(`  ${formatProblem(q)}\n`);
  stderr(`indicators: ${reader.stats.rowsRead} rows read, ${reader.stats.rowsRejected} rejected, ${csv.count} ${tf} bars\n`);
  const coarse = p.stage30.lvn.coarseBars;
  if (coarse > 0) stderr(`indicators: lvn binned its profile coarser than the tick ${basis.tickSize} on ${coarse} 30m bars\n`);
  stderr(`indicators: ${log.summary()}\n`);
  return reader.stats.rowsRejected > 0 || log.total > 0 ? 1 : 0;
}

/** The CSV: a header, then one line per step bar in the file's zone, written in blocks. */
class CsvOut {
  count = 0;
  #lines: string[] = [['time', 'open', 'high', 'low', 'close', 'volume', ...COLUMNS_30M, ...COLUMNS_5M].join(',')];
  readonly #write: (s: string) => void;
  readonly #zone: Zone;

  constructor(write: (s: string) => void, z: Zone) {
    this.#write = write;
    this.#zone = z;
  }

  row(bar: Bar, row5: IndicatorRow | null, row30: IndicatorRow | null): void {
    const cells = [this.#zone.format(bar.t), bar.o, bar.h, bar.l, bar.c, bar.v].map(String);
    for (const c of COLUMNS_30M) cells.push(cell(row30?.[c]));
    for (const c of COLUMNS_5M) cells.push(cell(row5?.[c]));
    this.#lines.push(cells.join(','));
    this.count++;
    if (this.#lines.length >= 5_000) this.#flush();
  }

  end(): void {
    if (this.#lines.length > 0) this.#flush();
  }

  #flush(): void {
    this.#write(this.#lines.join('\n') + '\n');
    this.#lines = [];
  }
}
