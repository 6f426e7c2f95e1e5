// Paper fill rules (SPEC §5.2), pure price arithmetic. d = +1 long, −1 short; slip = slippage_ticks·tickSize.
//
//   Entry   market order: next bar's open (bar data) or next tick (tick data), at price + d·slip.
//   Stop    resting stop: touched when the price reaches it; fills at the stop − d·slip, or, when the
//           bar opens (or a tick prints) beyond it, at that worse price − d·slip (gap).
//   Target  resting limit: touched when the price reaches it; fills at the target, no slippage, or,
//           when the bar opens (or a tick prints) beyond it, at that better price (a limit fills at
//           its price or better, and the gap's open is the first price the market offered).
//   Path    inside one bar the order of highs and lows is unknown. The open is known to come first,
//           so a gap fill at the open is decided by the open alone; otherwise, if the bar's range
//           touches both the stop and the target, the STOP fills (conservative).
//   Time    market exit at the close of the bar max_bars_in_trade bars after the entry bar,
//           at close − d·slip, if no bracket order filled earlier in that bar.
import type { Bar } from '../../../src-shared/domain/bars.ts';

export type Direction = 1 | -1;
export type ExitKind = 'stop' | 'target';

export interface Bracket {
  direction: Direction;
  stop: number;
  target: number;
}

export interface ExitFill {
  kind: ExitKind;
  price: number;
}

/** A market order's fill price: slippage always against the trader. */
export function marketFill(d: Direction, price: number, slip: number): number {
  return price + d * slip;
}

/** Has the price reached the stop? (long: at or below it; short: at or above it) */
const hitsStop = (b: Bracket, p: number): boolean => b.direction * (p - b.stop) <= 0;
/** Has the price reached the target? (long: at or above it; short: at or below it) */
const hitsTarget = (b: Bracket, p: number): boolean => b.direction * (p - b.target) >= 0;

/** One traded price (a tick, or a bar's open): fills at that price if it is at or beyond an order. */
export function priceExit(b: Bracket, price: number, slip: number): ExitFill | null {
  // A single price cannot be past both (stop < target for longs), so there is no tie here.
  if (hitsStop(b, price)) return { kind: 'stop', price: price - b.direction * slip };
  if (hitsTarget(b, price)) return { kind: 'target', price };
  return null;
}

/** A whole bar on the conservative path: open first (gaps), then the range with the stop first. */
export function barExit(b: Bracket, bar: Bar, slip: number): ExitFill | null {
  const atOpen = priceExit(b, bar.o, slip);
  if (atOpen) return atOpen;
  const worst = b.direction === 1 ? bar.l : bar.h;
  const best = b.direction === 1 ? bar.h : bar.l;
  if (hitsStop(b, worst)) return { kind: 'stop', price: b.stop - b.direction * slip };
  if (hitsTarget(b, best)) return { kind: 'target', price: b.target };
  return null;
}
