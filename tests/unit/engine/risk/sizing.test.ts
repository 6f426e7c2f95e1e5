// SPEC §5.2 formulas and R13: stop, target, size; tick rounding exact on both sides.
import { describe, it, expect } from 'vitest';
import { planProposal, proposeTrade } from '../../../../src-main/engine/risk/sizing.ts';
import { CFG, esLong, inst, propose } from './helpers.ts';

describe('proposeTrade: SPEC R13', () => {
  it('ES long, entry 5000, ATR 2.5: D 5, stop 4995.00, target 5007.50, q = floor(1000/250) = 4', () => {
    expect(esLong()).toEqual({
      symbol: 'ES', direction: 1, entry: 5000, stop: 4995, target: 5007.5,
      rawDistance: 5, distance: 5, stopTicks: 20, targetTicks: 30,
      size: 4, unit: 'contract', maxSize: 5, rate: 1, currency: 'USD', riskPerUnit: 250, riskMoney: 1000, riskBudget: 1000, equity: 100_000,
      plannedRr: 1.5, rr: 1.5,
    });
  });
  it('MES (point value 5): floor(1000/25) = 40, capped at max_contracts 5', () => {
    const p = propose('MES', 1, 5000, 2.5);
    expect(p).toMatchObject({ stop: 4995, target: 5007.5, size: 5, riskPerUnit: 25, riskMoney: 125 });
  });
});

describe('proposeTrade: rounding', () => {
  it('ES short: stop rounds up (away), target rounds up (toward entry)', () => {
    // D = 2·2.3 = 4.6 = 18.4 ticks → stop 19 ticks away; target 1.5·18.4 = 27.6 → 27 ticks
    const p = propose('ES', -1, 5000, 2.3);
    expect(p).toMatchObject({ stop: 5004.75, target: 4993.25, stopTicks: 19, targetTicks: 27, distance: 4.75 });
    expect(p.rr).toBeCloseTo(27 / 19, 12);
  });
  it('ES long with the same ATR: stop rounds down (away), target rounds down (toward entry)', () => {
    expect(propose('ES', 1, 5000, 2.3)).toMatchObject({ stop: 4995.25, target: 5006.75, stopTicks: 19, targetTicks: 27 });
  });
  it('sizes from the rounded stop distance (the money really at risk): ES ATR 2.3 → 1000/237.5 → 4', () => {
    expect(propose('ES', 1, 5000, 2.3)).toMatchObject({ rawDistance: 4.6, riskPerUnit: 237.5, size: 4, riskMoney: 950 });
  });
  it('CL (tick 0.01): entry 71.37, ATR 0.137 → D 27.4 ticks; stop 71.09, target 71.78; no float tails', () => {
    const long = propose('CL', 1, 71.37, 0.137);
    expect(long).toMatchObject({ stop: 71.09, target: 71.78, stopTicks: 28, targetTicks: 41, distance: 0.28, riskPerUnit: 280, size: 3, riskMoney: 840 });
    const short = propose('CL', -1, 71.37, 0.137);
    expect(short).toMatchObject({ stop: 71.65, target: 70.96, stopTicks: 28, targetTicks: 41 });
  });
  it('CL: a whole-tick distance stays whole (2·0.035/0.01 = 7.000000000000001 in floats)', () => {
    expect(propose('CL', 1, 71.37, 0.035)).toMatchObject({ stop: 71.3, target: 71.47, stopTicks: 7, targetTicks: 10, distance: 0.07 });
    expect(propose('CL', -1, 71.37, 0.035)).toMatchObject({ stop: 71.44, target: 71.27, stopTicks: 7, targetTicks: 10 });
  });
  it('GC (tick 0.1): ATR 0.3 → 6 ticks, target 9 ticks (1.5·6 is 8.999999999999998 in floats)', () => {
    expect(propose('GC', 1, 1950.3, 0.3)).toMatchObject({ stop: 1949.7, target: 1951.2, stopTicks: 6, targetTicks: 9, distance: 0.6, riskPerUnit: 60, size: 5 });
    expect(propose('GC', -1, 1950.3, 0.3)).toMatchObject({ stop: 1950.9, target: 1949.4, stopTicks: 6, targetTicks: 9 });
  });
  it('GC: prices come out as written decimals (19503·0.1 is 1950.3000000000002 in floats)', () => {
    const p = propose('GC', 1, 1950.3, 0.35); // D 0.7 = 7 ticks, target 10.5 → 10
    expect([p.stop, p.target, p.distance]).toEqual([1949.6, 1951.3, 0.7]);
  });
  it('an entry off the tick grid: the stop still rounds away, the target toward it', () => {
    const p = proposeTrade({ direction: 1, entry: 100.005, atr: 0.5, spec: { ...inst('SPY'), symbol: 'X' }, cfg: CFG, equity: 100_000 });
    expect(p).toMatchObject({ stop: 99, target: 101.5 }); // 99.005 → 99.00; 101.505 → 101.50
    expect(p.distance).toBe(1.005); // = entry − stop: size uses the larger, true distance
  });
  it('ATR 0 still puts the stop a tick away (finite size); the target sits on entry', () => {
    expect(propose('ES', 1, 5000, 0)).toMatchObject({ stop: 4999.75, target: 5000, stopTicks: 1, targetTicks: 0, size: 5 });
    expect(propose('ES', -1, 5000, 0)).toMatchObject({ stop: 5000.25, target: 5000, stopTicks: 1, targetTicks: 0 });
  });
});

