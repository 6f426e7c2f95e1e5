import { parseArgs, str, UsageError } from './args.ts';
import { openDb, closeDb } from '../store/db.ts';
import { importFile } from '../engine/ingest/import-file.ts';
import { formatProblem } from '../../src-shared/result.ts';
import { cliConfig, feedOptions, FILE_FLAGS } from './file-args.ts';

export function runImport(argv: string[]): number {
  const a = parseArgs(argv, ['db', ...FILE_FLAGS], ['replace']);
  const file = a.positionals[0];
  const dbPath = str(a, 'db');
  if (!file || a.positionals.length > 1) throw new UsageError('import takes exactly one file');
  if (!dbPath) throw new UsageError('import needs --db <path>');
  const config = cliConfig(a);
  const opts = feedOptions(a, config);
  const db = openDb(dbPath);
  try {
    let lastLine = 0;
    const r = importFile(db, file, {
      ...opts, config, replace: a.flags.get('replace') === true,
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastLine < 1000 && p.bytesRead < p.bytesTotal) return;
        lastLine = now;
        process.stderr.write(`${p.file}: ${p.rowsRead} rows (${Math.round(p.rowsPerSec)} rows/s), ${p.rowsRejected} rejected, ${Math.round((100 * p.bytesRead) / Math.max(1, p.bytesTotal))} %\n`);
      },
    });
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
    closeDb(db);
  }
}
