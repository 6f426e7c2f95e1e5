// The X–X and X–Y kernel means of MMD (SPEC §2.5): for each archetype k, means of exp(c_k·‖a − b‖²),
// 100 × 1,000 × 7 kernels across and 100 × 100 × 7 within per 30m bar — nearly all of the pipeline's
// time. Two paths: exact (mmd-kernel.ts / mmd-rows.ts, the X–X term left to the caller) and fast
// (mmd-kernel-fast.ts, both terms, its error bound stated there). Rows of X are split in two halves;
// with two cores a helper thread sums the second half while this thread sums the first. The total is
// always (first half) + (second half), computed the same way in both threads, so the result is the
// same bits with or without the helper. The helper claims a request before it starts; one that is
// still unclaimed when this thread has summed its half (the helper not woken yet, its core busy
// elsewhere) is withdrawn and summed here instead of waited for.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { References } from './mmd-reference.ts';
import { summerFor, type RowSummer } from './mmd-summer.ts';
import { FastKernelSums, type FastKind } from './mmd-kernel-fast.ts';

export const MODE_EXACT = 0;
export const MODE_FAST = 1;

interface Helper {
  ctrl: Int32Array; // [0] request seq (−1 = stop), [1] done seq, [2] rows in X, [3] mode, [4] claim: −seq open, seq taken, 0 withdrawn
  x: Float64Array; // shared copy of X
  res: Float64Array; // the helper's half sums: across per archetype, then within (fast mode)
  seq: number;
  maxRows: number;
  dead: boolean;
}

interface Slot { summer: RowSummer; fast: FastKernelSums | null; helper: Helper | null }
const slots = new Map<References, Slot>();

/** The fast sums of this thread, or null (no WebAssembly SIMD, ALGOSPACE_MMD_WASM=0, ny not a multiple of 4). */
export function fastSummer(ys: readonly Float64Array<ArrayBufferLike>[], ny: number, c: Float64Array, maxRows: number): FastKernelSums | null {
  return process.env.ALGOSPACE_MMD_WASM === '0' ? null : FastKernelSums.create(ys as Float64Array[], ny, c, maxRows);
}

function startHelper(ref: References, maxRows: number): Helper | null {
  if (process.env.ALGOSPACE_MMD_THREADS === '1' || availableParallelism() < 2) return null;
  try {
    const k = ref.data.length;
    const y = new Float64Array(new SharedArrayBuffer(k * ref.n * 4 * 8));
    ref.data.forEach((d, i) => y.set(d.subarray(0, ref.n * 4), i * ref.n * 4));
    const ctrl = new Int32Array(new SharedArrayBuffer(5 * 4));
    const x = new Float64Array(new SharedArrayBuffer(maxRows * 4 * 8));
    const res = new Float64Array(new SharedArrayBuffer(2 * k * 8));
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
    const c = Float64Array.from(ref.negInv2s2);
    s = { summer: summerFor(ref, maxRows), fast: fastSummer(ref.data, ref.n, c, maxRows), helper: startHelper(ref, maxRows) };
    slots.set(ref, s);
  }
  return s;
}

/** Hands the second half of X's rows to the helper; its sequence number, or 0 without a live helper. */
function request(h: Helper | null, x: Float64Array, n: number, mode: number): number {
  if (!h || h.dead) return 0;
  h.x.set(x.subarray(0, n * 4));
  Atomics.store(h.ctrl, 2, n);
  Atomics.store(h.ctrl, 3, mode);
  const seq = ++h.seq;
  Atomics.store(h.ctrl, 4, -seq);
  Atomics.store(h.ctrl, 0, seq);
  Atomics.notify(h.ctrl, 0);
  return seq;
}

/** The helper's sums for request `seq`: withdrawn if not yet claimed, else waited for; false: sum here. */
function finished(h: Helper, seq: number): boolean {
  if (Atomics.compareExchange(h.ctrl, 4, -seq, 0) === -seq) return false;
  while (Atomics.load(h.ctrl, 1) !== seq && !h.dead) Atomics.wait(h.ctrl, 1, Atomics.load(h.ctrl, 1), 1000);
  return Atomics.load(h.ctrl, 1) === seq;
}

/** Exact path: out[k] = mean over i < n, j of exp(c_k·‖x_i − y_kj‖²), for every archetype k. */
export function crossKernelMeans(x: Float64Array, n: number, ref: References, out: Float64Array): void {
  const { summer, helper: h } = slotFor(ref, n);
  const half = n >> 1;
  const k = ref.data.length;
  summer.setX(x, n);
  const seq = request(h, x, n, MODE_EXACT);
  if (seq > 0) {
    for (let a = 0; a < k; a++) out[a] = summer.sum(0, half, a);
    const done = finished(h!, seq);
    for (let a = 0; a < k; a++) out[a] = (out[a]! + (done ? h!.res[a]! : summer.sum(half, n, a))) / (n * ref.n);
    return;
  }
  for (let a = 0; a < k; a++) out[a] = (summer.sum(0, half, a) + summer.sum(half, n, a)) / (n * ref.n);
}

/**
 * Fast path: kxy[k] as crossKernelMeans, kxx[k] = mean over i ≠ i' of exp(c_k·‖x_i − x_i'‖²).
 * false (nothing written) where the fast path does not apply to this X: take the exact path.
 */
export function fastKernelMeans(x: Float64Array, n: number, ref: References, kxy: Float64Array, kxx: Float64Array): boolean {
  const { fast: f, helper: h } = slotFor(ref, n);
  if (!f || !f.setX(x, n)) return false;
  const half = n >> 1;
  const k = ref.data.length;
  const seq = request(h, x, n, MODE_FAST);
  for (let a = 0; a < k; a++) { kxy[a] = f.cross(0, half, a); kxx[a] = f.within(0, half, a); }
  const hx = seq > 0 && finished(h!, seq) && !Number.isNaN(h!.res[0]) ? h!.res : null;
  for (let a = 0; a < k; a++) {
    const xy = kxy[a]! + (hx ? hx[a]! : f.cross(half, n, a));
    const xx = kxx[a]! + (hx ? hx[k + a]! : f.within(half, n, a));
    kxy[a] = xy / (n * ref.n);
    kxx[a] = (xx - n) / (n * (n - 1)); // the diagonal κ(x_i, x_i) = 1, n times
  }
  return true;
}

/** How many MMD helper threads are running (for tests and the bench). */
export function mmdHelperThreads(): number {
  let n = 0;
  for (const s of slots.values()) if (s.helper && !s.helper.dead) n++;
  return n;
}

/** 'wasm' or 'js': how this thread sums kernels on the exact path (for tests and the bench). */
export function mmdKernelKind(ref: References): RowSummer['kind'] | null {
  return slots.get(ref)?.summer.kind ?? null;
}

/** 'fma' or 'plain' (WebAssembly with or without relaxed SIMD's FMA), or null: the fast path's kind. */
export function mmdFastKind(ref: References): FastKind | null {
  return slots.get(ref)?.fast?.kind ?? null;
}
