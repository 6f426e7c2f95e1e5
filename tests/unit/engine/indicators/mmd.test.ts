// MMD (SPEC §2.5): R9 kernel values and the clamp, the seeded archetypes, and the 23-dimension
// vector on real NQ 30m bars, recomputed here from the bars with the plain formulas; causality.
import { describe, it, expect } from 'vitest';
import { Mmd, MMD_VECTOR_SIZE, type MmdOutput } from '../../../../src-main/engine/indicators/mmd.ts';
import {
  ARCHETYPE_NAMES, generateArchetypes, getReferences, kernelMeanBetween, kernelMeanWithin, medianInPlace, medianSelect, mmdUnbiased,
} from '../../../../src-main/engine/indicators/mmd-reference.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { expectCausal, readOhlcCsv, NQ_30M_ETH } from '../../../helpers/causal.ts';
import { robustScaled } from './mmd-window.ts';

const f64 = (xs: number[]) => Float64Array.from(xs);
const snap = (o: MmdOutput) => ({ ready: o.ready, vector: Array.from(o.vector) });

describe('MMD kernel (R9, 1-D, σ = 1)', () => {
  it('X = {0, 0.5}, Y = {3, 4}: MMD = 1.2084051971', () => {
    const t = mmdUnbiased(f64([0, 0.5]), f64([3, 4]), 1, 1);
    expect(t.kxx).toBeCloseTo(0.8824969026, 10);
    expect(t.kyy).toBeCloseTo(0.6065306597, 10);
    expect(t.kxy).toBeCloseTo(0.014392221, 10);
    expect(t.mmd2).toBeCloseTo(1.4602431203, 10);
    expect(t.mmd).toBeCloseTo(1.2084051971, 10);
  });

  it('X = {0, 1}, Y = {0, 2}: MMD² = −0.4323323584 is clamped to MMD = 0', () => {
    const t = mmdUnbiased(f64([0, 1]), f64([0, 2]), 1, 1);
    expect(t.mmd2).toBeCloseTo(-0.4323323584, 10);
    expect(t.mmd).toBe(0);
  });
});

describe('reference archetypes', () => {
  const ref = getReferences(42, 1000, 200);

  it('are seven standardised 1000×4 sets with positive σ_k, cached per key', () => {
    expect(ref.data.length).toBe(ARCHETYPE_NAMES.length);
    for (const y of ref.data) {
      expect(y.length).toBe(4000);
      for (let c = 0; c < 4; c++) {
        let m = 0, s2 = 0;
        for (let i = 0; i < 1000; i++) m += y[i * 4 + c]!;
        m /= 1000;
        for (let i = 0; i < 1000; i++) s2 += (y[i * 4 + c]! - m) ** 2;
        expect(Math.abs(m)).toBeLessThan(1e-12);
        expect(Math.sqrt(s2 / 1000)).toBeCloseTo(1, 12);
      }
    }
    expect(Array.from(ref.sigma).every((s) => s > 0.5 && s < 5)).toBe(true);
    expect(getReferences(42, 1000, 200)).toBe(ref);
    expect(getReferences(43, 1000, 200)).not.toBe(ref);
  });

  it('draw from one mulberry32(42) stream, archetype 0 column r first', () => {
    const raw = generateArchetypes(42, 1000);
    const u1 = 0.6011037519201636, u2 = 0.44829055899754167;
    const first = 1e-4 + 0.01 * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    expect(raw[0]![0]).toBe(first);
    expect(raw[1]!.every((x, i) => i % 4 !== 3 || x > 0)).toBe(true); // bull σ column is a gamma
    expect(raw[2]!.every((x, i) => i % 4 !== 1 || x < 0)).toBe(true); // bear ℓ = −LogN
  });

  it('σ_k = √(median of the pairwise squared distances among the first 200 rows)', () => {
    const y = ref.data[3]!;
    const d: number[] = [];
    for (let i = 0; i < 200; i++) for (let j = i + 1; j < 200; j++) {
      let s = 0;
      for (let c = 0; c < 4; c++) s += (y[i * 4 + c]! - y[j * 4 + c]!) ** 2;
      d.push(s);
    }
    d.sort((a, b) => a - b); // 19,900 pairs: even, so the two middle values are averaged
    expect(ref.sigma[3]).toBe(Math.sqrt((d[9949]! + d[9950]!) / 2));
  });

  it('the precomputed Y–Y term matches the plain estimator', () => {
    const y = ref.data[5]!.subarray(0, 400); // 100 rows: the full set takes too long this way
    const t = mmdUnbiased(y, y, 4, ref.sigma[5]!);
    expect(t.kyy).toBeGreaterThan(0);
    let s = 0;
    for (let i = 0; i < 100; i++) for (let j = 0; j < 100; j++) if (i !== j) {
      let d = 0;
      for (let c = 0; c < 4; c++) d += (y[i * 4 + c]! - y[j * 4 + c]!) ** 2;
      s += Math.exp(-d / (2 * ref.sigma[5]! ** 2));
    }
    expect(t.kyy).toBeCloseTo(s / 9900, 12);
  });

  it('numpy median: middle value, or the mean of the two middle values', () => {
    expect(medianInPlace(f64([3, 1, 2]))).toBe(2);
    expect(medianInPlace(f64([4, 1, 3, 2]))).toBe(2.5);
  });
});

