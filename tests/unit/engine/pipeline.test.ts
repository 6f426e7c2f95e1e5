// The whole indicator + matrix stage on real bars: SPEC §1.6 step order, causality of every
// output and matrix row (R14), finiteness, and the time of delivery of 30m values (R2).
import { describe, it, expect } from 'vitest';
import { IndicatorPipeline, type StepOut } from '../../../src-main/engine/pipeline.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { zone, localMs } from '../../../src-shared/time.ts';
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { readOhlcCsv, NQ_5M_FIRSTRATE } from '../../helpers/causal.ts';

const CT = zone('America/Chicago');
const START = CT.toUtc(localMs(2023, 11, 20, 8, 0));
/** the NQ 5m sample as consecutive 5-minute bars from a 30m boundary */
const bars5 = (limit = Infinity): Bar[] =>
  readOhlcCsv(NQ_5M_FIRSTRATE, limit).map((b, i) => ({ ...b, t: START + i * 300_000 }));

const make = () => new IndicatorPipeline({ config: DEFAULT_CONFIG, exchangeTz: 'America/Chicago', tickSize: 0.25, mode: '5m' });

interface Snap { row: unknown; row30: unknown; zones: unknown; synergy: unknown; m5: number[] | null; m30: number[] | null; reg: number[] | null }
function run(bars: readonly Bar[], config = DEFAULT_CONFIG): Snap[] {
  const p = new IndicatorPipeline({ config, exchangeTz: 'America/Chicago', tickSize: 0.25, mode: '5m' });
  return bars.map((b) => {
    const o: StepOut = p.push5m(b);
    return {
      row: structuredClone(o.row), row30: structuredClone(o.row30), zones: structuredClone(o.zones), synergy: structuredClone(o.synergy),
      m5: p.stage5.matrix.ready ? [...p.stage5.matrix.matrix()!] : null,
      m30: p.stage30.matrix30.ready ? [...p.stage30.matrix30.matrix()!] : null,
      reg: p.stage30.regime.ready ? [...p.stage30.regime.matrix()!] : null,
    };
  });
}

describe('IndicatorPipeline', () => {
  it('delivers a 30m bar at the step of its last 5m bar (end ≥ end), built from six 5m bars', () => {
    const p = make();
    const bars = bars5(13);
    const delivered: number[] = [];
    bars.forEach((b, i) => { const o = p.push5m(b); if (o.bar30) delivered.push(i); });
    expect(delivered).toEqual([5, 11]); // 08:25 closes 08:00–08:30, 08:55 closes 08:30–09:00
    const p2 = make();
    let got: StepOut | null = null;
    for (const b of bars.slice(0, 6)) got = p2.push5m(b);
    expect(got!.bar30).toEqual({
      t: START, o: bars[0]!.o, h: Math.max(...bars.slice(0, 6).map((b) => b.h)), l: Math.min(...bars.slice(0, 6).map((b) => b.l)),
      c: bars[5]!.c, v: bars.slice(0, 6).reduce((s, b) => s + b.v, 0),
    });
  });

  it('a missing last 5m bar delays the 30m bar to the next step, never earlier', () => {
    const p = make();
    const bars = bars5(8).filter((_, i) => i !== 5); // no 08:25 bar
    const at: number[] = [];
    bars.forEach((b, i) => { if (p.push5m(b).bar30) at.push(i); });
    expect(at).toEqual([5]); // delivered with the 08:30 bar (index 5 after the gap)
  });

  it('every output is finite or not ready, and the matrices fill on real data', () => {
    const snaps = run(bars5());
    for (const s of snaps) {
      for (const row of [s.row, s.row30] as (Record<string, number | null> | null)[]) {
        if (!row) continue;
        for (const v of Object.values(row)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
      }
      for (const m of [s.m5, s.m30, s.reg]) if (m) expect(m.every(Number.isFinite)).toBe(true);
    }
    // normalisation ranges (SPEC §3): 30m rows within ±3, 5m within ±2, regime columns clipped per
    // column (MMD scores 0–3, the rest within ±3 or their own smaller ranges)
    for (const s of snaps) {
      if (s.m30) expect(s.m30.every((v) => v >= -3 && v <= 3)).toBe(true);
      if (s.m5) expect(s.m5.every((v) => v >= -2 && v <= 2)).toBe(true);
      if (s.reg) {
        s.reg.forEach((v, i) => {
          const col = i % 26;
          if (col <= 6 || col === 22) expect(v >= 0 && v <= 3).toBe(true);
          else expect(Math.abs(v)).toBeLessThanOrEqual(3);
        });
      }
    }
    const last = snaps.at(-1)!;
    expect(last.m5).toHaveLength(60 * 7);
    expect(last.m30).toHaveLength(48 * 8);
    expect(last.reg).toHaveLength(96 * 26);
  }, 120_000);

  it('runs the synergy detector on the step signals: rare with SPEC gates, present with loose ones', () => {
    const bars = bars5();
    expect(run(bars).filter((s) => s.synergy).length).toBe(0); // SPEC's MLMI gate on 491 30m bars
    const loose = { ...DEFAULT_CONFIG, synergy: { ...DEFAULT_CONFIG.synergy, mlmi_threshold: 0, fvg_min_size: 0 }, indicators: { ...DEFAULT_CONFIG.indicators, fvg: { ...DEFAULT_CONFIG.indicators.fvg, min_gap_pct: 0 } } };
    const events = run(bars, loose).map((s, i) => ({ i, e: s.synergy as { synergy_type: string; direction: number; signals: { bar_index: number; type: string; direction: number }[]; metadata: { bars_to_complete: number } } | null })).filter((x) => x.e);
    expect(events.length).toBeGreaterThan(0);
    for (const { e } of events) {
      expect(e!.signals).toHaveLength(3);
      expect(e!.signals[0]!.type).not.toBe('fvg'); // no pattern starts with an FVG
      expect(new Set(e!.signals.map((s) => s.direction)).size).toBe(1);
      expect(e!.metadata.bars_to_complete).toBeLessThanOrEqual(DEFAULT_CONFIG.synergy.window_bars + 1);
    }
  }, 120_000);

  it('is causal: N bars and N + k bars (real or shuffled) give identical first N steps, matrix rows and synergies', () => {
    const all = bars5(1500);
    const n = 1300;
    const a = run(all.slice(0, n));
    const b = run(all);
    const tail = all.slice(n).map((x) => x);
    for (let i = tail.length - 1; i > 0; i--) { const j = (i * 7919) % (i + 1); [tail[i], tail[j]] = [tail[j]!, tail[i]!]; }
    const c = run([...all.slice(0, n), ...tail.map((x, i) => ({ ...x, t: all[n + i]!.t }))]);
    expect(b.slice(0, n)).toEqual(a);
    expect(c.slice(0, n)).toEqual(a);
  }, 120_000);
});
