// Σ over rows i in [from, to) and all j of exp(c·‖x_i − y_j‖²) for 4-D rows: the MMD hot loop,
// shared by this thread and the helper thread so both sum in exactly the same order.
import { expNeg } from './fast-exp.ts';

export function sumRows(x: Float64Array, from: number, to: number, y: Float64Array, ny: number, c: number): number {
  let s = 0;
  const end = ny * 4;
  for (let i = from; i < to; i++) {
    const a0 = x[i * 4]!, a1 = x[i * 4 + 1]!, a2 = x[i * 4 + 2]!, a3 = x[i * 4 + 3]!;
    let si = 0;
    for (let o = 0; o < end; o += 4) {
      const d0 = a0 - y[o]!, d1 = a1 - y[o + 1]!, d2 = a2 - y[o + 2]!, d3 = a3 - y[o + 3]!;
      si += expNeg(c * (d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3));
    }
    s += si;
  }
  return s;
}
