// Helper thread of mmd-cross.ts: waits for a request, sums the second half of X's rows against
// every archetype, publishes the sums, repeats. Blocks in Atomics.wait between bars.
import { workerData } from 'node:worker_threads';
import { sumRows } from './mmd-rows.ts';

const { ctrl, x, res, y, ny, c } = workerData as {
  ctrl: Int32Array; x: Float64Array; res: Float64Array; y: Float64Array; ny: number; c: Float64Array;
};
const k = c.length;
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, 0, seen);
  const seq = Atomics.load(ctrl, 0);
  if (seq < 0) break;
  if (seq === seen) continue;
  seen = seq;
  const n = Atomics.load(ctrl, 2);
  const half = n >> 1;
  for (let a = 0; a < k; a++) res[a] = sumRows(x, half, n, y.subarray(a * ny * 4, (a + 1) * ny * 4), ny, c[a]!);
  Atomics.store(ctrl, 1, seq);
  Atomics.notify(ctrl, 1);
}
