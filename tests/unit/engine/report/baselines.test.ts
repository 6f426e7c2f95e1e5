// A synergy re-traded on its own, checked by hand on a few YM bars (tick 1, $5 a point, $2.50 a side,
// 1 tick of slippage; stop 2·ATR, target 1.5·stop; 1 % of 100,000 at risk, capped at 5 contracts), and
// the baseline and calibration sections built from re-traded outcomes.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../../../src-shared/config.ts';
import { findInstrument } from '../../../../src-shared/instruments.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';
import type { ReportSynergyRow } from '../../../../src-main/store/report.ts';
import { baselineSection, retradeSynergies, type Retraded } from '../../../../src-main/engine/report/baselines.ts';
import { calibrationBins } from '../../../../src-main/engine/report/calibration.ts';
import { TradeStats } from '../../../../src-shared/report.ts';

const STEP = 300_000;
const T0 = Date.UTC(2023, 10, 6, 15, 0);
const YM = findInstrument('YM')!;

const bars = (ohlc: [number, number, number, number][]): Bar[] => ohlc.map(([o, h, l, c], i) => ({ t: T0 + i * STEP, o, h, l, c, v: 1 }));

/** a synergy at the close of bar `at` (its time: that bar's end) */
const synergy = (b: Bar[], at: number, o: Partial<ReportSynergyRow> = {}): ReportSynergyRow => ({
  id: at + 1, t: b[at]!.t + STEP, pattern: 'TYPE_1', direction: 1, price: b[at]!.c, quality: 0.5, path: 'rule', p: null,
  accepted: 1, atr: 5, ...o,
});

function one(b: Bar[], s: ReportSynergyRow, config: Config = DEFAULT_CONFIG) {
  const r = retradeSynergies({ synergies: [s], bars: b, stepMs: STEP, spec: YM, config });
  return { outcome: r.retraded[0]?.outcome, skipped: r.skipped };
}

describe('retradeSynergies (by hand)', () => {
  // long at 1000, ATR 5: stop 10 points, target 15; 5 contracts (1,000 / 50 = 20, capped), $250 at risk.
  // Fill at the next open 1002 + 1 tick = 1003: stop 993, target 1018.
  it('target hit inside the entry bar: +15 points · $25 − 2 · $12.50 = +$350, +1.4 R', () => {
    const b = bars([[1000, 1000, 1000, 1000], [1002, 1020, 1000, 1010]]);
    const { outcome } = one(b, synergy(b, 0));
    expect(outcome).toMatchObject({ exit: 'target', entryT: b[1]!.t, entryPrice: 1003, stop: 993, target: 1018, exitPrice: 1018, pnl: 350, barsHeld: 0, label: 1 });
    expect(outcome!.r).toBeCloseTo(1.4, 12);
  });

  it('stop hit a bar later: filled a tick worse, 992: −11 · $25 − $25 = −$300, −1.2 R', () => {
    const b = bars([[1000, 1000, 1000, 1000], [1002, 1005, 995, 1000], [1000, 1001, 990, 991]]);
    const { outcome } = one(b, synergy(b, 0));
    expect(outcome).toMatchObject({ exit: 'stop', exitT: b[2]!.t, exitPrice: 992, pnl: -300, barsHeld: 1, label: 0 });
    expect(outcome!.r).toBeCloseTo(-1.2, 12);
  });

  it('time exit at the close of the 2nd bar after the entry bar (max_bars_in_trade 2), a tick worse', () => {
    const config = { ...DEFAULT_CONFIG, risk: { ...DEFAULT_CONFIG.risk, max_bars_in_trade: 2 } };
    const b = bars([[1000, 1000, 1000, 1000], [1002, 1005, 998, 1004], [1004, 1006, 1000, 1005], [1005, 1007, 1001, 1006], [1006, 1030, 1006, 1030]]);
    const { outcome } = one(b, synergy(b, 0), config);
    expect(outcome).toMatchObject({ exit: 'time', exitT: b[3]!.t, exitPrice: 1005, pnl: 2 * 25 - 25, barsHeld: 2 });
    expect(outcome!.r).toBeCloseTo(0.1, 12);
  });

  it('a short whose bar touches both: the stop fills (conservative), 1009 + 1 tick', () => {
    // short at 1000: stop 1010, target 985; fill at 1000 − 1 = 999 → stop 1009, target 984
    const b = bars([[1000, 1000, 1000, 1000], [1000, 1012, 980, 990]]);
    const { outcome } = one(b, synergy(b, 0, { direction: -1 }));
    expect(outcome).toMatchObject({ exit: 'stop', entryPrice: 999, exitPrice: 1010, pnl: -11 * 25 - 25 });
  });

  it('counts what it cannot re-trade by reason', () => {
    const b = bars([[1000, 1000, 1000, 1000], [1002, 1005, 998, 1004]]);
    const r = retradeSynergies({
      synergies: [synergy(b, 0, { atr: null }), synergy(b, 0, { id: 9 }), synergy(b, 1, { id: 10 })], bars: b, stepMs: STEP, spec: YM, config: DEFAULT_CONFIG,
    });
    expect(r.retraded).toEqual([]);
    expect(r.skipped).toEqual({ 'no ATR recorded': 1, 'data ended before exit': 2 });
    const none = retradeSynergies({ synergies: [synergy(b, 0)], bars: b, stepMs: STEP, spec: null, config: DEFAULT_CONFIG });
    expect(none.skipped).toEqual({ 'no instrument spec': 1 });
  });
});

