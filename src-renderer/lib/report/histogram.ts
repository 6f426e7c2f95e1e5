// Histogram bins of R multiples shared by one or two runs: a "nice" bin width (¼ R … 10 R), edges
// on multiples of it so 0 R is always an edge (wins and losses never share a bin), half-open bins
// [lo, hi) so a −1 R stop-out lands in the bin that starts at −1. The bins always span −1 R … +1 R,
// so a run of a few trades still reads against a full stop and a 1 R win.
const WIDTHS = [0.25, 0.5, 1, 2, 5, 10];
const EPS = 1e-9;

export interface RBins {
  /** k + 1 bin edges (R) */
  edges: number[];
  /** k bin centres (the x of a bar) */
  centers: number[];
  width: number;
  /** per run, k counts */
  counts: number[][];
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Bins over every value of every run (non-finite values are left out); at most `maxBins` bins. */
export function rBins(runs: readonly (readonly number[])[], maxBins = 20): RBins {
  let min = Infinity;
  let max = -Infinity;
  for (const rs of runs) for (const v of rs) if (Number.isFinite(v)) { min = Math.min(min, v); max = Math.max(max, v); }
  if (min > max) return { edges: [], centers: [], width: 0, counts: runs.map(() => []) };
  min = Math.min(min, -1);
  max = Math.max(max, 1 - EPS);
  let width = WIDTHS[WIDTHS.length - 1]!;
  let lo = 0;
  let k = 0;
  for (const w of WIDTHS) {
    lo = Math.floor(min / w + EPS) * w;
    k = Math.floor((max - lo) / w + EPS) + 1;
    width = w;
    if (k <= maxBins) break;
  }
  const edges = Array.from({ length: k + 1 }, (_, i) => round6(lo + i * width));
  const centers = Array.from({ length: k }, (_, i) => round6(lo + (i + 0.5) * width));
  const counts = runs.map((rs) => {
    const c = new Array<number>(k).fill(0);
    for (const v of rs) {
      if (!Number.isFinite(v)) continue;
      const i = Math.min(k - 1, Math.max(0, Math.floor((v - lo) / width + EPS)));
      c[i]!++;
    }
    return c;
  });
  return { edges, centers, width, counts };
}
