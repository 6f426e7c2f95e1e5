// `replay <file> [--db <path>]`: run the file through the bar stage (and the store with --db); JSON summary.
// With --timeframe / --profile / --auto-approve / --model: the trading run of trade-replay.ts.
import { parseArgs, str, UsageError } from './args.ts';
import { BarSet } from '../engine/bars/bar-set.ts';
import { TIMEFRAMES, type Timeframe } from '../../src-shared/domain/bars.ts';
import { zone } from '../../src-shared/time.ts';
import { formatProblem } from '../../src-shared/result.ts';
import { openDb, closeDb } from '../store/db.ts';
import { importFile } from '../engine/ingest/import-file.ts';
import type { Config } from '../../src-shared/config.ts';
import { barSpec, openFileSource, type FileSource } from '../engine/kernel/file-source.ts';
import { cliConfig, feedOptions, FILE_FLAGS } from './file-args.ts';
import { Kernel } from '../engine/kernel/kernel.ts';
import { chunksAhead } from '../engine/feed/read-ahead.ts';
import type { OpenOptions } from '../engine/feed/types.ts';
import { naturalMode } from '../engine/kernel/mode.ts';
import { runTradeReplay } from './trade-replay.ts';

export async function runReplay(argv: string[]): Promise<number> {
  // With a step timeframe, a profile, a model or auto-approve this is a trading run (trade-replay.ts).
  if (argv.some((x) => /^--(timeframe|profile|model|auto-approve)(=|$)/.test(x))) return runTradeReplay(argv);
  const a = parseArgs(argv, ['db', ...FILE_FLAGS]);
  const file = a.positionals[0];
  if (!file || a.positionals.length > 1) throw new UsageError('replay takes exactly one file');
  const config = cliConfig(a);
  const opts = feedOptions(a, config);
  const opened = openFileSource(file, opts);
  if (!opened.ok) {
    process.stderr.write(`replay: ${formatProblem(opened.problem)}\n`);
    return 1;
  }
  const { reader, basis } = opened.value;
  const info = reader.info;
  if (basis.assumed) process.stderr.write(`replay: ${basis.assumed}\n`);
  const stage = barStage(opened.value, config, opts); // built outside the timing (the pipeline's set-up is not throughput)
  const t0 = performance.now();
  const run = await stage();
  const secs = (performance.now() - t0) / 1000;
  const summary: Record<string, unknown> = {
    file: info.file, kind: info.kind, symbol: info.instrument?.symbol ?? null, source_tz: info.sourceTz,
    rows: reader.stats.rowsRead, rejected: reader.stats.rowsRejected,
    bars: Object.fromEntries(TIMEFRAMES.filter((tf) => run.timeframes.includes(tf)).map((tf) => [tf, run.counts[tf]])),
    seconds: Number(secs.toFixed(4)),
    ticks_per_s: info.kind === 'ticks' ? Math.round(reader.stats.rowsRead / Math.max(secs, 1e-9)) : null,
    // null when the file's bars are coarser than 5 minutes (the detector counts 5m steps)
    synergies: run.synergies ? run.synergyCount : null,
    synergies_by_pattern: run.synergies,
    rows_per_s: Math.round(reader.stats.rowsRead / Math.max(secs, 1e-9)),
  };
  const dbPath = str(a, 'db');
  if (dbPath) {
    const db = openDb(dbPath);
    try {
      const r = importFile(db, file, { ...opts, config });
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

interface BarStage {
  timeframes: readonly Timeframe[];
  counts: Record<Timeframe, number>;
  /** per pattern and direction; null without 5m steps */
  synergies: Record<string, number> | null;
  synergyCount: number;
}

/**
 * The file's closed bars per timeframe, run when called. A source that makes 5m steps runs through the
 * kernel (indicators and synergies, SPEC defaults); a coarser one has no steps to run, so only its bars
 * are made: the kernel would run the 30m pipeline (MMD alone ~5 ms a bar) or refuse rows coarser than 30m.
 */
function barStage(src: FileSource, config: Config, opts: OpenOptions): () => Promise<BarStage> {
  const counts: Record<Timeframe, number> = { '1m': 0, '5m': 0, '30m': 0 };
  const bar = (tf: Timeframe) => { counts[tf]++; };
  if (naturalMode(src.inputMinutes) !== '5m') {
    const set = new BarSet(zone(src.basis.exchangeTz), src.inputMinutes, bar);
    return async () => {
      for await (const c of chunksAhead(src.reader, opts)) set.push(c); // as `bars` reads: parsed on another core meanwhile
      set.flush();
      return { timeframes: set.timeframes, counts, synergies: null, synergyCount: 0 };
    };
  }
  const synergies: Record<string, number> = {};
  let synergyCount = 0;
  const k = new Kernel({ config, spec: barSpec(src), mode: '5m', inputMinutes: src.inputMinutes, trading: null });
  k.listen({
    bar,
    step: ({ out: { synergy: ev } }) => {
      if (!ev) return;
      const key = `${ev.synergy_type}_${ev.direction > 0 ? 'long' : 'short'}`;
      synergies[key] = (synergies[key] ?? 0) + 1;
      synergyCount++;
    },
  });
  return async () => {
    for await (const c of chunksAhead(src.reader, opts)) k.feed(c); // the file parsed on another core meanwhile
    k.finish();
    return { timeframes: k.timeframes, counts, synergies, synergyCount };
  };
}
