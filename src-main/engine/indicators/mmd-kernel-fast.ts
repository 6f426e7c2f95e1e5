// The fast MMD kernel sums (issue 17), WebAssembly f64x2 SIMD from scripts/build-wasm.mjs.
//
// Method. κ(x, y) = exp(c‖x − y‖²) = e_x · 2^(b_y + x·w_y) with e_x = exp(c‖x‖²) (once per row and
// archetype), b_y = c‖y‖²·log2 e and w_y = −2c·log2 e·y (once per archetype, or per bar for the X–X
// term), so a kernel costs one 4-term dot product and one 2^v. 2^v = 2^n · (2^(f/2))², n = round(v)
// by the 1.5·2^52 trick (n lands in the low bits, then in the exponent field by an integer add),
// f = v − n ∈ [−0.5, 0.5], 2^(f/2) by a degree-6 Remez polynomial (relative error 1.45e-11). With FMA
// (relaxed SIMD) where the runtime has it; the same code with a multiply and an add otherwise.
// ~5× the exact kernel (mmd-kernel.ts) per kernel. The X–X term runs here too, its i < j pairs only
// (κ is symmetric): the groups of STEP rows above the diagonal in one pass, the groups on it whole.
// Layouts are padded to whole groups with rows w = 0, b = PAD_B: each adds 2^−1000·e_x ≤ 2^−100 of
// any real kernel (|v| ≤ 900), nothing a sum can see.
//
// Error bound. Each kernel is within E = 3e-11 relative of exp(c‖x−y‖²): 2.91e-11 from the
// polynomial (squared; measured on 2M points with the stored doubles), < 1e-13 from rounding in v
// (|v| ≤ 900 is checked below, with |b| and |x·w| of that order at most) and in e_x. All terms are
// positive, so every f64 sum of them (≤ 1e5 terms, < 1e-12 relative) keeps E + 1e-12. The X–X pairs
// come from the diagonal groups as (sum − n)/2, the n self-kernels taken as 1: ≤ E/(n − 1) more on
// K_XX, absolute. Hence, with MMD² = K_XX + K_YY − 2K_XY and K_YY exact:
//     |MMD_fast − MMD_exact| ≤ E'·(K_XX + 2K_XY + 0.02) / (MMD_fast + MMD_exact) ≤ 3E' / MMD_exact,
// and ≤ √(3E') ≈ 1e-5 when both are ~0. Real MMD scores here are ≥ 0.06 (NQ 30m), so the bound is
// ≤ 3e-11·3/0.06 = 1.5e-9 absolute, ≤ 2.5e-8 relative; tests/unit/engine/indicators/
// mmd-error-bound.test.ts checks ≤ 1e-7 relative (+ 1e-12 absolute) on every score of real bars
// against the exact f64 sums with Math.exp. A bar whose window breaks the range checks (an extreme
// outlier, a flat column) returns false from setX and takes the exact path.
import { MMD_FAST_CONST_BYTES, MMD_FAST_FMA_WASM, MMD_FAST_STEP_ROWS as STEP, MMD_FAST_WASM } from './mmd-kernel-wasm.ts';
import { compileWasm, ensureMemory, instantiate, type WasmMemory } from '../wasm.ts';

interface Exports {
  memory: WasmMemory;
  sum_fast(x: number, e: number, from: number, to: number, y: number, ny: number, tri: number): number;
}

/** |v| bound of the 2^v (the exponent field takes ±1022; sums of 1,000 terms stay finite). */
const V_MAX = 900;
/** e_x = exp(c‖x‖²) stays a normal double above exp(−700). */
const E_MIN_LOG = -700;
const BLOCK = 40; // bytes per row in the w0 w1 w2 w3 b layout
/** b of a padding row: its kernel is 2^−1000·e_x (a normal double, f = 0 exactly) */
const PAD_B = -1000;
const whole = (rows: number): number => Math.ceil(rows / STEP) * STEP;

export type FastKind = 'fma' | 'plain';
const modules = new Map<FastKind, object | null>();
function compiled(kind: FastKind): object | null {
  if (!modules.has(kind)) modules.set(kind, compileWasm(kind === 'fma' ? MMD_FAST_FMA_WASM : MMD_FAST_WASM));
  return modules.get(kind)!;
}

/** Rows j of `src` (row-major ×4) as blocks of two: w = −2c·log2e·y, b = c·log2e·‖y‖²; padding rows to a whole group. */
function layout(dst: Float64Array, at: number, src: Float64Array, n: number, c: number): void {
  const k = c * Math.LOG2E;
  for (let j = 0; j < whole(n); j++) {
    const o = at + (j >> 1) * 10 + (j & 1);
    if (j >= n) { dst[o] = dst[o + 2] = dst[o + 4] = dst[o + 6] = 0; dst[o + 8] = PAD_B; continue; }
    const y0 = src[j * 4]!, y1 = src[j * 4 + 1]!, y2 = src[j * 4 + 2]!, y3 = src[j * 4 + 3]!;
    dst[o] = -2 * k * y0; dst[o + 2] = -2 * k * y1; dst[o + 4] = -2 * k * y2; dst[o + 6] = -2 * k * y3;
    dst[o + 8] = k * (y0 * y0 + y1 * y1 + y2 * y2 + y3 * y3);
  }
}

