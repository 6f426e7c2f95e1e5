// money() is written by hand for speed; Intl.NumberFormat (what it replaced) is the reference.
import { describe, expect, it } from 'vitest';
import { money, pct } from '../../../../src-main/engine/risk/format.ts';

const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const reference = (x: number) => intl.format(x + 0).replace('-', '−');

/** a small seeded generator, so a failure names a value that comes back */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('money', () => {
  it('writes what SPEC writes', () => {
    expect(money(-4200)).toBe('−4,200');
    expect(money(1234567.891)).toBe('1,234,567.89');
    expect(money(0.5)).toBe('0.5');
    expect(money(-0)).toBe('0');
    expect(money(1.005)).toBe('1.01');
  });

  it('matches Intl en-US (max 2 decimals) on 200,000 values: money amounts, halves, tiny and huge', () => {
    const r = lcg(42);
    const values: number[] = [0, -0, 0.001, -0.001, 0.005, -0.005, 0.015, 1.005, 2.675, 999.995, 1e12 + 0.5, 9.999e12, 1e13, 5e15, NaN, Infinity, -Infinity];
    for (let i = 0; i < 50_000; i++) {
      values.push(Math.round((r() - 0.5) * 2e8) / 100); // whole cents up to ±1 M
      values.push(Math.round((r() - 0.5) * 2e9) / 1000); // half-cent boundaries
      values.push((r() - 0.5) * 10 ** Math.floor(r() * 14)); // any float, 1 … 1e13
      values.push(Math.floor(r() * 1e6) + 0.005 * (r() < 0.5 ? 1 : -1));
    }
    const bad = values.filter((x) => money(x) !== reference(x)).slice(0, 5).map((x) => `${x}: ${money(x)} vs ${reference(x)}`);
    expect(bad).toEqual([]);
  });

  it('pct', () => {
    expect(pct(0.05)).toBe('5 %');
    expect(pct(0.015)).toBe('1.5 %');
  });
});
