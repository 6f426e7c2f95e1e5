import { describe, it, expect } from 'vitest';
import { Histogram, quantileOf, BUCKETS, HISTOGRAM_RANGE_MS, HISTOGRAM_RELATIVE_ERROR } from '../../../../src-main/engine/health/histogram.ts';

/** deterministic uniform [0, 1) */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** the exact q-quantile by the same rank rule (the ⌈q·n⌉-th smallest) */
function exact(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

function check(values: number[]): void {
  const h = new Histogram();
  for (const v of values) h.record(v);
  const sorted = [...values].sort((a, b) => a - b);
  for (const q of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999]) {
    const want = exact(sorted, q);
    const got = h.quantile(q);
    expect(Math.abs(got - want) / want, `q=${q}: ${got} vs ${want}`).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR + 1e-12);
  }
  expect(h.max).toBe(sorted.at(-1));
  expect(h.min).toBe(sorted[0]);
  expect(h.quantile(1)).toBe(sorted.at(-1));
  expect(h.count).toBe(values.length);
}

describe('Histogram', () => {
  it('states ~1 % precision over 1 µs … 60 s in a fixed 1728-bucket array', () => {
    expect(HISTOGRAM_RELATIVE_ERROR).toBeLessThan(0.02);
    expect(HISTOGRAM_RANGE_MS).toBeGreaterThan(60_000);
    expect(BUCKETS).toBe(1728);
  });

  it('uniform durations 0.001–50 ms: every quantile within the stated relative error', () => {
    const r = lcg(1);
    check(Array.from({ length: 100_000 }, () => 0.001 + r() * 50));
  });

  it('log-uniform 1 µs … 60 s (seven decades)', () => {
    const r = lcg(2);
    check(Array.from({ length: 100_000 }, () => 0.001 * 60_000_000 ** r()));
  });

  it('exponential-ish latencies with a heavy tail (the shape real stage timings have)', () => {
    const r = lcg(3);
    check(Array.from({ length: 50_000 }, () => 0.05 - 0.2 * Math.log(1 - r()) + (r() < 0.01 ? 30 * r() : 0)));
  });

  it('a constant, and tiny values near the 1 µs floor', () => {
    check(Array.from({ length: 1000 }, () => 7.3));
    const r = lcg(4);
    check(Array.from({ length: 10_000 }, () => 0.001 + r() * 0.002));
  });

  it('max is exact, beyond the range too; negative and NaN count as 0; empty reads 0', () => {
    const h = new Histogram();
    expect([h.quantile(0.5), h.max, h.count]).toEqual([0, 0, 0]);
    h.record(123.456789);
    h.record(250_000); // 250 s: clamped into the top bucket, max still exact
    expect(h.max).toBe(250_000);
    expect(h.quantile(1)).toBe(250_000);
    h.record(-1);
    h.record(Number.NaN);
    expect(h.min).toBe(0);
    expect(h.count).toBe(4);
  });

  it('memory is constant: the same typed array, whatever is recorded', () => {
    const h = new Histogram();
    const counts = h.counts;
    const bytes = counts.byteLength;
    const r = lcg(5);
    for (let i = 0; i < 1_000_000; i++) h.record(r() * 1000);
    expect(h.counts).toBe(counts);
    expect(h.counts.byteLength).toBe(bytes);
    expect(bytes).toBe(BUCKETS * 8);
  });

  it('reset empties it; quantileOf merges histograms (a sliding window of two)', () => {
    const a = new Histogram(), b = new Histogram();
    for (let i = 1; i <= 100; i++) a.record(i);
    for (let i = 101; i <= 200; i++) b.record(i);
    expect(quantileOf([a, b], 0.5)).toBeCloseTo(100, 0);
    expect(quantileOf([a, b], 1)).toBe(200);
    expect(Math.abs(quantileOf([a, b], 0.99) - 198) / 198).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR);
    a.reset();
    expect(a.count).toBe(0);
    expect(a.counts.every((c) => c === 0)).toBe(true);
    expect(quantileOf([a, b], 0)).toBe(101);
  });
});
