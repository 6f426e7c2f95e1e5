import { parseArgs, str, UsageError } from './args.ts';
import { openDb, closeDb } from '../store/db.ts';
import { basename } from 'node:path';
import { importSteps } from '../engine/ingest/import-file.ts';
import { JobCancelled, runJobAsync } from '../engine/ingest/job.ts';
import { formatProblem, type Result } from '../../src-shared/result.ts';
import { ProgressMeter, progressLine } from '../../src-shared/progress.ts';
import type { ImportRecord } from '../../src-shared/ipc.ts';
import { cliConfig, feedOptions, FILE_FLAGS } from './file-args.ts';

/** exit code of a run stopped by Ctrl+C (128 + SIGINT), as shells report it */
export const EXIT_INTERRUPTED = 130;

export async function runImport(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['db', ...FILE_FLAGS], ['replace']);
  const file = a.positionals[0];
  const dbPath = str(a, 'db');
  if (!file || a.positionals.length > 1) throw new UsageError('import takes exactly one file');
  if (!dbPath) throw new UsageError('import needs --db <path>');
  const config = cliConfig(a);
  const opts = feedOptions(a, config);
  const db = openDb(dbPath);
  // Ctrl+C: the import stops at its next slice and rolls its transaction back (job.ts)
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(EXIT_INTERRUPTED); // a second Ctrl+C: at once (the transaction is not committed either)
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    // phase lines on stderr: each phase's start, then every ~2 s (ALGOSPACE_PROGRESS_MS), and the end
    const meter = new ProgressMeter({
      id: 'import', kind: 'import', label: basename(file), phases: ['reading', 'bars', 'indicators', 'writing'], now: Date.now,
      everyMs: Number(process.env.ALGOSPACE_PROGRESS_MS) > 0 ? Number(process.env.ALGOSPACE_PROGRESS_MS) : 2000, emit: (p) => process.stderr.write(`${progressLine(p)}\n`),
    });
    let r: Result<ImportRecord>;
    try {
      r = await runJobAsync(importSteps(db, file, { ...opts, config, replace: a.flags.get('replace') === true, meter }), () => interrupted);
    } catch (e) {
      if (!(e instanceof JobCancelled)) throw e;
      process.stderr.write(`${basename(file)}: import cancelled (Ctrl+C): nothing of it was stored\n`);
      return EXIT_INTERRUPTED;
    }
    meter.end(r.ok ? 'done' : 'failed', r.ok ? (r.value.duplicate ? 'already imported: nothing added' : `${r.value.rowsStored} rows stored`) : 'failed');
    if (!r.ok) {
      process.stderr.write(`import failed: ${formatProblem(r.problem)}\n`);
      return 1;
    }
    const rec = r.value;
    for (const p of rec.problems.slice(0, 20)) process.stderr.write(`  ${formatProblem(p)}\n`);
    const differing = rec.barsDiffering ?? 0;
    if (differing > 0) {
      process.stderr.write(rec.barsReplaced ? `${rec.file}: ${differing} stored bar(s) replaced by the file's (--replace)\n`
        : `${rec.file}: ${differing} bar(s) of the file differ from the stored ones at the same times: the stored bars are kept; import with --replace to take the file's\n`);
    }
    process.stdout.write(`${JSON.stringify({
      file: rec.file, symbol: rec.symbol, kind: rec.kind, format: rec.format, layout: rec.layout, source_tz: rec.sourceTz,
      rows_read: rec.rowsRead, rows_stored: rec.duplicate ? 0 : rec.rowsStored, rows_rejected: rec.rowsRejected,
      duplicate: rec.duplicate, import_id: rec.id, bars_differing: differing, bars_replaced: rec.barsReplaced ?? 0,
    })}\n`);
    return rec.rowsRejected > 0 || (differing > 0 && !rec.barsReplaced) ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    closeDb(db);
  }
}