const rt = (r: number, s: Partial<ReportSynergyRow>, i: number): Retraded => ({
  synergy: { id: i, t: i, pattern: 'TYPE_1', direction: 1, price: 1, quality: 0.5, path: 'model', p: 0.5, accepted: 0, atr: 1, ...s },
  outcome: { label: r > 0 ? 1 : 0, pnl: 100 * r, r, exit: r > 0 ? 'target' : 'stop', entryT: i, entryPrice: 1, stop: 0, target: 2, exitT: i, exitPrice: 1, barsHeld: 1 },
});

describe('baselineSection', () => {
  const retraded = [
    rt(1.5, { quality: 0.6, accepted: 1 }, 1), rt(-1, { quality: 0.3, accepted: 0 }, 2), rt(-1, { quality: 0.45, accepted: 0 }, 3),
    rt(1.5, { quality: 0.2, accepted: 1 }, 4), rt(-1, { quality: 0.7, accepted: 1 }, 5),
  ];
  it('take all, rule only (quality ≥ threshold), selected (accepted) and the value added', () => {
    const b = baselineSection(6, { retraded, skipped: { 'no ATR recorded': 1 } }, 0.4);
    for (const x of [b.baselines.take_all, b.baselines.rule_only, b.baselines.selected]) TradeStats.parse(x.stats);
    expect(b.baselines).toMatchObject({ synergies: 6, retraded: 5, skipped: { 'no ATR recorded': 1 } });
    expect(b.baselines.take_all.stats.trades).toBe(5);
    expect(b.baseline_take_all_expectancy_r).toBeCloseTo(0, 12);
    expect(b.baselines.rule_only.stats.trades).toBe(3); // 0.6, 0.45, 0.7
    expect(b.baseline_rule_only_expectancy_r).toBeCloseTo(-0.5 / 3, 12);
    expect(b.baselines.selected.stats.trades).toBe(3);
    expect(b.selected_expectancy_r).toBeCloseTo(2 / 3, 12);
    expect(b.decision_value_added_r).toBeCloseTo(2 / 3, 12);
    const [lo, hi] = b.decision_value_added_r_ci95!;
    expect(lo).toBeLessThanOrEqual(hi);
  });
  it('nothing accepted: value added null', () => {
    const b = baselineSection(2, { retraded: [rt(1, {}, 1), rt(-1, {}, 2)], skipped: {} }, 0.4);
    expect(b.selected_expectancy_r).toBeNull();
    expect(b.decision_value_added_r).toBeNull();
    expect(b.decision_value_added_r_ci95).toBeNull();
  });
});

describe('calibrationBins', () => {
  it('model-path p in bins of 0.1 against the share won; empty bins and rule-path synergies left out', () => {
    const bins = calibrationBins([
      rt(1, { p: 0.31 }, 1), rt(-1, { p: 0.39 }, 2), rt(1, { p: 0.3 }, 3), rt(1, { p: 1 }, 4),
      rt(1, { p: 0.05, path: 'rule' }, 5), rt(1, { p: null }, 6),
    ]);
    expect(bins).toEqual([
      { p_lo: 0.3, p_hi: 0.4, n: 3, mean_p: expect.closeTo(1 / 3, 12), hit_rate: 2 / 3 },
      { p_lo: 0.9, p_hi: 1, n: 1, mean_p: 1, hit_rate: 1 },
    ]);
  });
});
