// The X–Y kernel means of MMD (SPEC §2.5): for each archetype k, mean over (i, j) of
// exp(c_k·‖x_i − y_kj‖²), 100 × 1,000 × 7 kernels per 30m bar — nearly all of the pipeline's time.
// Rows of X are split in two halves; with two cores a helper thread sums the second half while this
// thread sums the first. The total is always (first half) + (second half), computed the same way
// in both threads, so the result is the same bits with or without the helper.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { References } from './mmd-reference.ts';
import { summerFor, type RowSummer } from './mmd-summer.ts';

interface Helper {
  ctrl: Int32Array; // [0] request seq (−1 = stop), [1] done seq, [2] rows in X
  x: Float64Array; // shared copy of X
  res: Float64Array; // the helper's half sums, one per archetype
  seq: number;
  maxRows: number;
  dead: boolean;
}

interface Slot { summer: RowSummer; helper: Helper | null }
const slots = new Map<References, Slot>();

function startHelper(ref: References, maxRows: number): Helper | null {
  if (process.env.ALGOSPACE_MMD_THREADS === '1' || availableParallelism() < 2) return null;
  try {
    const k = ref.data.length;
    const y = new Float64Array(new SharedArrayBuffer(k * ref.n * 4 * 8));
    ref.data.forEach((d, i) => y.set(d.subarray(0, ref.n * 4), i * ref.n * 4));
    const ctrl = new Int32Array(new SharedArrayBuffer(3 * 4));
    const x = new Float64Array(new SharedArrayBuffer(maxRows * 4 * 8));
    const res = new Float64Array(new SharedArrayBuffer(k * 8));
    // Built (out/main/*.js) or run from source (*.ts): the helper sits beside this module.
    const file = import.meta.url.endsWith('.ts') ? './mmd-cross-worker.ts' : './mmd-cross-worker.js';
    const worker = new Worker(new URL(file, import.meta.url), {
      workerData: { ctrl, x, res, y, ny: ref.n, c: Float64Array.from(ref.negInv2s2), maxRows },
    });
    worker.unref();
    const h: Helper = { ctrl, x, res, seq: 0, maxRows, dead: false };
    worker.on('error', () => { h.dead = true; });
    worker.on('exit', () => { h.dead = true; });
    return h;
  } catch {
    return null;
  }
}

function slotFor(ref: References, n: number): Slot {
  let s = slots.get(ref);
  if (!s || (s.helper && n > s.helper.maxRows)) {
    const maxRows = Math.max(n, 128);
    s = { summer: summerFor(ref, maxRows), helper: startHelper(ref, maxRows) };
    slots.set(ref, s);
  }
  return s;
}

/** out[k] = mean over i < n, j of exp(c_k·‖x_i − y_kj‖²), for every archetype k. */
export function crossKernelMeans(x: Float64Array, n: number, ref: References, out: Float64Array): void {
  const { summer, helper: h } = slotFor(ref, n);
  const half = n >> 1;
  const k = ref.data.length;
  summer.setX(x, n);
  if (h && !h.dead) {
    h.x.set(x.subarray(0, n * 4));
    Atomics.store(h.ctrl, 2, n);
    const seq = ++h.seq;
    Atomics.store(h.ctrl, 0, seq);
    Atomics.notify(h.ctrl, 0);
    for (let a = 0; a < k; a++) out[a] = summer.sum(0, half, a);
    while (Atomics.load(h.ctrl, 1) !== seq && !h.dead) Atomics.wait(h.ctrl, 1, Atomics.load(h.ctrl, 1), 1000);
    if (Atomics.load(h.ctrl, 1) === seq) {
      for (let a = 0; a < k; a++) out[a] = (out[a]! + h.res[a]!) / (n * ref.n);
      return;
    }
  }
  for (let a = 0; a < k; a++) out[a] = (summer.sum(0, half, a) + summer.sum(half, n, a)) / (n * ref.n);
}

/** How many MMD helper threads are running (for tests and the bench). */
export function mmdHelperThreads(): number {
  let n = 0;
  for (const s of slots.values()) if (s.helper && !s.helper.dead) n++;
  return n;
}

/** 'wasm' or 'js': how this thread sums kernels (for tests and the bench). */
export function mmdKernelKind(ref: References): RowSummer['kind'] | null {
  return slots.get(ref)?.summer.kind ?? null;
}
