// Helper thread of mmd-cross.ts: waits for a request; exact path: sums the second half of X's rows
// against every archetype and publishes the sums; fast path: claims units until none is left and
// publishes each. Blocks in Atomics.wait between bars.
import { workerData } from 'node:worker_threads';
import { rowSummer } from './mmd-summer.ts';
import { claimUnit, fastSummer, fastUnit, fastUnits, MODE_FAST } from './mmd-cross.ts';

const { ctrl, x, res, done, y, ny, c, maxRows } = workerData as {
  ctrl: Int32Array; x: Float64Array; res: Float64Array; done: Int32Array; y: Float64Array; ny: number; c: Float64Array; maxRows: number;
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
  const n = Atomics.load(ctrl, 2);
  if (Atomics.load(ctrl, 3) === MODE_FAST) {
    if (!fast) continue; // cannot happen in one process; the requester sums every unit itself then
    fast.setX(x, n); // the requesting thread has checked this X (same code, same answer)
    for (let u; (u = claimUnit(ctrl, seq, fastUnits(k))) >= 0;) { res[u] = fastUnit(fast, u, n, k); Atomics.store(done, u, seq); }
    continue;
  }
  if (Atomics.compareExchange(ctrl, 4, -seq, seq) !== -seq) continue; // withdrawn: summed by the requester
  summer.setX(x, n);
  for (let a = 0; a < k; a++) res[a] = summer.sum(n >> 1, n, a);
  Atomics.store(ctrl, 1, seq);
  Atomics.notify(ctrl, 1);
}
