// `report --db <path> [--run ID] [--json] [--html <file>]`: the backtest report of a trading run
// (default: the newest in the database). Text summary on stdout, or the RunReport JSON with --json;
// --html also writes one self-contained HTML file. No database, no run or an unknown --run: exit 2.
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs, str, UsageError } from './args.ts';
import { openDb, closeDb } from '../store/db.ts';
import { newestRunId } from '../store/report.ts';
import { buildReport } from '../engine/report/build-report.ts';
import { reportText } from '../engine/report/text.ts';
import { reportHtml } from '../engine/report/html.ts';

export function runReport(argv: string[]): number {
  const a = parseArgs(argv, ['db', 'run', 'html'], ['json']);
  const dbPath = str(a, 'db');
  if (!dbPath) throw new UsageError('report needs --db <path>');
  if (a.positionals.length) throw new UsageError('report takes no file');
  const runArg = str(a, 'run');
  const runId = runArg === undefined ? null : Number(runArg);
  if (runId !== null && !(Number.isInteger(runId) && runId > 0)) throw new UsageError(`--run must be a run id, got '${runArg}'`);
  // a report never creates a database
  if (!existsSync(dbPath)) {
    process.stderr.write(`report: ${dbPath}: no such database\n`);
    return 2;
  }
  const db = openDb(dbPath);
  try {
    const id = runId ?? newestRunId(db);
    if (id === null) {
      process.stderr.write(`report: ${dbPath} holds no trading run (replay a file with --timeframe and --db first)\n`);
      return 2;
    }
    const t0 = performance.now();
    const r = buildReport(db, id);
    if (!r.ok) {
      process.stderr.write(`report: ${r.problem.message}\n`);
      return 2;
    }
    const html = str(a, 'html');
    if (html) {
      try {
        writeFileSync(html, reportHtml(r.value));
      } catch (e) {
        process.stderr.write(`report: cannot write ${html} (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
        return 1;
      }
    }
    process.stdout.write(a.flags.get('json') === true ? `${JSON.stringify(r.value)}\n` : reportText(r.value));
    process.stderr.write(`report: run ${id} in ${(performance.now() - t0).toFixed(0)} ms${html ? `; wrote ${html}` : ''}\n`);
    return 0;
  } finally {
    closeDb(db);
  }
}
