// The exact MMD kernel sums in WebAssembly (f64x2 SIMD, built by scripts/build-wasm.mjs): two kernels
// per instruction stream and an exp without table look-ups (~1e-15 relative), ~3× the plain JS loop.
// One instance per thread; the archetypes are copied into its memory once, X on every bar. The fast
// path (mmd-kernel-fast.ts) has its own module; `compileWasm` (../wasm.ts) serves both.
import { MMD_KERNEL_WASM } from './mmd-kernel-wasm.ts';
import { compileWasm, ensureMemory, instantiate, type WasmMemory } from '../wasm.ts';

interface Exports {
  memory: WasmMemory;
  sum_rows(x: number, from: number, to: number, y: number, ny: number, c: number): number;
}

let module: object | null | undefined;
function compiled(): object | null {
  if (module === undefined) module = compileWasm(MMD_KERNEL_WASM); // null: no SIMD, callers use the JS loop
  return module;
}

export class WasmKernelSums {
  readonly #e: Exports;
  readonly #x: Float64Array;
  readonly #yBase: number;
  readonly #ny: number;
  readonly #c: Float64Array;

  /** `ys[a]`: archetype a, row-major ny × 4; `c[a]` = −1/(2σ_a²). */
  private constructor(e: Exports, ys: readonly Float64Array[], ny: number, c: Float64Array, maxRows: number) {
    this.#e = e;
    this.#ny = ny;
    this.#c = c;
    const xBytes = Math.ceil((maxRows * 32) / 16) * 16;
    ensureMemory(e.memory, xBytes + ys.length * ny * 32);
    this.#x = new Float64Array(e.memory.buffer, 0, maxRows * 4);
    this.#yBase = xBytes;
    // structure of arrays per archetype: column k of archetype a at yBase + (a·4 + k)·ny·8
    const y = new Float64Array(e.memory.buffer, xBytes, ys.length * ny * 4);
    ys.forEach((rows, a) => {
      for (let j = 0; j < ny; j++) for (let k = 0; k < 4; k++) y[(a * 4 + k) * ny + j] = rows[j * 4 + k]!;
    });
  }

  /** null where WebAssembly SIMD is missing or ny is not a multiple of 4 (the module takes four rows a step). */
  static create(ys: readonly Float64Array[], ny: number, c: Float64Array, maxRows: number): WasmKernelSums | null {
    const m = compiled();
    if (!m || ny % 4 !== 0) return null;
    const e = instantiate(m) as Exports;
    return new WasmKernelSums(e, ys, ny, c, maxRows);
  }

  setX(x: Float64Array, n: number): void {
    if (n * 4 > this.#x.length) throw new RangeError(`mmd kernel: ${n} rows, room for ${this.#x.length / 4}`);
    this.#x.set(x.subarray(0, n * 4));
  }

  /** Σ_{i∈[from,to)} Σ_j exp(c_a·‖x_i − y_aj‖²) with X as last set. */
  sum(from: number, to: number, a: number): number {
    return this.#e.sum_rows(0, from, to, this.#yBase + a * 4 * this.#ny * 8, this.#ny, this.#c[a]!);
  }
}
