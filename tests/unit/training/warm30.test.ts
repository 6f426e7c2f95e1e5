// 30m history before a 5m source (pipeline.warm30m via kernel.warm30): the 30m stage sees the same
// bars it would have seen in '30m' mode, nothing else moves, and a bar inside a warmed bucket is refused.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { mulberry32 } from '../../../src-main/engine/indicators/prng.ts';
import { IndicatorPipeline } from '../../../src-main/engine/pipeline.ts';

const M30 = 1_800_000, T0 = Date.UTC(2024, 0, 2, 0, 0);

function walk(n: number, seed: number, stepMs: number, t0 = T0): Bar[] {
  const u = mulberry32(seed);
  let c = 100;
  return Array.from({ length: n }, (_, i) => {
    const o = c;
    c = o + (u() - 0.5);
    return { t: t0 + i * stepMs, o, h: Math.max(o, c) + u() * 0.2, l: Math.min(o, c) - u() * 0.2, c, v: 100 + Math.floor(u() * 50) };
  });
}

const pipeline = (mode: '5m' | '30m') => new IndicatorPipeline({ config: DEFAULT_CONFIG, exchangeTz: 'UTC', tickSize: 0.25, mode, calendar: null });

describe('warm30m', () => {
  // past MLMI's and MMD's warm-up, so the compared columns hold values
  const bars = walk(160, 1, M30);

  it("leaves the 30m stage where a '30m' run over the same bars leaves it", () => {
    const warm = pipeline('5m'), ref = pipeline('30m');
    for (const b of bars) warm.warm30m(b);
    for (const b of bars) ref.push30m(b);
    expect(warm.stage30.lastMlmi).toEqual(ref.stage30.lastMlmi);
    expect(warm.last30).toEqual(ref.last30);
    expect(warm.stage30.lastMlmi!.ready).toBe(true);
    expect(warm.synergy.armed).toBe(false);
  });

  it('the 5m bars go on from the next bucket; a 5m bar inside a warmed bucket is refused', () => {
    const p = pipeline('5m');
    for (const b of bars) p.warm30m(b);
    const end = bars.at(-1)!.t + M30;
    expect(() => p.push5m({ ...bars.at(-1)!, t: end - 300_000 })).toThrow(/out of order/);
    const out = walk(6, 2, 300_000, end).map((b) => p.push5m(b));
    expect(out.at(-1)!.bar30?.t).toBe(end); // the first 30m bar built from 5m bars, delivered at its last 5m step
  });

  it("refuses on a '30m' pipeline", () => {
    expect(() => pipeline('30m').warm30m(bars[0]!)).toThrow(/30m pipeline/);
  });
});
