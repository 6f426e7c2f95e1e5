// `journal --db <path> [--run ID]`: the decision journal as CSV on stdout (columns: JOURNAL_COLUMNS).
import { existsSync } from 'node:fs';
import { parseArgs, str, UsageError } from './args.ts';
import { openDb, closeDb } from '../store/db.ts';
import { journal } from '../store/trading.ts';
import { journalCsv } from '../../src-shared/journal-csv.ts';

export function runJournal(argv: string[]): number {
  const a = parseArgs(argv, ['db', 'run']);
  const dbPath = str(a, 'db');
  if (!dbPath) throw new UsageError('journal needs --db <path>');
  if (a.positionals.length) throw new UsageError('journal takes no file');
  const runArg = str(a, 'run');
  const runId = runArg === undefined ? null : Number(runArg);
  if (runId !== null && !Number.isInteger(runId)) throw new UsageError(`--run must be a run id, got '${runArg}'`);
  if (!existsSync(dbPath)) {
    process.stderr.write(`journal: ${dbPath}: no such database\n`);
    return 1;
  }
  const db = openDb(dbPath);
  try {
    process.stdout.write(journalCsv(journal(db, { runId })));
    return 0;
  } finally {
    closeDb(db);
  }
}
