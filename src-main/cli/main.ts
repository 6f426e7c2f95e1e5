// `npm run cli -- <command> …`: one file per command. Exit 0 clean, 1 with problems, 2 on bad usage.
import { UsageError } from './args.ts';
import { runImport } from './import.ts';
import { runBars } from './bars.ts';
import { runReplay } from './replay.ts';
import { runBench } from './bench.ts';
import { runIndicators } from './indicators.ts';
import { runHealth } from './health.ts';
import { runJournal } from './journal.ts';

const USAGE = `usage: npm run cli -- <command> [options]
  import <file> --db <path> [--instrument SYM] [--tz ZONE] [--contract YYYYMM]
  bars <file> --timeframe 1m|5m|30m [--tz ZONE] [--instrument SYM]
  replay <file> [--db <path>] [--tz ZONE] [--instrument SYM]
  replay <file> --timeframe 5m|30m [--tz ZONE] [--profile spec|active] --db <path> [--auto-approve] [--model <path>|none]
  journal --db <path> [--run ID]
  indicators <file> --timeframe 5m|30m [--tz ZONE] [--instrument SYM]
  bench [--ticks N] [--out bench/results.json]
  health --db <path>`;

const commands: Record<string, (argv: string[]) => Promise<number> | number> = {
  import: runImport,
  bars: runBars,
  replay: runReplay,
  bench: runBench,
  indicators: runIndicators,
  health: runHealth,
  journal: runJournal,
};

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const run = cmd ? commands[cmd] : undefined;
  if (!run) {
    process.stderr.write(`${cmd ? `unknown command '${cmd}'\n` : ''}${USAGE}\n`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${cmd}: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
