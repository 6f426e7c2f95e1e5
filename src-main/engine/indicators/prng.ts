// Seeded random numbers for the MMD reference archetypes (SPEC §2.5). numpy's generator cannot be
// reproduced in TypeScript, so SPEC fixes its own recipe: one mulberry32 stream and textbook
// transforms. The order in which each sampler draws uniforms is part of the spec: changing it
// changes every archetype, so it is written down next to each function.

/** A uniform source in [0, 1). */
export type Uniform = () => number;

/** mulberry32 (Tommy Ettinger's 32-bit generator). mulberry32(42) starts 0.6011037519201636, … */
export function mulberry32(seed: number): Uniform {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal, Box–Muller with two uniforms (u₁ then u₂): √(−2 ln(1−u₁))·cos(2πu₂). */
export function normal(u: Uniform): number {
  const u1 = u();
  const u2 = u();
  // 1−u₁ lies in (0, 1], so the log never sees 0
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Gamma(shape, scale). shape ≥ 1: Marsaglia–Tsang; each attempt draws one normal (two uniforms),
 * then, if v > 0, one uniform for the accept test (squeeze first, then the log test).
 * shape < 1: Γ(shape+1) first, then one uniform u, result·u^{1/shape}.
 */
export function gamma(u: Uniform, shape: number, scale = 1): number {
  if (!(shape > 0) || !(scale > 0)) throw new RangeError(`gamma: bad shape ${shape} or scale ${scale}`);
  if (shape < 1) {
    const g = gamma(u, shape + 1, 1);
    return g * Math.pow(u(), 1 / shape) * scale;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(u);
    const s = 1 + c * x;
    if (s <= 0) continue;
    const v = s * s * s;
    const w = u();
    const x2 = x * x;
    if (w < 1 - 0.0331 * x2 * x2) return d * v * scale;
    if (Math.log(w) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/** Beta(a, b) = X/(X+Y) with X ~ Γ(a,1) drawn before Y ~ Γ(b,1). */
export function beta(u: Uniform, a: number, b: number): number {
  const x = gamma(u, a, 1);
  const y = gamma(u, b, 1);
  return x / (x + y);
}

/** LogNormal(μ, s) = exp(μ + s·N). */
export function lognormal(u: Uniform, mu: number, s: number): number {
  return Math.exp(mu + s * normal(u));
}
