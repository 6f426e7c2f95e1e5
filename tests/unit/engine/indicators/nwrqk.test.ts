// NW-RQK (SPEC §2.2, R5): kernel weights, ramp offsets, small-window and turn cases, agreement with
// a naive O(n·window) evaluation of the formula on real NQ 30m bars, the Appendix change counts,
// finiteness and causality (R14).
import { describe, it, expect } from 'vitest';
import { NwRqk, rqkWeights, type NwRqkOut } from '../../../../src-main/engine/indicators/nwrqk.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { expectCausal, readOhlcCsv, NQ_30M_ETH } from '../../../helpers/causal.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

const ALL = readOhlcCsv(NQ_30M_ETH);
const CFG = DEFAULT_CONFIG.indicators.nwrqk;
const flat = (p: number, t: number): Bar => ({ t: t * 1_800_000, o: p, h: p, l: p, c: p, v: 1 }); // OHLC4 = p
const run = (cfg: typeof CFG, ps: number[]) => {
  const n = new NwRqk(cfg);
  return ps.map((p, t) => ({ ...n.update(flat(p, t)) }));
};
const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe('NW-RQK kernel and reference cases', () => {
  it('R5: weights for h = 8 and h = 6 (r = 8) and the sum over 27 terms', () => {
    const w = rqkWeights(8, 8, 27);
    [1, 0.9922217208, 0.9692922400, 0.9323888706].forEach((v, j) => close(w[j]!, v));
    close(w[26]!, 0.0173303878);
    close(w.reduce((a, b) => a + b, 0), 10.9675393835);
    const w6 = rqkWeights(6, 8, 4);
    [0.9862189931, 0.9461411227, 0.8833502550].forEach((v, j) => close(w6[j + 1]!, v));
  });

  it('R5: on a ramp p[t] = t, yhat1 = t − 6.4893871294 and yhat2 = t − 4.8744139996 from t = 26', () => {
    const outs = run(CFG, Array.from({ length: 60 }, (_, t) => t));
    outs.slice(0, 26).forEach((o) => expect(o).toMatchObject({ ready: false, yhat1: 0, yhat2: 0 }));
    outs.slice(26).forEach((o, i) => {
      const t = i + 26;
      expect(o.ready).toBe(true);
      close(o.yhat1, t - 6.4893871294);
      close(o.yhat2, t - 4.8744139996);
    });
    close(outs[30]!.yhat1, 23.5106128706);
    // a steady rise: trend +1 from t = 27, no change event
    expect(outs.slice(27).every((o) => o.slopeReady && o.trend === 1 && o.signal === 0)).toBe(true);
    expect(outs[26]!.slopeReady).toBe(false);
  });

  it('R5: small window x0 = 1 on [100, 102, 101, 105]; not ready before t = 2', () => {
    const outs = run({ ...CFG, x0: 1 }, [100, 102, 101, 105]);
    expect(outs.map((o) => o.ready)).toEqual([false, false, true, true]);
    close(outs[2]!.yhat1, 101.0077424862);
    close(outs[3]!.yhat1, 102.6779567160);
    close(outs[2]!.yhat2, 101.0136674449);
    close(outs[3]!.yhat2, 102.6867440994);
  });

  it('R5: the turn [10, 9, 8, 9, 10] (x0 = 1) is a BULLISH change at t = 4: signal +1, slope 0.0398625688', () => {
    const outs = run({ ...CFG, x0: 1 }, [10, 9, 8, 9, 10]);
    [8.9896310602, 8.6649613225, 9.0103689398].forEach((v, i) => close(outs[i + 2]!.yhat1, v));
    expect(outs.map((o) => o.signalReady)).toEqual([false, false, false, false, true]);
    expect(outs[4]!.signal).toBe(1);
    expect(outs[4]!.trend).toBe(1);
    close(outs[4]!.slope, 0.0398625688);
    expect(outs[3]).toMatchObject({ slopeReady: true, trend: -1, signal: 0, signalReady: false });
    // the mirror image is a bearish change
    expect(run({ ...CFG, x0: 1 }, [10, 11, 12, 11, 10])[4]!.signal).toBe(-1);
  });

  it('rejects h − lag ≤ 0', () => {
    expect(() => new NwRqk({ ...CFG, h: 2, lag: 2 })).toThrow();
  });
});

