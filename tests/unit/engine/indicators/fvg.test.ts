// FVG (SPEC §2.3): R7 detection, features, mitigation and invalidation; both-sides and expiry
// rules; the Appendix orientation counts on the FirstRate NQ 5m sample; causality (R14).
import { describe, it, expect } from 'vitest';
import { Fvg, type FvgConfig, type FvgOutput } from '../../../../src-main/engine/indicators/fvg.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { expectCausal, readOhlcCsv, NQ_5M_FIRSTRATE } from '../../../helpers/causal.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

const bar = (o: number, h: number, l: number, c: number, i = 0): Bar => ({ t: i * 300_000, o, h, l, c, v: 1 });
// R7 b0 … b4
const R7: Bar[] = [
  bar(100.0, 100.5, 99.5, 100.2, 0), bar(100.2, 100.6, 99.9, 100.1, 1), bar(100.1, 100.4, 99.8, 100.3, 2),
  bar(100.3, 101.6, 100.2, 101.5, 3), bar(101.5, 102.0, 100.9, 101.8, 4),
];
const B5 = bar(101.8, 101.9, 100.7, 101.0, 5);
const B5_INVALID = bar(101.8, 101.9, 100.2, 100.3, 5);
const snap = (o: FvgOutput) => ({ ...o, signal: o.signal ? { ...o.signal } : null });
const run = (f: Fvg, bars: Bar[]) => bars.map((b) => snap(f.update(b)));
// SPEC §3.2 tactical columns 2 and 6, written out here so the test does not use the app's assembler
const levelColumn = (level: number, p: number) => (level > 0 ? Math.max(-2, Math.min(2, (100 * (level - p)) / p)) / 2 : 0);
const gapColumn = (pct: number) => Math.max(0, Math.min(1, pct / 5));

