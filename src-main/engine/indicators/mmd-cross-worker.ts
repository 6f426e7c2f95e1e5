// Helper thread of mmd-cross.ts: waits for a request, sums the second half of X's rows against
// every archetype, publishes the sums, repeats. Blocks in Atomics.wait between bars.
import { workerData } from 'node:worker_threads';
import { rowSummer } from './mmd-summer.ts';

const { ctrl, x, res, y, ny, c, maxRows } = workerData as {
  ctrl: Int32Array; x: Float64Array; res: Float64Array; y: Float64Array; ny: number; c: Float64Array; maxRows: number;
};
const k = c.length;
const ys = Array.from({ length: k }, (_, a) => y.subarray(a * ny * 4, (a + 1) * ny * 4));
const summer = rowSummer(ys, ny, c, maxRows);
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, 0, seen);
  const seq = Atomics.load(ctrl, 0);
  if (seq < 0) break;
  if (seq === seen) continue;
  seen = seq;
  const n = Atomics.load(ctrl, 2);
  summer.setX(x, n);
  for (let a = 0; a < k; a++) res[a] = summer.sum(n >> 1, n, a);
  Atomics.store(ctrl, 1, seq);
  Atomics.notify(ctrl, 1);
}
