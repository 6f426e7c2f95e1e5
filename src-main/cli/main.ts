// `npm run cli -- <command> …`: one file per command. Exit 0 clean, 1 with problems, 2 on bad usage (and on a
// refused --instrument or --config). A command's module is loaded when it runs, so one command's imports
// (the bench's, the model runtime's) neither slow nor break the others.
import { UsageError } from './args.ts';
import { Refusal } from './file-args.ts';
import { migrationLines, onMigrationProgress } from '../store/migrations/progress.ts';

// a store from an older version upgraded when a command opens it: a long upgrade says so on stderr
onMigrationProgress(migrationLines((line) => process.stderr.write(`${line}\n`)));

const USAGE = `usage: npm run cli -- <command> [options]
  import <file> --db <path> [--instrument SYM] [--tz ZONE] [--contract YYYYMM] [--config <path>] [--replace]
  bars <file> --timeframe 1m|5m|30m [--tz ZONE] [--instrument SYM] [--config <path>]
  replay <file> [--db <path>] [--tz ZONE] [--instrument SYM] [--config <path>]
  replay <file> --timeframe 5m|30m [--tz ZONE] [--profile spec|active] --db <path> [--auto-approve] [--model <path>|none]
         [--instrument SYM] [--config <path>]   (trades: the instrument must be known)
  journal --db <path> [--run ID]
  report --db <path> [--run ID] [--json] [--html <file>]   (the backtest report of a run; default: the newest)
  sweep <sweep.yaml> --db <path> [--workers N] [--queue redis://host:port] [--parquet <dir>]
         (a grid or random sample of config keys × data files × walk-forward folds, one run per task)
  worker --queue redis://host:port [--concurrency N] [--data-dir DIR] [--lock-ms MS] [--exit-when-idle]
         (runs queued sweep tasks, on any machine that can read the data)
  indicators <file> --timeframe 5m|30m [--tz ZONE] [--instrument SYM] [--config <path>]
  instruments [--json] [--config <path>]
  bench [--ticks N] [--out bench/results.json] [--only sweep|indicators|import] [--skip-import]
  health --db <path>
--instrument: a catalogue symbol (see 'instruments') or one defined under 'instruments:' in the --config file
--config: a config.yaml as the app writes it; its instruments and settings replace SPEC's defaults`;

type Run = (argv: string[]) => Promise<number> | number;
const commands: Record<string, () => Promise<Run>> = {
  import: async () => (await import('./import.ts')).runImport,
  bars: async () => (await import('./bars.ts')).runBars,
  replay: async () => (await import('./replay.ts')).runReplay,
  bench: async () => (await import('./bench.ts')).runBench,
  indicators: async () => (await import('./indicators.ts')).runIndicators,
  health: async () => (await import('./health.ts')).runHealth,
  journal: async () => (await import('./journal.ts')).runJournal,
  report: async () => (await import('./report.ts')).runReport,
  sweep: async () => (await import('./sweep.ts')).runSweep,
  worker: async () => (await import('./worker.ts')).runWorker,
  instruments: async () => (await import('./instruments.ts')).runInstruments,
};

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const load = cmd && Object.hasOwn(commands, cmd) ? commands[cmd] : undefined;
  if (!load) {
    process.stderr.write(`${cmd ? `unknown command '${cmd}'\n` : ''}${USAGE}\n`);
    return 2;
  }
  const run = await load();
  try {
    return await run(rest);
  } catch (e) {
    if (e instanceof Refusal) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`${cmd}: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    // the store refused to open (exit 2, nothing done) or failed under way (a full disk: exit 1)
    if ((e as Error).name === 'StoreOpenError') { // store/db.ts (by name: this module loads no command's imports)
      process.stderr.write(`${cmd}: ${(e as Error).message}\n`);
      return 2;
    }
    if (/^SQLITE_/.test((e as { code?: string }).code ?? '')) {
      process.stderr.write(`${cmd}: the database failed: ${(e as Error).message} (${(e as { code: string }).code}); what was committed before stays\n`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