describe('medianSelect', () => {
  it("gives medianInPlace's bits: odd and even counts, ties, a NaN", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let r = 0; r < 4000; r++) {
      const n = 1 + (r % 130);
      const a = Float64Array.from({ length: n }, (_, i) => (r % 3 === 0 ? rnd() : r % 3 === 1 ? Math.floor(rnd() * 5) : i % 3));
      if (r % 97 === 5) a[r % n] = NaN;
      expect(Object.is(medianSelect(a.slice()), medianInPlace(a.slice())), `case ${r}`).toBe(true);
    }
  });
});

describe('Mmd on NQ 30m ETH', () => {
  // ~10 ms per ready bar (700k kernel evaluations), so a thousand bars keep this file near 15 s
  const bars = readOhlcCsv(NQ_30M_ETH, 1000);

  it('is ready from index 101, finite, with MMD ≥ 0 and dim 22 = mean of dims 0–6', () => {
    const m = new Mmd();
    expect(m.warmup).toBe(101);
    let firstReady = -1, bad = 0, negative = 0;
    const t0 = performance.now();
    bars.forEach((b, i) => {
      const o = m.update(b);
      if (o.ready && firstReady < 0) firstReady = i;
      if (!o.ready && o.vector.some((x) => x !== 0)) bad++;
      if (o.vector.length !== MMD_VECTOR_SIZE || o.vector.some((x) => !Number.isFinite(x))) bad++;
      for (let k = 0; k < 7; k++) if (o.vector[k]! < 0) negative++;
      if (o.ready) {
        const mean = Array.from(o.vector.subarray(0, 7)).reduce((a, x) => a + x, 0) / 7;
        if (Math.abs(o.vector[22]! - mean) > 1e-12) bad++;
      }
    });
    const ms = performance.now() - t0;
    console.log(`mmd: ${bars.length} bars in ${ms.toFixed(0)} ms, ${((ms * 1e6) / (bars.length - 101)).toFixed(0)} ns per ready bar`);
    expect(firstReady).toBe(101);
    expect(bad).toBe(0);
    expect(negative).toBe(0);
  });

  it('matches the plain formulas at a bar (the points, robust normalisation, MMD and statistics)', () => {
    const T = 150;
    const m = new Mmd();
    for (let i = 0; i < T; i++) m.update(bars[i]!);
    const v = m.update(bars[T]!).vector;
    const C = (i: number) => bars[i]!.c, V = (i: number) => bars[i]!.v;
    const r = (i: number) => C(i) / C(i - 1) - 1;
    const std = (xs: number[], ddof: number) => {
      const mu = xs.reduce((a, x) => a + x, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, x) => a + (x - mu) ** 2, 0) / (xs.length - ddof));
    };
    const rs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => r(from + k));
    const point = (i: number) => [r(i), Math.log(C(i) / C(i - 1)), (bars[i]!.h - bars[i]!.l) / C(i - 1), std(rs(i - 19, i), 1) * Math.sqrt(252 * 48)];
    const pts = Array.from({ length: 100 }, (_, k) => point(T - 99 + k));
    const x = robustScaled(pts);
    const ref = getReferences(42, 1000, 200);
    for (let k = 0; k < 7; k++) {
      // the generic loops; K_YY from the cache (checked against the plain estimator above)
      const c = -1 / (2 * ref.sigma[k]! ** 2);
      const mmd2 = kernelMeanWithin(x, 100, 4, c) + ref.kyy[k]! - 2 * kernelMeanBetween(x, 100, ref.data[k]!, 1000, 4, c);
      expect(v[k]).toBeCloseTo(Math.sqrt(Math.max(0, mmd2)), 10);
    }
    point(T).forEach((z, c) => expect(v[7 + c]).toBeCloseTo(z, 14));
    expect(v[11]).toBeCloseTo(C(T) / C(T - 20) - 1, 14);
    expect(v[12]).toBeCloseTo(C(T) / C(T - 50) - 1, 14);
    const vols = Array.from({ length: 20 }, (_, k) => V(T - k));
    const vMean = vols.reduce((a, z) => a + z, 0) / 20;
    expect(v[13]).toBeCloseTo(V(T) / (vMean + 1e-9), 12);
    const r50 = rs(T - 49, T), mu = r50.reduce((a, z) => a + z, 0) / 50;
    const mom = (p: number) => r50.reduce((a, z) => a + (z - mu) ** p, 0) / 50;
    expect(v[14]).toBeCloseTo(mom(3) / mom(2) ** 1.5, 10);
    expect(v[15]).toBeCloseTo(mom(4) / mom(2) ** 2 - 3, 10);
    expect(v[16]).toBeCloseTo(C(T) / C(T - 5) - 1, 14);
    expect(v[17]).toBeCloseTo(C(T) / C(T - 10) - 1, 14);
    const ch = Array.from({ length: 14 }, (_, k) => C(T - k) - C(T - k - 1));
    const gain = ch.reduce((a, d) => a + Math.max(d, 0), 0) / 14, loss = ch.reduce((a, d) => a + Math.max(-d, 0), 0) / 14;
    expect(v[18]).toBeCloseTo(100 - 100 / (1 + gain / (loss + 1e-10)), 10);
    expect(v[19]).toBeCloseTo(std(rs(T - 19, T), 1) / (std(rs(T - 99, T), 1) + 1e-10), 12);
    expect(v[20]).toBeCloseTo(V(T) / vMean, 12);
    expect(v[21]).toBeCloseTo(r(T) - r(T - 1), 14);
  });

  it('is causal (R14)', () => {
    expectCausal(() => new Mmd(DEFAULT_CONFIG.indicators.mmd), bars.slice(0, 150), snap, 20);
  });
});