describe('proposeTrade: size', () => {
  it('q = 0 when one contract risks more than the budget: ES ATR 12.5 → D 25 → 1,250 > 1,000', () => {
    expect(propose('ES', 1, 5000, 12.5)).toMatchObject({ size: 0, riskPerUnit: 1250, riskMoney: 0 });
  });
  it('equities size in shares, capped at max_contracts round lots (5·100 = 500)', () => {
    expect(propose('SPY', 1, 450, 0.5)).toMatchObject({ unit: 'share', maxSize: 500, size: 500, distance: 1, riskMoney: 500 });
    expect(propose('IBM', 1, 150, 2.5)).toMatchObject({ unit: 'share', size: 200, riskPerUnit: 5, riskMoney: 1000 });
  });
  it('the budget is a fraction of the equity passed in', () => {
    expect(propose('ES', 1, 5000, 2.5, { equity: 50_000 })).toMatchObject({ riskBudget: 500, size: 2 });
    expect(propose('ES', 1, 5000, 2.5, { equity: -10 })).toMatchObject({ size: 0 });
  });
  it('a non-finite or non-positive input is a broken invariant: throws', () => {
    const base = { direction: 1 as const, spec: inst('ES'), cfg: CFG, equity: 100_000 };
    expect(() => proposeTrade({ ...base, entry: Number.NaN, atr: 2.5 })).toThrow(RangeError);
    expect(() => proposeTrade({ ...base, entry: 0, atr: 2.5 })).toThrow(RangeError);
    expect(() => proposeTrade({ ...base, entry: 5000, atr: -1 })).toThrow(RangeError);
    expect(() => proposeTrade({ ...base, entry: 5000, atr: Infinity })).toThrow(RangeError);
    expect(() => proposeTrade({ ...base, entry: 5000, atr: 2.5, equity: Number.NaN })).toThrow(RangeError);
  });
});

describe('planProposal: risk\'s second look at a shown plan', () => {
  it('gives back the proposal a plan came from (all but the unrounded distance), across instruments and sides', () => {
    const cases: [string, 1 | -1, number, number][] = [
      ['ES', 1, 5000, 2.5], ['ES', -1, 5000, 2.3], ['NQ', 1, 16000.25, 10], ['CL', -1, 71.37, 0.137], ['MES', 1, 5000, 2.5],
      ['GC', -1, 2050.1, 4.7],
    ];
    for (const [sym, dir, entry, atr] of cases) {
      const p = propose(sym, dir, entry, atr);
      expect(planProposal(p, inst(sym), CFG, p.equity)).toEqual({ ...p, rawDistance: p.distance });
    }
  });
  it('prices the shown size against today\'s equity: the budget moves, the money at risk does not', () => {
    const p = esLong();
    const again = planProposal(p, inst('ES'), CFG, 50_000);
    expect([again.size, again.riskMoney, again.riskBudget]).toEqual([4, 1000, 500]);
  });
});
