// The pure fill rules (SPEC §5.2) without a broker: the open decides gaps, then the stop beats the target.
import { describe, it, expect } from 'vitest';
import { barExit, priceExit, marketFill } from '../../../../src-main/engine/execution/fill-rules.ts';

const L = { direction: 1 as const, stop: 90, target: 110 };
const S = { direction: -1 as const, stop: 110, target: 90 };
const bar = (o: number, h: number, l: number) => ({ t: 0, o, h, l, c: o, v: 1 });

describe('fill rules', () => {
  it('market fills pay the slippage in the trade direction', () => {
    expect(marketFill(1, 100, 0.5)).toBe(100.5);
    expect(marketFill(-1, 100, 0.5)).toBe(99.5);
  });

  it('no exit while the bar stays strictly inside the bracket', () => {
    expect(barExit(L, bar(100, 109.5, 90.5), 0.5)).toBeNull();
    expect(barExit(S, bar(100, 109.5, 90.5), 0.5)).toBeNull();
  });

  it('touching a level is enough; both touched → stop', () => {
    expect(barExit(L, bar(100, 110, 95), 0.5)).toEqual({ kind: 'target', price: 110 });
    expect(barExit(L, bar(100, 105, 90), 0.5)).toEqual({ kind: 'stop', price: 89.5 });
    expect(barExit(L, bar(100, 110, 90), 0.5)).toEqual({ kind: 'stop', price: 89.5 });
    expect(barExit(S, bar(100, 110, 90), 0.5)).toEqual({ kind: 'stop', price: 110.5 });
  });

  it('gaps fill at the open: worse for stops (plus slippage), better for targets', () => {
    expect(barExit(L, bar(85, 112, 80), 0.5)).toEqual({ kind: 'stop', price: 84.5 });
    expect(barExit(L, bar(115, 116, 80), 0.5)).toEqual({ kind: 'target', price: 115 });
    expect(barExit(S, bar(115, 116, 80), 0.5)).toEqual({ kind: 'stop', price: 115.5 });
    expect(priceExit(S, 85, 0.5)).toEqual({ kind: 'target', price: 85 });
  });
});
