// Synthetic but realistic per-bar inputs for the matrix assemblers: a seeded geometric random walk
// with indicator-like readings (heavy tails now and then, so the clips are exercised), plus a
// reference RN written from SPEC §2.0 independently of the engine's.
import type { Row30mInput, Row5mInput, RowRegimeInput } from '../../../../src-main/engine/features/inputs.ts';

export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  u: () => number;
  constructor(seed: number) { this.u = mulberry32(seed); }
  normal(): number { return Math.sqrt(-2 * Math.log(1 - this.u())) * Math.cos(2 * Math.PI * this.u()); }
  /** normal with an occasional ×20 outlier */
  tail(): number { return this.normal() * (this.u() < 0.03 ? 20 : 1); }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.u() * xs.length)]!; }
}

const T0 = Date.UTC(2024, 2, 4, 14, 30); // a Monday, 08:30 CT
const M30 = 30 * 60_000;
const M5 = 5 * 60_000;
const clip = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** 30m inputs; the first `warm` bars are not ready (each group becomes ready at a different bar). */
export function make30m(n: number, seed = 1, warm = 12): Row30mInput[] {
  const g = new Gen(seed);
  let p = 18_000;
  let mlmi = 0;
  const out: Row30mInput[] = [];
  for (let i = 0; i < n; i++) {
    p *= 1 + 0.003 * g.tail() / 3;
    mlmi = clip(mlmi + Math.round(40 * g.normal()), -200, 200);
    const h = ((T0 + i * M30) / 3_600_000 - 5) % 24; // CT hour-of-day (fixed offset is fine here)
    const empty = g.u() < 0.2;
    out.push({
      barStart: T0 + i * M30,
      close: p,
      mlmiReady: i >= warm - 4,
      mlmiValue: i >= warm - 4 ? mlmi : 0,
      mlmiSignal: g.pick([-1, 0, 0, 1]),
      mlmiK: 200,
      nwrqkReady: i >= warm,
      yhat1: p * (1 + 0.01 * g.tail()),
      nwrqkSlope: 0.05 * g.tail(),
      lvnReady: i >= warm - 2,
      lvnEmpty: empty,
      lvnDistance: empty ? Number.NaN : Math.abs(40 * g.tail()),
      lvnStrength: empty ? Number.NaN : 130 * g.u(),
      hourSin: Math.sin((2 * Math.PI * h) / 24),
      hourCos: Math.cos((2 * Math.PI * h) / 24),
    });
  }
  return out;
}

export function make5m(n: number, seed = 2, warm = 6): Row5mInput[] {
  const g = new Gen(seed);
  let p = 5_000;
  const closes: number[] = [];
  let e = 0;
  const out: Row5mInput[] = [];
  for (let i = 0; i < n; i++) {
    p *= 1 + 0.0015 * g.tail() / 3;
    closes.push(p);
    const vol = g.u() < 0.05 ? 0 : Math.exp(6 + g.tail() / 2);
    e = i === 0 ? Math.max(vol, 1) : e + 0.02 * (vol - e);
    const mom = i >= 5 ? clip((100 * (p - closes[i - 5]!)) / closes[i - 5]!, -10, 10) : 0;
    const hasGap = g.u() < 0.6;
    out.push({
      barStart: T0 + i * M5,
      close: p,
      fvgBullActive: g.u() < 0.3,
      fvgBearActive: g.u() < 0.3,
      fvgNearestLevel: hasGap ? p * (1 + 0.01 * g.tail()) : 0,
      fvgMitigation: g.u() < 0.1,
      momentum5Ready: i >= warm - 1 && i >= 5,
      momentum5: mom * (g.u() < 0.03 ? 20 : 1),
      volumeRatioReady: i >= 0,
      volumeRatio: e > 1e-10 ? vol / e : 1,
      fvgGapSizePct: hasGap ? Math.abs(1.5 * g.tail()) : 0,
    });
  }
  return out;
}

export function makeRegime(n: number, seed = 3, warm = 8): RowRegimeInput[] {
  const g = new Gen(seed);
  let p = 18_000;
  let prevR = 0;
  const out: RowRegimeInput[] = [];
  for (let i = 0; i < n; i++) {
    const r = 0.003 * g.tail();
    p *= 1 + r;
    const m = new Float64Array(23);
    let sum = 0;
    for (let k = 0; k < 7; k++) { m[k] = Math.abs(1.2 * g.tail()); sum += m[k]!; }
    m[7] = r;
    m[8] = Math.log1p(r);
    m[9] = Math.abs(r) + 0.002 * g.u();
    m[10] = 0.15 * Math.exp(g.tail() / 3);
    m[11] = 0.01 * g.tail();
    m[12] = 0.02 * g.tail();
    m[13] = g.u() < 0.03 ? 0 : Math.exp(g.tail() / 2);
    m[14] = g.tail();
    m[15] = Math.exp(g.normal()) - 1 + (g.u() < 0.05 ? 30 : 0);
    m[16] = 0.004 * g.tail();
    m[17] = 0.006 * g.tail();
    m[18] = 100 * g.u();
    m[19] = Math.exp(g.tail() / 2);
    m[20] = Math.exp(g.tail() / 2);
    m[21] = r - prevR;
    m[22] = sum / 7;
    prevR = r;
    out.push({
      barStart: T0 + i * M30,
      mmdReady: i >= warm,
      mmd: m,
      feat30Ready: i >= warm - 3,
      volatility30: 0.3 * Math.exp(g.tail() / 2),
      volumeProfileSkew: clip(g.tail(), -3, 3),
      priceAcceleration30: clip(0.5 * g.tail(), -5, 5),
    });
  }
  return out;
}

/** SPEC §2.0 RN, written independently: returns z after feeding v, and n. */
export function referenceRn(alpha: number, warm = 100): { update(v: number): { z: number; n: number } } {
  let n = 0;
  let mean = 0;
  let variance = 0;
  return {
    update(v: number) {
      n += 1;
      if (n === 1) { mean = v; variance = 0; } else {
        const a = n > warm ? alpha : 1 / n;
        const d = v - mean;
        mean = mean + a * d;
        variance = (1 - a) * (variance + a * d * d);
      }
      const sd = Math.sqrt(variance);
      const z = n < 2 || sd < 1e-10 ? 0 : clip((v - mean) / sd, -3, 3);
      return { z, n };
    },
  };
}

/** Bitwise equality of two float32 arrays (NaN-safe, −0 ≠ +0). */
export function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Deterministic Fisher–Yates shuffle. */
export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const u = mulberry32(seed);
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