export class FastKernelSums {
  readonly kind: FastKind;
  readonly #e: Exports;
  readonly #mem: Float64Array;
  readonly #c: Float64Array;
  readonly #ny: number; // padded to a whole group
  readonly #maxRows: number;
  readonly #yR2: Float64Array; // max ‖y‖² per archetype
  readonly #xAt = MMD_FAST_CONST_BYTES; // byte offsets: X, e (k × maxRows), X–X layouts (k × maxRows rows), Y layouts
  readonly #eAt: number;
  readonly #xwAt: number;
  readonly #yAt: number;
  #n = 0;

  private constructor(e: Exports, kind: FastKind, ys: readonly Float64Array[], ny: number, c: Float64Array, maxRows: number) {
    this.#e = e;
    this.kind = kind;
    this.#c = c;
    this.#ny = whole(ny);
    this.#maxRows = maxRows = whole(maxRows);
    const k = ys.length;
    this.#eAt = this.#xAt + maxRows * 32;
    this.#xwAt = this.#eAt + k * maxRows * 8;
    this.#yAt = this.#xwAt + k * maxRows * BLOCK;
    ensureMemory(e.memory, this.#yAt + k * this.#ny * BLOCK);
    this.#mem = new Float64Array(e.memory.buffer);
    this.#yR2 = new Float64Array(k);
    ys.forEach((y, a) => {
      layout(this.#mem, (this.#yAt + a * this.#ny * BLOCK) / 8, y, ny, c[a]!);
      for (let j = 0; j < ny; j++) {
        let r2 = 0;
        for (let d = 0; d < 4; d++) r2 += y[j * 4 + d]! ** 2;
        this.#yR2[a] = Math.max(this.#yR2[a]!, r2);
      }
    });
  }

  /**
   * null where WebAssembly SIMD is missing. The FMA module where relaxed SIMD compiles, else the
   * plain one; `only` picks one (tests check both against the bound).
   */
  static create(ys: readonly Float64Array[], ny: number, c: Float64Array, maxRows: number, only?: FastKind): FastKernelSums | null {
    const kind: FastKind = only ?? (compiled('fma') ? 'fma' : 'plain');
    const m = compiled(kind);
    if (!m) return null;
    return new FastKernelSums(instantiate(m) as Exports, kind, ys, ny, c, maxRows);
  }

  /**
   * Lays out X (n rows, row-major ×4) for `cross` and `pairs`; false when the fast path does not
   * hold for this X (fewer than 2 or too many rows, or |v| / e_x out of the checked range, NaN
   * included): then the caller takes the exact path. The layout is written either way.
   */
  setX(x: Float64Array, n: number): boolean {
    const fits = n >= 2 && n <= this.#maxRows;
    const rows = Math.min(n, this.#maxRows);
    const mem = this.#mem;
    mem.set(x.subarray(0, rows * 4), this.#xAt / 8);
    let r2 = 0;
    for (let i = 0; i < rows; i++) {
      const s = x[i * 4]! ** 2 + x[i * 4 + 1]! ** 2 + x[i * 4 + 2]! ** 2 + x[i * 4 + 3]! ** 2;
      r2 = s > r2 || s !== s ? s : r2; // NaN sticks
    }
    let ok = fits && r2 === r2;
    const eBase = this.#eAt / 8;
    for (let a = 0; a < this.#c.length; a++) {
      const c = this.#c[a]!, l = -c * Math.LOG2E, yR2 = this.#yR2[a]!;
      // |v| ≤ log2e·|c|·(‖y‖² + 2‖x‖‖y‖) across, log2e·|c|·3‖x‖² within; e_x ≥ exp(c·max‖x‖²)
      if (!(l * (yR2 + 2 * Math.sqrt(r2 * yR2)) <= V_MAX && l * 3 * r2 <= V_MAX && c * r2 >= E_MIN_LOG)) ok = false;
      const eAt = eBase + a * this.#maxRows;
      for (let i = 0; i < rows; i++) {
        mem[eAt + i] = Math.exp(c * (x[i * 4]! ** 2 + x[i * 4 + 1]! ** 2 + x[i * 4 + 2]! ** 2 + x[i * 4 + 3]! ** 2));
      }
      layout(mem, (this.#xwAt + a * this.#maxRows * BLOCK) / 8, x, rows, c);
    }
    this.#n = rows;
    return ok;
  }

  /** Σ_{i∈[from,to)} Σ_{j<ny} κ_a(x_i, y_aj) with X as last set. */
  cross(from: number, to: number, a: number): number {
    return this.#e.sum_fast(this.#xAt, this.#eAt + a * this.#maxRows * 8, from, to, this.#yAt + a * this.#ny * BLOCK, this.#ny, 0);
  }

  /** Σ_{i<j<n} κ_a(x_i, x_j) with X as last set: the groups above the diagonal, then half of the groups on it less the n self-kernels. */
  pairs(a: number): number {
    const n = this.#n, e = this.#eAt + a * this.#maxRows * 8, xw = this.#xwAt + a * this.#maxRows * BLOCK;
    const upper = this.#e.sum_fast(this.#xAt, e, 0, n, xw, whole(n), 1);
    let diag = 0;
    for (let g = 0; g < n; g += STEP) diag += this.#e.sum_fast(this.#xAt, e, g, Math.min(g + STEP, n), xw + g * BLOCK, STEP, 0);
    return upper + (diag - n) / 2;
  }
}