describe('MMD kernel sums in WebAssembly SIMD', () => {
  it('agree with the plain JS loop (Math.exp) to 1e-13 relative, outliers included', async () => {
    const { getReferences } = await import('../../../../src-main/engine/indicators/mmd-reference.ts');
    const { WasmKernelSums } = await import('../../../../src-main/engine/indicators/mmd-kernel.ts');
    const { sumRows } = await import('../../../../src-main/engine/indicators/mmd-rows.ts');
    const ref = getReferences(42, 1000, 200);
    const w = WasmKernelSums.create(ref.data, ref.n, Float64Array.from(ref.negInv2s2), 100)!;
    expect(w).not.toBeNull();
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 8;
    const x = Float64Array.from({ length: 400 }, rnd);
    x[0] = 90; x[5] = -300; // far outliers: kernels underflow to ~0
    w.setX(x, 100);
    for (let a = 0; a < 7; a++) {
      // the plain loop with Math.exp, written out here independently of the app's code
      let ref0 = 0;
      const y = ref.data[a]!, c = ref.negInv2s2[a]!;
      for (let i = 0; i < 100; i++) for (let j = 0; j < ref.n; j++) {
        let d = 0;
        for (let k = 0; k < 4; k++) d += (x[i * 4 + k]! - y[j * 4 + k]!) ** 2;
        ref0 += Math.exp(c * d);
      }
      expect(Math.abs(w.sum(0, 100, a) - ref0) / ref0).toBeLessThan(1e-13); // 100k-term sums in another order
      expect(Math.abs(sumRows(x, 0, 100, y, ref.n, c) - ref0) / ref0).toBeLessThan(1e-13); // 100k-term sums in another order
      expect(w.sum(0, 50, a) + w.sum(50, 100, a)).toBeCloseTo(w.sum(0, 100, a), 9);
    }
  });
});

describe('MMD on two threads', () => {
  it('gives the same bits with the helper thread as on one thread', async () => {
    const { spawnSync } = await import('node:child_process');
    const { availableParallelism } = await import('node:os');
    const script = new URL('../../../helpers/mmd-vector.ts', import.meta.url).pathname;
    const run = (threads: string) => spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, ALGOSPACE_MMD_THREADS: threads } });
    const one = run('1'), two = run('2');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout.length).toBeGreaterThan(1000);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stderr).toContain('helper threads: 0');
    expect(two.stderr).toContain('kernels: wasm');
    if (availableParallelism() >= 2) expect(two.stderr).toContain('helper threads: 1');
  }, 120_000);
});
