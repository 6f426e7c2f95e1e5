// Helper thread of mmd-cross.ts: waits for a request, sums the second half of X's rows against
// every archetype (exact path: across; fast path: across and within), publishes the sums, repeats.
// Blocks in Atomics.wait between bars.
import { workerData } from 'node:worker_threads';
import { rowSummer } from './mmd-summer.ts';
import { fastSummer, MODE_FAST } from './mmd-cross.ts';

const { ctrl, x, res, y, ny, c, maxRows } = workerData as {
  ctrl: Int32Array; x: Float64Array; res: Float64Array; y: Float64Array; ny: number; c: Float64Array; maxRows: number;
};
const k = c.length;
const ys = Array.from({ length: k }, (_, a) => y.subarray(a * ny * 4, (a + 1) * ny * 4));
const summer = rowSummer(ys, ny, c, maxRows);
const fast = fastSummer(ys, ny, c, maxRows);
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, 0, seen);
  const seq = Atomics.load(ctrl, 0);
  if (seq < 0) break;
  if (seq === seen) continue;
  seen = seq;
  if (Atomics.compareExchange(ctrl, 4, -seq, seq) !== -seq) continue; // withdrawn: summed by the requester
  const n = Atomics.load(ctrl, 2);
  if (Atomics.load(ctrl, 3) === MODE_FAST) {
    if (fast) {
      fast.setX(x, n); // the requesting thread has checked this X (same code, same answer)
      for (let a = 0; a < k; a++) { res[a] = fast.cross(n >> 1, n, a); res[k + a] = fast.within(n >> 1, n, a); }
    } else res[0] = NaN; // cannot happen in one process; the requester then sums alone
  } else {
    summer.setX(x, n);
    for (let a = 0; a < k; a++) res[a] = summer.sum(n >> 1, n, a);
  }
  Atomics.store(ctrl, 1, seq);
  Atomics.notify(ctrl, 1);
}
