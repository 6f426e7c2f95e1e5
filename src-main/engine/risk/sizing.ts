// SPEC §5.2 formulas: stop, target and size for one trade, from the entry (the next bar's open) and ATR.
// Rounding happens in whole ticks (ticks.ts). Longs round both prices down, shorts both up: that puts
// the stop a tick away from entry and the target a tick toward it.
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments.ts';
import { ceilWhole, decimal, floorWhole, fromTicks, toTicks } from './ticks.ts';

export type RiskConfig = Config['risk'];
export type Direction = 1 | -1;

/**
 * For equities a "contract" is a round lot: `max_contracts` 5 allows 500 shares. Sizing itself is in
 * shares (point value 1), so one rule covers both kinds; only the cap and the unit name differ.
 */
export const SHARES_PER_LOT = 100;

export interface TradeRequest {
  direction: Direction;
  /** the next bar's open after the decision (SPEC §5.2) */
  entry: number;
  /** ATR_14 on 5m bars, in price units */
  atr: number;
  spec: InstrumentSpec;
  cfg: RiskConfig;
  /** account equity the size is a fraction of */
  equity: number;
}

export interface TradeProposal {
  symbol: string;
  direction: Direction;
  entry: number;
  stop: number;
  target: number;
  /** stop_atr·ATR before rounding */
  rawDistance: number;
  /** D: |entry − stop| after rounding (≥ rawDistance); size and risk use this, the money really at risk */
  distance: number;
  stopTicks: number;
  /** ticks from entry to target; ≤ 0 means the target rounded onto (or behind) the entry */
  targetTicks: number;
  /** q: contracts, or shares for equities */
  size: number;
  unit: 'contract' | 'share';
  /** the size cap that applied: max_contracts, or max_contracts·100 shares */
  maxSize: number;
  /** D·point_value: money lost per contract (share) at the stop */
  riskPerUnit: number;
  /** q·D·point_value */
  riskMoney: number;
  /** equity·risk_per_trade: the budget q was sized from */
  riskBudget: number;
  equity: number;
  /** target_rr: reward:risk as planned, before tick rounding */
  plannedRr: number;
  /** targetTicks/stopTicks: reward:risk on the rounded prices (≤ plannedRr, for display and records) */
  rr: number;
}

/** Stop, target and size per SPEC §5.2. Throws on a non-finite input, entry ≤ 0 or ATR < 0 (a broken invariant). */
export function proposeTrade(req: TradeRequest): TradeProposal {
  const { direction: d, entry, atr, spec, cfg, equity } = req;
  if (!(Number.isFinite(entry) && entry > 0)) throw new RangeError(`risk: entry ${entry} is not a positive price`);
  if (!(Number.isFinite(atr) && atr >= 0)) throw new RangeError(`risk: ATR ${atr} is not a finite value ≥ 0`);
  if (!Number.isFinite(equity)) throw new RangeError(`risk: equity ${equity} is not finite`);
  const tick = spec.tickSize;

  const rawDistance = decimal(cfg.stop_atr * atr);
  const e = toTicks(entry, tick);
  const dT = rawDistance / tick;
  // Longs round down (stop away, target toward), shorts round up.
  const round = d === 1 ? floorWhole : ceilWhole;
  let stopT = round(e - d * dT);
  // A stop must sit at least a tick beyond entry, or a zero ATR would size without limit.
  if (d * (e - stopT) <= 0) stopT = d === 1 ? Math.ceil(e) - 1 : Math.floor(e) + 1;
  const targetT = round(e + d * cfg.target_rr * dT);
  const stopTicks = d * (e - stopT) + 0; // + 0: no −0 in records
  const targetTicks = d * (targetT - e) + 0;

  const m = stopMoney(stopTicks, spec, cfg, equity);
  const size = Math.max(0, Math.min(m.maxSize, floorWhole(m.riskBudget / m.riskPerUnit)));
  return {
    symbol: spec.symbol, direction: d, entry, stop: fromTicks(stopT, tick), target: fromTicks(targetT, tick),
    rawDistance, stopTicks, targetTicks, size, ...m, riskMoney: decimal(size * m.riskPerUnit), equity,
    plannedRr: cfg.target_rr, rr: targetTicks / stopTicks,
  };
}

/** What a stop `stopTicks` from entry means in money: per unit, the budget the size comes from, the unit and its cap. */
function stopMoney(stopTicks: number, spec: InstrumentSpec, cfg: RiskConfig, equity: number):
  Pick<TradeProposal, 'distance' | 'riskPerUnit' | 'riskBudget' | 'unit' | 'maxSize'> {
  const distance = fromTicks(stopTicks, spec.tickSize);
  const unit = spec.kind === 'equity' ? 'share' : 'contract';
  return {
    distance, riskPerUnit: decimal(distance * spec.pointValue), riskBudget: decimal(equity * cfg.risk_per_trade), unit,
    maxSize: unit === 'share' ? cfg.max_contracts * SHARES_PER_LOT : cfg.max_contracts,
  };
}

/** A plan as it was shown: what an approval is for. */
export interface ShownPlan {
  direction: Direction;
  entry: number;
  stop: number;
  target: number;
  size: number;
}

/**
 * The proposal behind a plan already shown, for risk's second look at approval: the same entry,
 * stop, target and size (the trader approved exactly those), with the money figures worked out from
 * them as proposeTrade does, against the account's equity now. `rawDistance` is the rounded one:
 * the ATR behind the plan is not part of it.
 */
export function planProposal(plan: ShownPlan, spec: InstrumentSpec, cfg: RiskConfig, equity: number): TradeProposal {
  const tick = spec.tickSize, d = plan.direction;
  const stopTicks = Math.round((d * (plan.entry - plan.stop)) / tick) + 0;
  const targetTicks = Math.round((d * (plan.target - plan.entry)) / tick) + 0;
  const m = stopMoney(stopTicks, spec, cfg, equity);
  return {
    symbol: spec.symbol, direction: d, entry: plan.entry, stop: plan.stop, target: plan.target,
    rawDistance: m.distance, stopTicks, targetTicks, size: plan.size, ...m, riskMoney: decimal(plan.size * m.riskPerUnit), equity,
    plannedRr: cfg.target_rr, rr: targetTicks / stopTicks,
  };
}