describe('Fvg', () => {
  it('R7: no FVG at b2 or b3; a bullish FVG [100.4, 100.9] flagged on b4 with its features', () => {
    const outs = run(new Fvg(), R7);
    expect(outs.map((o) => o.ready)).toEqual([false, false, true, true, true]);
    expect(outs.slice(0, 4).every((o) => o.flaggedBull === 0 && o.flaggedBear === 0 && o.bullActive === 0)).toBe(true);
    const b4 = outs[4]!;
    expect(b4.flaggedBull).toBe(1);
    expect(b4.flaggedBear).toBe(0);
    expect(b4.bullActive).toBe(1);
    expect(b4.bearActive).toBe(0);
    expect(b4.nearestLevel).toBeCloseTo(100.65, 12);
    expect(b4.age).toBe(0);
    expect(b4.gapSize).toBeCloseTo(0.5, 12);
    expect(b4.gapSizePct).toBeCloseTo(0.491159, 6);
    expect(b4.mitigation).toBe(0);
    expect(b4.signal).toBeNull();
    expect(levelColumn(b4.nearestLevel, 101.8)).toBeCloseTo(-0.564833, 6);
    expect(gapColumn(b4.gapSizePct)).toBeCloseTo(0.098232, 6);
  });

  it('R7: b5 mitigates the gap: event +1, strength 0.4912, gap removed, no new FVG', () => {
    const f = new Fvg();
    run(f, R7);
    const b5 = snap(f.update(B5));
    expect(b5.mitigation).toBe(1);
    expect(b5.mitigations).toBe(1);
    expect(b5.bullActive).toBe(0);
    expect(b5.flaggedBull + b5.flaggedBear).toBe(0);
    expect(b5.nearestLevel).toBe(0);
    expect(b5.signal).not.toBeNull();
    const s = b5.signal!;
    expect(s.dir).toBe(1);
    expect(s.lower).toBe(100.4);
    expect(s.upper).toBe(100.9);
    expect(s.size).toBeCloseTo(0.5, 12);
    expect(s.gapFrac).toBeCloseTo(0.5 / 101.8, 12);
    expect(s.createdBar).toBe(4);
    expect(s.createdT).toBe(4 * 300_000);
    expect(Math.min(s.gapFrac / 0.01, 1)).toBeCloseTo(0.4912, 4); // SPEC §4.1 fvg strength
  });

  it("R7 variant b5': a close below the gap invalidates it without an event", () => {
    const f = new Fvg();
    run(f, R7);
    const o = snap(f.update(B5_INVALID));
    expect(o.mitigation).toBe(0);
    expect(o.signal).toBeNull();
    expect(o.bullActive).toBe(0);
  });

  it('mirrored R7 gives a bearish gap and a −1 mitigation', () => {
    const m = (b: Bar): Bar => ({ ...b, o: 200 - b.o, h: 200 - b.l, l: 200 - b.h, c: 200 - b.c });
    const f = new Fvg();
    const outs = run(f, R7.map(m));
    expect(outs[4]!.flaggedBear).toBe(1);
    expect(outs[4]!.bearActive).toBe(1);
    expect(outs[4]!.nearestLevel).toBeCloseTo(99.35, 12);
    const s = snap(f.update(m(B5))).signal!;
    expect(s.dir).toBe(-1);
    expect(s.lower).toBeCloseTo(99.1, 12);
    expect(s.upper).toBeCloseTo(99.6, 12);
  });

  // After R7: b5 stays above the bull gap, b6 is a big down bar, b7 leaves a bearish gap [101.3, 101.6].
  const TWO_GAPS = [...R7, bar(101.8, 102.1, 101.6, 102.0, 5), bar(102.0, 102.0, 101.0, 101.05, 6), bar(101.05, 101.3, 100.95, 101.2, 7)];

  it('tracks gaps of both sides; the nearest midpoint gives level, age and size', () => {
    const outs = run(new Fvg(), TWO_GAPS);
    const b7 = outs[7]!;
    expect(b7.flaggedBear).toBe(1);
    expect(b7.bullActive).toBe(1);
    expect(b7.bearActive).toBe(1);
    expect(b7.nearestLevel).toBeCloseTo(101.45, 12); // |101.45 − 101.2| < |100.65 − 101.2|
    expect(b7.age).toBe(0);
    expect(b7.gapSize).toBeCloseTo(0.3, 12);
  });

  it('lists the active gaps in creation order', () => {
    const f = new Fvg();
    run(f, TWO_GAPS);
    const seen: unknown[] = [];
    f.forEachActive((dir, lower, upper, createdT, createdBar) => seen.push([dir, lower, upper, createdT, createdBar]));
    expect(seen).toEqual([[1, 100.4, 100.9, 4 * 300_000, 4], [-1, 101.3, 101.6, 7 * 300_000, 7]]);
    expect(f.activeCount).toBe(2);
  });

  it('both sides mitigated on one bar: event, but no signal', () => {
    const f = new Fvg();
    run(f, TWO_GAPS);
    const o = snap(f.update(bar(101.2, 101.4, 100.8, 101.0, 8)));
    expect(o.mitigation).toBe(1);
    expect(o.mitigations).toBe(2);
    expect(o.signal).toBeNull();
    expect(o.bullActive + o.bearActive).toBe(0);
  });

  it('one side mitigated: its signal; the other gap stays active', () => {
    const f = new Fvg();
    run(f, TWO_GAPS);
    const o = snap(f.update(bar(101.2, 101.25, 100.8, 101.0, 8)));
    expect(o.signal?.dir).toBe(1);
    expect(o.signal?.size).toBeCloseTo(0.5, 12);
    expect(o.bullActive).toBe(0);
    expect(o.bearActive).toBe(1);
    expect(o.age).toBe(1);
  });

  it('expires a gap after max_age bars (tested on i+1 … i+max_age)', () => {
    const cfg: FvgConfig = { ...DEFAULT_CONFIG.indicators.fvg, max_age: 3 };
    const f = new Fvg(cfg);
    run(f, R7);
    const quiet = [5, 6, 7].map((i) => snap(f.update(bar(102, 102.2, 101.9, 102, i))));
    expect(quiet.map((o) => o.bullActive)).toEqual([1, 1, 0]);
    expect(quiet.map((o) => o.age)).toEqual([1, 2, 0]);
    // the test on bar i+max_age still happens: a mitigating bar there emits the event
    const g = new Fvg(cfg);
    run(g, R7);
    [5, 6].forEach((i) => g.update(bar(102, 102.2, 101.9, 102, i)));
    expect(g.update(bar(102, 102.2, 100.8, 101.0, 7)).mitigation).toBe(1);
  });

  it('applies min_gap_pct to gap_frac at creation', () => {
    const f = new Fvg({ ...DEFAULT_CONFIG.indicators.fvg, min_gap_pct: 0.005 }); // 0.4912 % < 0.5 %
    expect(run(f, R7)[4]!.flaggedBull).toBe(0);
  });

  describe('FirstRate NQ 5m sample (SPEC Appendix)', () => {
    const bars = readOhlcCsv(NQ_5M_FIRSTRATE);
    const count = (minGap: number) => {
      const f = new Fvg({ ...DEFAULT_CONFIG.indicators.fvg, min_gap_pct: minGap });
      const c = { bull: 0, bear: 0, mitigations: 0, signals: 0, finite: true };
      for (const b of bars) {
        const o = f.update(b);
        c.bull += o.flaggedBull; c.bear += o.flaggedBear; c.mitigations += o.mitigations;
        if (o.signal) c.signals++;
        for (const v of [o.nearestLevel, o.age, o.gapSize, o.gapSizePct]) if (!Number.isFinite(v)) c.finite = false;
      }
      return c;
    };

    it('has 2,943 bars', () => expect(bars.length).toBe(2943));

    it('min_gap_pct 0.001: 24 FVGs (9 bullish, 15 bearish) and 18 mitigations', () => {
      const c = count(0.001);
      expect([c.bull + c.bear, c.bull, c.bear, c.mitigations]).toEqual([24, 9, 15, 18]);
      expect(c.finite).toBe(true);
    });

    it('min_gap_pct 0: 370 FVGs and 271 mitigations', () => {
      const c = count(0);
      expect([c.bull + c.bear, c.mitigations]).toEqual([370, 271]);
      expect(c.finite).toBe(true);
    });

    it('is causal (R14)', () => {
      expectCausal(() => new Fvg({ ...DEFAULT_CONFIG.indicators.fvg, min_gap_pct: 0 }), bars.slice(0, 800), snap, 60);
    });
  });
});