/** Direct evaluation of SPEC §2.2 at every bar: Σ over the window with Math.pow each time. */
function naive(p: number[], h: number, r: number, x0: number): number[] {
  return p.map((_, t) => {
    if (t < x0 + 1) return Number.NaN;
    let num = 0, den = 0;
    for (let j = 0; j <= x0 + 1; j++) {
      const w = (1 + (j * j) / (2 * r * h * h)) ** -r;
      num += w * p[t - j]!;
      den += w;
    }
    return num / den;
  });
}

describe('NwRqk on the NQ 30m file', () => {
  const p = ALL.map((b) => (b.o + b.h + b.l + b.c) / 4);
  const y1 = naive(p, 8, 8, 25), y2 = naive(p, 6, 8, 25);

  it('equals the naive formula on every bar (HA close) to 1e-9, with the Appendix 2,401 / 2,401 changes', () => {
    const n = new NwRqk(CFG, 'ha_close');
    expect(n.warmup).toBe(26);
    let bad = 0, worst = 0, bull = 0, bear = 0, refBull = 0, refBear = 0;
    const t0 = performance.now();
    ALL.forEach((b, t) => {
      const o = n.update(b);
      if (!finiteOrNotReady(o)) bad++;
      if (o.ready !== t >= 26 || o.slopeReady !== t >= 27 || o.signalReady !== t >= 28) bad++;
      if (o.ready) worst = Math.max(worst, Math.abs(o.yhat1 - y1[t]!) / y1[t]!, Math.abs(o.yhat2 - y2[t]!) / y2[t]!);
      if (o.slopeReady) worst = Math.max(worst, Math.abs(o.slope - (y1[t]! - y1[t - 1]!) / y1[t - 1]!) / 1e-3);
      if (o.signal === 1) bull++;
      if (o.signal === -1) bear++;
      if (t >= 28) {
        const up = y1[t]! > y1[t - 1]! && y1[t - 1]! < y1[t - 2]!, down = y1[t]! < y1[t - 1]! && y1[t - 1]! > y1[t - 2]!;
        if (up) refBull++;
        if (down) refBear++;
        if (o.signal !== (up ? 1 : down ? -1 : 0)) bad++; // bar by bar, so a sign flip cannot hide
      }
    });
    const ms = performance.now() - t0;
    console.log(`NW-RQK: ${ALL.length} bars in ${ms.toFixed(0)} ms = ${((ms * 1e6) / ALL.length).toFixed(0)} ns/bar`);
    expect(bad).toBe(0);
    expect(worst).toBeLessThan(1e-9);
    expect([bull, bear]).toEqual([refBull, refBear]);
    expect([bull, bear]).toEqual([2401, 2401]);
  });

  it('smooth mode signals the crosses of yhat2 over / under yhat1 (from t = 27)', () => {
    const n = new NwRqk({ ...CFG, smooth_colors: true });
    let bad = 0, crosses = 0;
    ALL.forEach((b, t) => {
      const o = n.update(b);
      if (o.signalReady !== t >= 27) bad++;
      if (t < 27) return;
      const want = y2[t]! > y1[t]! && y2[t - 1]! <= y1[t - 1]! ? 1 : y2[t]! < y1[t]! && y2[t - 1]! >= y1[t - 1]! ? -1 : 0;
      if (o.signal !== want) bad++;
      if (want !== 0) crosses++;
    });
    expect(bad).toBe(0);
    expect(crosses).toBeGreaterThan(1000);
  });

  it('is causal (R14) on real bars, in both modes', () => {
    expectCausal(() => new NwRqk(), ALL.slice(0, 600), (o) => ({ ...o }));
    expectCausal(() => new NwRqk({ ...CFG, smooth_colors: true }, 'close'), ALL.slice(0, 600), (o) => ({ ...o }));
  });
});

function finiteOrNotReady(o: NwRqkOut): boolean {
  if (![o.yhat1, o.yhat2, o.slope, o.trend, o.signal].every(Number.isFinite)) return false;
  if (!o.ready && (o.yhat1 !== 0 || o.yhat2 !== 0 || o.slopeReady)) return false;
  if (!o.slopeReady && (o.slope !== 0 || o.trend !== 0 || o.signalReady)) return false;
  return o.signalReady || o.signal === 0;
}
