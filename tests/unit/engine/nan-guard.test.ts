// "NaN never leaves a stage" (issue 16, point 1). The readers bound prices to [MIN_PRICE, MAX_PRICE]
// and volumes to [0, MAX_VOLUME] (feed/common.ts); bars at those bounds must give only finite (or
// null) indicator values. Bars beyond them can still reach the pipeline from a programmatic source:
// then the unit whose value is not finite fails under its guard (named, with its column), its
// columns are null, and nothing non-finite is passed on. The audit's cases: volume 1e308 made
// volume_profile_skew NaN; prices of 1e-308 made volatility_30 NaN.
import { describe, it, expect } from 'vitest';
import { IndicatorPipeline, type IndicatorFault } from '../../../src-main/engine/pipeline.ts';
import { MIN_PRICE, MAX_PRICE, MAX_VOLUME } from '../../../src-main/engine/feed/common.ts';
import { UnitGuards, nonFinite } from '../../../src-main/engine/indicator-guards.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { BreakerOptions } from '../../../src-main/engine/health/breaker.ts';

type Shape = (i: number) => Omit<Bar, 't'>;
const wave = (i: number) => Math.sin(i / 5);

/** 2,000 5m steps of `shape` (enough for every indicator, MMD included, to be ready) */
function run(shape: Shape): { faults: IndicatorFault[]; values: number; nonFinite: string[] } {
  const faults: IndicatorFault[] = [];
  const p = new IndicatorPipeline({ config: DEFAULT_CONFIG, exchangeTz: 'UTC', tickSize: MIN_PRICE, mode: '5m', onFault: (f) => faults.push(f) });
  const bad: string[] = [];
  let values = 0;
  for (let i = 0; i < 2000; i++) {
    const o = p.push5m({ t: Date.UTC(2024, 0, 1) + i * 300_000, ...shape(i) });
    for (const r of [o.row, o.row30]) {
      if (!r) continue;
      for (const [k, v] of Object.entries(r)) {
        if (v === null) continue;
        values++;
        if (!Number.isFinite(v)) bad.push(`${k}=${v}@${i}`);
      }
    }
  }
  return { faults, values, nonFinite: bad };
}

describe('indicator values at the readers\' bounds are finite', () => {
  const cases: Record<string, Shape> = {
    'smallest prices': (i) => { const p = MIN_PRICE * (1.01 + 0.01 * wave(i)); return { o: p, h: p * 1.001, l: p * 0.999, c: p, v: 10 }; },
    'largest prices and volumes': (i) => { const p = MAX_PRICE * (0.98 + 0.01 * wave(i)); return { o: p, h: p * 1.001, l: p * 0.999, c: p, v: MAX_VOLUME }; },
    'largest volume every third bar': (i) => { const p = 100 + wave(i); return { o: p, h: p + 1, l: p - 1, c: p + 0.5, v: i % 3 === 0 ? MAX_VOLUME : 1 }; },
    'flat, no volume': () => ({ o: 5, h: 5, l: 5, c: 5, v: 0 }),
  };
  for (const [name, shape] of Object.entries(cases)) {
    it(name, () => {
      const r = run(shape);
      expect(r.nonFinite).toEqual([]);
      expect(r.faults).toEqual([]);
      expect(r.values).toBeGreaterThan(10_000); // the indicators did produce values
    });
  }
});

describe('beyond the bounds: the unit fails, nothing non-finite leaves', () => {
  it('volume 1e308 every third bar: volume_profile_skew is caught, named, and nulled', () => {
    const r = run((i) => { const p = 100 + wave(i); return { o: p, h: p + 1, l: p - 1, c: p + 0.5, v: i % 3 === 0 ? 1e308 : 1 }; });
    expect(r.nonFinite).toEqual([]);
    expect(r.faults.length).toBeGreaterThan(0);
    for (const f of r.faults) {
      expect(f.indicator).toBe('indicators.30m.features');
      expect(f.reason).toMatch(/^volume_profile_skew came out (NaN|-?Infinity) \(not a finite number\) at bar \d{4}-/);
    }
  });

  it('prices of 1e-308: no non-finite value leaves', () => {
    const r = run((i) => { const p = 1e-308 * (2 + wave(i)); return { o: p, h: p * 1.5, l: p * 0.5, c: p, v: 5 }; });
    expect(r.nonFinite).toEqual([]);
  });
});

describe('UnitGuards and a unit that writes NaN', () => {
  const unit = (value: () => number) => ({
    name: 'probe', columns: ['a', 'b'] as const, resets: 0,
    update(_bar: Bar, row: Record<string, number | null>) { row.a = 1; row.b = value(); },
    reset() { this.resets++; },
  });
  const bar: Bar = { t: Date.UTC(2024, 0, 1), o: 1, h: 1, l: 1, c: 1, v: 1 };
  const breaker: BreakerOptions = { failures: 5, cooldown: 10 };

  it('finite values pass; NaN or Infinity null both columns, reset the unit and report the column', () => {
    let v = 2;
    const u = unit(() => v);
    const faults: IndicatorFault[] = [];
    const g = new UnitGuards('indicators.test', [u], breaker, null, null, (f) => faults.push(f));
    const row: Record<string, number | null> = { a: null, b: null };
    g.run(bar, row);
    expect(row).toEqual({ a: 1, b: 2 });
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      v = bad;
      g.run(bar, row);
      expect(row).toEqual({ a: null, b: null });
    }
    expect(u.resets).toBe(3);
    expect(faults.map((f) => f.reason)).toEqual(['NaN', 'Infinity', '-Infinity'].map((s) => `b came out ${s} (not a finite number) at bar 2024-01-01T00:00:00.000Z`));
    expect(faults.every((f) => f.indicator === 'indicators.test.probe')).toBe(true);
  });

  it('nonFinite names the first bad column and ignores nulls', () => {
    expect(nonFinite({ a: null, b: 3, c: Number.NaN, d: Infinity }, ['a', 'b', 'c', 'd'])).toBe('c');
    expect(nonFinite({ a: null, b: 0 }, ['a', 'b'])).toBeNull();
  });
});
