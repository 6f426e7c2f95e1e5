// `replay <file> [--db <path>]`: run the file through the bar stage (and the store with --db); JSON summary.
// With --timeframe / --profile / --auto-approve / --model: the trading run of trade-replay.ts.
import { parseArgs, str, UsageError } from './args.ts';
import { openFeed } from '../engine/feed/index.ts';
import { BarSet } from '../engine/bars/bar-set.ts';
import { TIMEFRAMES, type Timeframe } from '../../src-shared/domain/bars.ts';
import { zone } from '../../src-shared/time.ts';
import { formatProblem } from '../../src-shared/result.ts';
import { inputMinutes } from '../engine/feed/input-minutes.ts';
import { openDb, closeDb } from '../store/db.ts';
import { importFile } from '../engine/ingest/import-file.ts';
import { IndicatorPipeline } from '../engine/pipeline.ts';
import { DEFAULT_CONFIG } from '../../src-shared/config.ts';
import { genericInstrument } from '../../src-shared/instruments.ts';
import { runTradeReplay } from './trade-replay.ts';

export function runReplay(argv: string[]): Promise<number> | number {
  // With a step timeframe, a profile, a model or auto-approve this is a trading run (trade-replay.ts).
  if (argv.some((x) => /^--(timeframe|profile|model|auto-approve)(=|$)/.test(x))) return runTradeReplay(argv);
  const a = parseArgs(argv, ['db', 'tz', 'instrument', 'contract']);
  const file = a.positionals[0];
  if (!file || a.positionals.length > 1) throw new UsageError('replay takes exactly one file');
  const opts = { tz: str(a, 'tz'), instrument: str(a, 'instrument'), contract: str(a, 'contract') };
  const opened = openFeed(file, opts);
  if (!opened.ok) {
    process.stderr.write(`replay: ${formatProblem(opened.problem)}\n`);
    return 1;
  }
  const reader = opened.value;
  const info = reader.info;
  const counts: Record<Timeframe, number> = { '1m': 0, '5m': 0, '30m': 0 };
  // Closed 5m bars also run through the indicator pipeline and the synergy detector (SPEC defaults).
  const spec = info.instrument ?? genericInstrument('UNKNOWN', info.sourceTz);
  const inMin = inputMinutes(info);
  const pipeline = inMin <= 5 && 5 % Math.max(inMin, 1) === 0
    ? new IndicatorPipeline({ config: DEFAULT_CONFIG, exchangeTz: spec.exchangeTz, tickSize: spec.tickSize, mode: '5m' })
    : null;
  const synergies: Record<string, number> = {};
  let synergyCount = 0;
  const set = new BarSet(zone(spec.exchangeTz), inMin, (tf, b) => {
    counts[tf]++;
    if (tf === '5m' && pipeline) {
      const ev = pipeline.push5m({ ...b }).synergy;
      if (ev) {
        const key = `${ev.synergy_type}_${ev.direction > 0 ? 'long' : 'short'}`;
        synergies[key] = (synergies[key] ?? 0) + 1;
        synergyCount++;
      }
    }
  });
  const t0 = performance.now();
  for (const chunk of reader.chunks()) set.push(chunk);
  set.flush();
  const secs = (performance.now() - t0) / 1000;
  const summary: Record<string, unknown> = {
    file: info.file, kind: info.kind, symbol: info.instrument?.symbol ?? null, source_tz: info.sourceTz,
    rows: reader.stats.rowsRead, rejected: reader.stats.rowsRejected,
    bars: Object.fromEntries(TIMEFRAMES.filter((tf) => set.timeframes.includes(tf)).map((tf) => [tf, counts[tf]])),
    seconds: Number(secs.toFixed(4)),
    ticks_per_s: info.kind === 'ticks' ? Math.round(reader.stats.rowsRead / Math.max(secs, 1e-9)) : null,
    // null when the file's bars are coarser than 5 minutes (the detector counts 5m steps)
    synergies: pipeline ? synergyCount : null,
    synergies_by_pattern: pipeline ? synergies : null,
    rows_per_s: Math.round(reader.stats.rowsRead / Math.max(secs, 1e-9)),
  };
  const dbPath = str(a, 'db');
  if (dbPath) {
    const db = openDb(dbPath);
    try {
      const r = importFile(db, file, opts);
      if (!r.ok) {
        process.stderr.write(`replay: store: ${formatProblem(r.problem)}\n`);
        return 1;
      }
      summary.stored = { import_id: r.value.id, rows_stored: r.value.duplicate ? 0 : r.value.rowsStored, duplicate: r.value.duplicate };
    } finally {
      closeDb(db);
    }
  }
  for (const p of reader.problems.slice(0, 20)) process.stderr.write(`  ${formatProblem(p)}\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return reader.stats.rowsRejected > 0 ? 1 : 0;
}
