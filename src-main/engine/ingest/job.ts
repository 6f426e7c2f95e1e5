// A long job (import, indicator recompute) is a generator that yields between slices (a chunk of the
// file, a few thousand bars through the indicators, a batch of rows written). Whoever drives it decides
// what happens at a yield:
// - the engine worker stays synchronous (nothing else touches the database meanwhile) and, at most
//   every `pollMs`, reads the commands that arrived (`poll`): a `job.cancel` is answered at once;
// - the CLI gives its event loop a turn (setImmediate), so Ctrl+C (SIGINT) can be heard.
// A cancelled job is thrown a JobCancelled at its yield: its own catch rolls its transaction back.
import { fail, type Problem } from '../../../src-shared/result.ts';

export type Job<T> = Generator<void, T, void>;

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

export const cancelledProblem = (what: string): { ok: false; problem: Problem } =>
  fail('cancelled', `${what} cancelled: nothing of it was stored`);

/** Drive a job to its end synchronously; `checkpoint` runs at its yields (at most every `everyMs`) and says whether to stop. */
export function runJobSync<T>(job: Job<T>, checkpoint: () => boolean = () => false, everyMs = 50): T {
  let last = performance.now();
  let r = job.next();
  while (!r.done) {
    const t = performance.now();
    if (t - last >= everyMs) {
      last = t;
      r = checkpoint() ? job.throw(new JobCancelled()) : job.next();
    } else {
      r = job.next();
    }
  }
  return r.value;
}

/** Drive a job, giving the event loop a turn every `sliceMs` (signals, timers); `cancelled()` is asked after each turn. */
export async function runJobAsync<T>(job: Job<T>, cancelled: () => boolean, sliceMs = 50): Promise<T> {
  let last = performance.now();
  let r = job.next();
  while (!r.done) {
    if (performance.now() - last >= sliceMs) {
      await new Promise<void>((res) => setImmediate(res));
      last = performance.now();
      if (cancelled()) {
        r = job.throw(new JobCancelled());
        continue;
      }
    }
    r = job.next();
  }
  return r.value;
}
