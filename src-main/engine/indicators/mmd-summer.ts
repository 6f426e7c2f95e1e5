// Row sums of the MMD X–Y kernels for every archetype: Σ_{i∈[from,to)} Σ_j exp(c_a·‖x_i − y_aj‖²).
// WebAssembly SIMD where the runtime has it (mmd-kernel.ts), else the plain JS loop; the two agree
// to ~1e-15 relative. Each thread makes its own; both threads of one process pick the same kind.
import type { References } from './mmd-reference.ts';
import { WasmKernelSums } from './mmd-kernel.ts';
import { sumRows } from './mmd-rows.ts';

export interface RowSummer {
  readonly kind: 'wasm' | 'js';
  setX(x: Float64Array, n: number): void;
  sum(from: number, to: number, a: number): number;
}

export function rowSummer(ys: readonly Float64Array<ArrayBufferLike>[], ny: number, c: Float64Array, maxRows: number): RowSummer {
  const w = process.env.ALGOSPACE_MMD_WASM === '0' ? null : WasmKernelSums.create(ys, ny, c, maxRows);
  if (w) return { kind: 'wasm', setX: (x, n) => w.setX(x, n), sum: (from, to, a) => w.sum(from, to, a) };
  let xs: Float64Array<ArrayBufferLike> = new Float64Array(0);
  return {
    kind: 'js',
    setX: (x) => { xs = x; },
    sum: (from, to, a) => sumRows(xs, from, to, ys[a]!, ny, c[a]!),
  };
}

export const summerFor = (ref: References, maxRows: number): RowSummer =>
  rowSummer(ref.data, ref.n, Float64Array.from(ref.negInv2s2), maxRows);
