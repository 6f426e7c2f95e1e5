// The X–Y kernel sums of MMD (SPEC §2.5): for each archetype k, mean over (i, j) of
// exp(c_k·‖x_i − y_kj‖²), 100 × 1,000 × 7 kernels per 30m bar — nearly all of the pipeline's time.
// Rows of X are split in two halves; with two cores a helper thread sums the second half while this
// thread sums the first. The total is always (first half) + (second half), computed the same way
// in both threads, so the result is the same bits with or without the helper.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { References } from './mmd-reference.ts';
import { sumRows } from './mmd-rows.ts';

interface Helper {
  worker: Worker;
  ctrl: Int32Array; // [0] request seq (−1 = stop), [1] done seq, [2] rows in X
  x: Float64Array; // shared copy of X
  res: Float64Array; // the helper's half sums, one per archetype
  seq: number;
  maxRows: number;
}

const helpers = new Map<References, Helper | null>();

function startHelper(ref: References, maxRows: number): Helper | null {
  if (process.env.ALGOSPACE_MMD_THREADS === '1' || availableParallelism() < 2) return null;
  try {
    const k = ref.data.length;
    const ysab = new SharedArrayBuffer(k * ref.n * 4 * 8);
    const y = new Float64Array(ysab);
    ref.data.forEach((d, i) => y.set(d.subarray(0, ref.n * 4), i * ref.n * 4));
    const ctrl = new Int32Array(new SharedArrayBuffer(3 * 4));
    const x = new Float64Array(new SharedArrayBuffer(maxRows * 4 * 8));
    const res = new Float64Array(new SharedArrayBuffer(k * 8));
    // Built (out/main/*.js) or run from source (*.ts): the helper sits beside this module.
    const file = import.meta.url.endsWith('.ts') ? './mmd-cross-worker.ts' : './mmd-cross-worker.js';
    const worker = new Worker(new URL(file, import.meta.url), {
      workerData: { ctrl, x, res, y, ny: ref.n, c: Float64Array.from(ref.negInv2s2) },
    });
    worker.unref();
    worker.on('error', () => helpers.set(ref, null)); // fall back to one thread; same bits
    return { worker, ctrl, x, res, seq: 0, maxRows };
  } catch {
    return null;
  }
}

/** out[k] = mean over i < n, j of exp(c_k·‖x_i − y_kj‖²), for every archetype k. */
export function crossKernelMeans(x: Float64Array, n: number, ref: References, out: Float64Array): void {
  let h = helpers.get(ref);
  if (h === undefined) helpers.set(ref, (h = startHelper(ref, n)));
  const half = n >> 1;
  const k = ref.data.length;
  if (h && n <= h.maxRows && helpers.get(ref) !== null) {
    h.x.set(x.subarray(0, n * 4));
    Atomics.store(h.ctrl, 2, n);
    const seq = ++h.seq;
    Atomics.store(h.ctrl, 0, seq);
    Atomics.notify(h.ctrl, 0);
    for (let a = 0; a < k; a++) out[a] = sumRows(x, 0, half, ref.data[a]!, ref.n, ref.negInv2s2[a]!);
    // Wait for the helper's half (it is already running; a dead helper falls back below).
    for (let spins = 0; Atomics.load(h.ctrl, 1) !== seq; spins++) {
      if (Atomics.wait(h.ctrl, 1, Atomics.load(h.ctrl, 1), 2000) === 'timed-out' && helpers.get(ref) === null) break;
    }
    if (Atomics.load(h.ctrl, 1) === seq) {
      for (let a = 0; a < k; a++) out[a] = (out[a]! + h.res[a]!) / (n * ref.n);
      return;
    }
  }
  for (let a = 0; a < k; a++) {
    const y = ref.data[a]!, c = ref.negInv2s2[a]!;
    out[a] = (sumRows(x, 0, half, y, ref.n, c) + sumRows(x, half, n, y, ref.n, c)) / (n * ref.n);
  }
}

/** Whether any MMD instance is using a helper thread now (for tests and the bench). */
export function mmdHelperThreads(): number {
  let n = 0;
  for (const h of helpers.values()) if (h) n++;
  return n;
}
