// `health --db <path>`: the contract's Health structure as JSON for a stored database, without an
// engine. The file is opened read-only (never created or migrated). Stages are listed idle with
// zero counts (their counters live in a running engine), alerts are the ones the table holds as
// raised, sizes are the DB's and its WAL's, process numbers are this CLI process's.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { parseArgs, str, UsageError } from './args.ts';
import { Health } from '../../src-shared/ipc.ts';
import { Metrics } from '../engine/health/metrics.ts';
import { sampleHealth, toHealth } from '../engine/health/snapshot.ts';
import { raisedAlerts } from '../store/alerts.ts';

export function runHealth(argv: string[]): number {
  const rssAtStart = process.memoryUsage().rss;
  const a = parseArgs(argv, ['db']);
  const dbPath = str(a, 'db');
  if (a.positionals.length > 0) throw new UsageError('health takes no file; name the database with --db <path>');
  if (!dbPath) throw new UsageError('health needs --db <path>');
  if (!existsSync(dbPath)) {
    process.stderr.write(`health: no database at ${dbPath}\n`);
    return 1;
  }
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const hasAlerts = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alerts'").get() !== undefined;
    const sample = sampleHealth({ metrics: new Metrics(), db, dbPath, rssAtStart, at: Date.now() });
    // Validated like an IPC response: the CLI is one more client of the same contract.
    const h = Health.parse(toHealth(sample, hasAlerts ? raisedAlerts(db) : []));
    process.stdout.write(`${JSON.stringify(h, null, 2)}\n`);
    return 0;
  } finally {
    db.close();
  }
}
