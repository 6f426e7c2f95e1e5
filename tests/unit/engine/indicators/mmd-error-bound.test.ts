// The fast MMD path's error bound (mmd-kernel-fast.ts): on real NQ 30m bars from several eras, every
// MMD score of the fast path is within 1e-7 relative (+ 1e-12 absolute, for scores near 0) of the
// exact f64 scores recomputed here from the bars with plain loops and Math.exp; the kernel sums of
// both fast modules (FMA and plain) are within E = 3e-11 relative of the Math.exp sums (the X–X
// pairs: + E·n/2 absolute, the self-kernels taken as 1), also for a row count that is no whole
// group of the loop; a window the fast path cannot take (a flat column: MAD floored at 1e-8) takes
// the exact path.
import { describe, it, expect } from 'vitest';
import { Mmd } from '../../../../src-main/engine/indicators/mmd.ts';
import { FastKernelSums } from '../../../../src-main/engine/indicators/mmd-kernel-fast.ts';
import { getReferences, kernelMeanBetween, kernelMeanWithin } from '../../../../src-main/engine/indicators/mmd-reference.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';
import { readOhlcCsv, NQ_30M_ETH } from '../../../helpers/causal.ts';
import { robustScaled } from './mmd-window.ts';

const REL = 1e-7, ABS = 1e-12, E = 3e-11;
const ref = getReferences(42, 1000, 200);
const all = readOhlcCsv(NQ_30M_ETH);

/** The robust-scaled test window X ending at bar T (SPEC §2.5), written out independently of Mmd. */
function windowAt(bars: readonly Bar[], T: number): Float64Array {
  const C = (i: number) => bars[i]!.c;
  const r = (i: number) => C(i) / C(i - 1) - 1;
  const std = (xs: number[]) => {
    const mu = xs.reduce((a, x) => a + x, 0) / xs.length;
    return Math.sqrt(xs.reduce((a, x) => a + (x - mu) ** 2, 0) / (xs.length - 1));
  };
  const last = (i: number) => Math.min(20, i); // σ over the last ≤ 20 returns (r exists from bar 1)
  const point = (i: number) => [r(i), Math.log(C(i) / C(i - 1)), (bars[i]!.h - bars[i]!.l) / C(i - 1),
    std(Array.from({ length: last(i) }, (_, k) => r(i - last(i) + 1 + k))) * Math.sqrt(252 * 48)];
  const pts = Array.from({ length: 100 }, (_, k) => point(T - 99 + k));
  const x = robustScaled(pts);
  return x;
}

/** The exact scores: the plain estimator with Math.exp, f64 sums. */
function exactScores(x: Float64Array): number[] {
  return ref.data.map((y, k) => {
    const c = ref.negInv2s2[k]!;
    const mmd2 = kernelMeanWithin(x, 100, 4, c) + ref.kyy[k]! - 2 * kernelMeanBetween(x, 100, y, 1000, 4, c);
    return Math.sqrt(Math.max(0, mmd2));
  });
}

describe('fast MMD error bound on real NQ 30m bars', () => {
  it(`every score within ${REL} relative (+ ${ABS}) of the exact f64 scores, in four eras`, () => {
    let checked = 0, worst = 0, minScore = Infinity;
    // 20 ready bars in each of four eras of the file (2010s to 2020s): calm and volatile windows
    for (const start of [0, Math.floor(all.length * 0.35), Math.floor(all.length * 0.7), all.length - 121]) {
      const bars = all.slice(start, start + 121);
      const m = new Mmd();
      bars.forEach((b, t) => {
        const o = m.update(b);
        if (!o.ready) return;
        const want = exactScores(windowAt(bars, t));
        for (let k = 0; k < 7; k++) {
          const got = o.vector[k]!, diff = Math.abs(got - want[k]!);
          expect(diff, `bar ${start + t}, archetype ${k}: ${got} vs ${want[k]}`).toBeLessThanOrEqual(REL * want[k]! + ABS);
          worst = Math.max(worst, diff / want[k]!);
          minScore = Math.min(minScore, want[k]!);
          checked++;
        }
      });
    }
    expect(checked).toBe(4 * 20 * 7);
    console.log(`mmd fast path: ${checked} scores, worst relative error ${worst.toExponential(2)}, smallest score ${minScore.toFixed(4)}`);
  });

  it(`kernel sums of both fast modules within ${E} relative of Math.exp sums`, () => {
    const x100 = windowAt(all, 5000);
    for (const [x, n] of [[x100, 100], [x100.subarray(40 * 4), 37]] as const) {
      for (const kind of ['fma', 'plain'] as const) {
        const f = FastKernelSums.create(ref.data, ref.n, Float64Array.from(ref.negInv2s2), 100, kind);
        if (!f) continue; // a runtime without relaxed SIMD: the plain module is the one in use
        expect(f.setX(x, n)).toBe(true);
        for (let a = 0; a < 7; a++) {
          const c = ref.negInv2s2[a]!;
          const across = kernelMeanBetween(x, n, ref.data[a]!, 1000, 4, c) * n * 1000;
          const pairs = (kernelMeanWithin(x, n, 4, c) * n * (n - 1)) / 2; // i < j
          const h = n >> 1;
          expect(Math.abs(f.cross(0, h, a) + f.cross(h, n, a) - across) / across).toBeLessThan(E);
          expect(Math.abs(f.pairs(a) - pairs)).toBeLessThan(E * (pairs + n / 2));
        }
      }
    }
  });

  it('a window with a flat column takes the exact path', () => {
    // a flat close but for one bar: r's MAD is 0, floored to 1e-8, so |x| reaches ~1e6 from then on
    const bars: Bar[] = Array.from({ length: 160 }, (_, i) => {
      const c = i === 140 ? 101 : 100;
      return { t: i * 1_800_000, o: c, h: c + 1 + (i % 5) * 0.1, l: c - 1, c, v: 1000 };
    });
    const f = FastKernelSums.create(ref.data, ref.n, Float64Array.from(ref.negInv2s2), 100)!;
    expect(f.setX(windowAt(bars, 139), 100)).toBe(true);
    expect(f.setX(windowAt(bars, 145), 100)).toBe(false);
    const fast = new Mmd(), exact = new Mmd(undefined, 'exact');
    bars.forEach((b, t) => {
      const a = Array.from(fast.update(b).vector), e = Array.from(exact.update(b).vector);
      if (t >= 140) expect(a).toEqual(e); // the same path, so the same bits
      else for (let k = 0; k < 7; k++) expect(Math.abs(a[k]! - e[k]!)).toBeLessThanOrEqual(REL * e[k]! + ABS);
    });
  });
});
