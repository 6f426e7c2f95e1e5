// Which cores this process keeps busy beyond the main thread. A thread that runs flat out for a while
// (a file parsed ahead, read-ahead.ts) claims a core here; a helper that only pays off on an idle core
// (MMD's second thread, mmd-cross.ts) asks for a spare one first and leaves the work to the caller
// otherwise. On two cores, waking the MMD helper while a file is parsed ahead made three busy threads
// share two cores: the replay ran at 3.6-3.8 M ticks/s instead of 4.1 M without the helper.
import { availableParallelism } from 'node:os';

const CORES = availableParallelism();
let claimed = 0;

/** Claims a core for a busy thread; the returned function gives it back (once, however often called). */
export function claimCore(): () => void {
  claimed++;
  let given = false;
  return () => {
    if (!given) { given = true; claimed--; }
  };
}

/** Cores neither the main thread nor a claiming thread keeps busy. */
export function spareCores(): number {
  return CORES - 1 - claimed;
}
