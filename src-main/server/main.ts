// Browser mode entry (npm run serve; scripts/start.mjs when there is no Electron).
// stdout carries exactly one line, the URL to open; everything else goes to stderr.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseCli, REPO_ROOT, USAGE, UsageError } from './options.ts';
import { defaultModelPath } from '../engine/decision/model-path.ts';
import { startServer } from './server.ts';
import { closeDb, openDb, StoreOpenError } from '../store/db.ts';
import { migrationLines, onMigrationProgress } from '../store/migrations/progress.ts';

async function main(): Promise<void> {
  // the store, logs, config and uploads are the trader's alone: files 0600, folders 0700
  process.umask(0o077);
  let opts;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  await mkdir(dirname(opts.dbPath), { recursive: true });
  // a store that cannot be opened (damaged, a newer version's, a directory, locked): one line, exit 2;
  // one from an older version is upgraded here (a long upgrade says so)
  onMigrationProgress(migrationLines((line) => console.error(line)));
  try {
    closeDb(openDb(opts.dbPath));
  } catch (e) {
    console.error(e instanceof StoreOpenError ? e.message : `${opts.dbPath}: cannot be opened (${String(e)})`);
    process.exit(2);
  }
  if (!existsSync(join(opts.rendererDir, 'index.html'))) {
    console.error(`warning: no renderer at ${opts.rendererDir} (run \`npm run build\` or pass --renderer DIR)`);
  }
  // --sample DIR moves the sample data, not the decision model: the app's own model (models/) stays in use
  const ownSample = join(REPO_ROOT, 'resources', 'sample');
  if (opts.sampleDir !== ownSample && !process.env.ALGOSPACE_MODEL) process.env.ALGOSPACE_MODEL = defaultModelPath(ownSample);
  const running = await startServer(opts);
  process.stdout.write(`AlgoSpace Workstation (browser mode): ${running.url}\n`);

  let stoppingAt = 0;
  const stop = (signal: string) => {
    if (stoppingAt) {
      // A terminal's Ctrl+C reaches both start.mjs (which forwards it) and us: ignore the echo.
      if (Date.now() - stoppingAt < 1500) return;
      console.error(`${signal} again: exiting without waiting for the engine`);
      process.exit(1);
    }
    stoppingAt = Date.now();
    running.close().then(
      () => process.exit(0),
      (e: unknown) => { console.error(`shutdown failed: ${String(e)}`); process.exit(1); },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(`browser mode failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
