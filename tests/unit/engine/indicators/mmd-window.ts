// SPEC §2.5's robust scaling, written out for the MMD tests independently of Mmd: each of the 4
// columns of the 100 points centred on its median and divided by 1.4826 × its MAD (floored at 1e-8).
export function robustScaled(pts: readonly number[][]): Float64Array {
  const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return (s[49]! + s[50]!) / 2; };
  const x = new Float64Array(400);
  for (let c = 0; c < 4; c++) {
    const col = pts.map((p) => p[c]!);
    const med = median(col), mad = Math.max(median(col.map((z) => Math.abs(z - med))), 1e-8);
    col.forEach((z, i) => { x[i * 4 + c] = (z - med) / (1.4826 * mad); });
  }
  return x;
}
