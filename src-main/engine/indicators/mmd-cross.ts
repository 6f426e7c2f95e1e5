// The X–X and X–Y kernel means of MMD (SPEC §2.5): for each archetype k, means of exp(c_k·‖a − b‖²),
// 100 × 1,000 × 7 kernels across and 100 × 100 × 7 within per 30m bar — nearly all of the pipeline's
// time. Two paths: exact (mmd-kernel.ts / mmd-rows.ts, the X–X term left to the caller) and fast
// (mmd-kernel-fast.ts, both terms, its error bound stated there). With two cores a helper thread
// shares the work; every partial sum is computed the same way in either thread and added in a fixed
// order, so the result is the same bits with or without the helper.
// - exact: rows of X in two halves, the helper sums the second. It claims a request before it
//   starts; one still unclaimed when this thread has summed its half (the helper not woken yet, its
//   core busy elsewhere) is withdrawn and summed here instead of waited for.
// - fast: fastUnits(k) small units (row quarters per archetype, then the X–X pairs per archetype) that
//   both threads claim one at a time, so the work splits however late the helper wakes; a unit the
//   helper claimed but has not finished when this thread runs out is summed here too (same bits),
//   never waited for.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { References } from './mmd-reference.ts';
import { summerFor, type RowSummer } from './mmd-summer.ts';
import { FastKernelSums, type FastKind } from './mmd-kernel-fast.ts';
import { spareCores } from '../cores.ts';

export const MODE_EXACT = 0;
export const MODE_FAST = 1;

/** row quarters of the X–Y sums per archetype in fast mode (7·4 + 7 units: small enough to balance) */
const QUARTERS = 4;
export const fastUnits = (k: number): number => k * (QUARTERS + 1);
/** ctrl slots; CLAIM holds (seq tag << 8) | next fast unit, so a claim cannot land on a newer request */
export const CLAIM = 5;
export const CTRL_SLOTS = 6;
const TAG_MASK = 0x7fffff;

interface Helper {
  ctrl: Int32Array; // [0] request seq (−1 = stop), [1] done seq, [2] rows in X, [3] mode, [4] claim: −seq open, seq taken, 0 withdrawn, [5] fast claims
  x: Float64Array; // shared copy of X
  res: Float64Array; // exact: the helper's half sums per archetype; fast: one sum per unit
  done: Int32Array; // fast: the request seq whose sum res[u] holds
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
    const ctrl = new Int32Array(new SharedArrayBuffer(CTRL_SLOTS * 4));
    const x = new Float64Array(new SharedArrayBuffer(maxRows * 4 * 8));
    const res = new Float64Array(new SharedArrayBuffer(fastUnits(k) * 8));
    const done = new Int32Array(new SharedArrayBuffer(fastUnits(k) * 4));
    // Built (out/main/*.js) or run from source (*.ts): the helper sits beside this module.
    const file = import.meta.url.endsWith('.ts') ? './mmd-cross-worker.ts' : './mmd-cross-worker.js';
    const worker = new Worker(new URL(file, import.meta.url), {
      workerData: { ctrl, x, res, done, y, ny: ref.n, c: Float64Array.from(ref.negInv2s2), maxRows },
    });
    worker.unref();
    const h: Helper = { ctrl, x, res, done, seq: 0, maxRows, dead: false };
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

/** Hands the second half of X's rows to the helper; its sequence number, or 0 without a live helper or an idle core for it. */
function request(h: Helper | null, x: Float64Array, n: number, mode: number): number {
  if (!h || h.dead || spareCores() < 1) return 0; // no idle core: waking the helper would only take turns with a busy thread
  h.x.set(x.subarray(0, n * 4));
  Atomics.store(h.ctrl, 2, n);
  Atomics.store(h.ctrl, 3, mode);
  const seq = ++h.seq;
  Atomics.store(h.ctrl, 4, -seq);
  Atomics.store(h.ctrl, CLAIM, (seq & TAG_MASK) << 8);
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

/** The next fast unit of request `seq` not yet claimed by either thread, or −1. */
export function claimUnit(ctrl: Int32Array, seq: number, units: number): number {
  for (;;) {
    const v = Atomics.load(ctrl, CLAIM);
    if (v >>> 8 !== (seq & TAG_MASK) || (v & 255) >= units) return -1;
    if (Atomics.compareExchange(ctrl, CLAIM, v, v + 1) === v) return v & 255;
  }
}

/** Fast unit u of X's n rows: across sums for a row quarter of one archetype, or one archetype's X–X pairs. */
export function fastUnit(f: FastKernelSums, u: number, n: number, k: number): number {
  if (u >= k * QUARTERS) return f.pairs(u - k * QUARTERS);
  const q = u % QUARTERS;
  return f.cross(Math.floor((q * n) / QUARTERS), Math.floor(((q + 1) * n) / QUARTERS), (u - q) / QUARTERS);
}

const unitSums = new Float64Array(255);
const unitMine = new Uint8Array(255);

/**
 * Fast path: kxy[k] as crossKernelMeans, kxx[k] = mean over i ≠ i' of exp(c_k·‖x_i − x_i'‖²).
 * false (nothing written) where the fast path does not apply to this X: take the exact path.
 */
export function fastKernelMeans(x: Float64Array, n: number, ref: References, kxy: Float64Array, kxx: Float64Array): boolean {
  const { fast: f, helper: h } = slotFor(ref, n);
  if (!f || !f.setX(x, n)) return false;
  const k = ref.data.length, units = fastUnits(k), r = unitSums, mine = unitMine;
  const seq = units <= 255 ? request(h, x, n, MODE_FAST) : 0;
  mine.fill(0, 0, units);
  if (seq > 0) for (let u; (u = claimUnit(h!.ctrl, seq, units)) >= 0;) { r[u] = fastUnit(f, u, n, k); mine[u] = 1; }
  // the helper's units: its sum when it is done, else summed here (the same bits), never waited for
  for (let u = 0; u < units; u++) {
    if (!mine[u]) r[u] = seq > 0 && Atomics.load(h!.done, u) === seq ? h!.res[u]! : fastUnit(f, u, n, k);
  }
  for (let a = 0; a < k; a++) {
    let xy = 0;
    for (let q = 0; q < QUARTERS; q++) xy += r[a * QUARTERS + q]!;
    kxy[a] = xy / (n * ref.n);
    kxx[a] = (2 * r[k * QUARTERS + a]!) / (n * (n - 1));
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
