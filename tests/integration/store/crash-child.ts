// Child process for the crash test: starts an import and SIGKILLs itself after `killAfter` stored chunks.
import { openDb } from '../../../src-main/store/db.ts';
import { importFile } from '../../../src-main/engine/ingest/import-file.ts';

const [dbPath, file, killAfter] = process.argv.slice(2);
const db = openDb(dbPath!);
importFile(db, file!, {
  chunkRows: 10_000,
  afterChunk: (n) => {
    if (n === Number(killAfter)) {
      process.stdout.write(`killing after ${n} chunks\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  },
});
process.stdout.write('import finished without being killed\n');
