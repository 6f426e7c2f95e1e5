// `worker --queue redis://host:port [--concurrency N] [--data-dir DIR] [--lock-ms MS] [--exit-when-idle]`:
// runs sweep tasks from the BullMQ queue until stopped (SIGINT/SIGTERM finish the running tasks' hand-back
// first), or, with --exit-when-idle, once the queue has had nothing waiting or running for a few seconds
// (a Kubernetes Indexed Job's pods end that way). A task's data and model files are found at the path the
// sweep planned them on, or by base name under --data-dir, and must have the planned content.
import { availableParallelism } from 'node:os';
import { parseArgs, str, UsageError } from './args.ts';
import { startWorker } from '../engine/sweep/queue-worker.ts';

const IDLE_CHECKS = 3;

export async function runWorker(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['queue', 'concurrency', 'data-dir', 'lock-ms'], ['exit-when-idle']);
  if (a.positionals.length) throw new UsageError(`worker takes no file, got '${a.positionals[0]}'`);
  const url = str(a, 'queue');
  if (!url || !/^rediss?:\/\/./.test(url)) throw new UsageError('worker needs --queue redis://host:port');
  const concurrency = whole(a, 'concurrency', Math.max(1, availableParallelism()));
  const lockMs = whole(a, 'lock-ms', 30_000);
  const w = startWorker({ url, concurrency, lockMs, dataDir: str(a, 'data-dir') ?? null, log: (l) => process.stderr.write(`${l}\n`) });
  process.stderr.write(`worker: on ${url}, ${concurrency} task(s) at once\n`);
  await new Promise<void>((done) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => done());
    if (a.flags.get('exit-when-idle') === true) {
      let quiet = 0;
      const t = setInterval(() => {
        void w.idle().then((idle) => {
          quiet = idle ? quiet + 1 : 0;
          if (quiet >= IDLE_CHECKS) { clearInterval(t); done(); }
        }, () => { quiet = 0; });
      }, 1000);
    }
  });
  await w.close();
  process.stderr.write(`worker: stopped after ${w.finished} task(s)\n`);
  return 0;
}

function whole(a: ReturnType<typeof parseArgs>, name: string, dflt: number): number {
  const v = str(a, name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number ≥ 1, got '${v}'`);
  return n;
}
