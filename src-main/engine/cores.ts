// Which cores this process keeps busy beyond the main thread. A thread that runs flat out for a while
// (a file parsed ahead, read-ahead.ts) claims a core here; a helper that only pays off on an idle core
// (MMD's second thread, mmd-cross.ts) asks for a spare one first and leaves the work to the caller
// otherwise; a claiming thread that waits (a file read far enough ahead) leaves its core spare
// meanwhile. On two cores, waking the MMD helper while a file was parsed ahead made three busy threads
// share two cores: the replay ran at 3.6-3.8 M ticks/s instead of 4.1 M without the helper.
import { availableParallelism } from 'node:os';

const CORES = availableParallelism();
/** the claims held now: each says whether its thread is parked at this moment */
const claims = new Set<() => boolean>();

/**
 * Claims a core for a busy thread; `parked` says when the thread waits instead (its core is spare
 * meanwhile). The returned function gives the claim back (once, however often called).
 */
export function claimCore(parked: () => boolean = () => false): () => void {
  const claim = () => parked();
  claims.add(claim);
  return () => { claims.delete(claim); };
}

/** Cores neither the main thread nor a working claiming thread keeps busy. */
export function spareCores(): number {
  let busy = 0;
  for (const parked of claims) if (!parked()) busy++;
  return CORES - 1 - busy;
}
