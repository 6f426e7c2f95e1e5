// SPEC §5.2 formulas: stop, target and size for one trade, from the entry and ATR. The plan is made at
// the decision bar's close; the broker re-anchors the bracket on the fill (the next bar's open) at the
// same distances in ticks (stopTicks, targetTicks), so the money at risk sized here is what is risked.
// Rounding happens in whole ticks (ticks.ts). Longs round both prices down, shorts both up: that puts
// the stop a tick away from entry and the target a tick toward it. Sizes are whole quantity steps and
// money is in the account currency (currency.ts).
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments/types.ts';
import { accountRate } from './currency.ts';
import { ceilWhole, decimal, floorWhole, fromTicks, toTicks } from './ticks.ts';

export type RiskConfig = Config['risk'];
export type Direction = 1 | -1;

export interface TradeRequest {
  direction: Direction;
  /** the estimated entry: the decision bar's close (the fill, the next bar's open, moves the bracket with it) */
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
  /** q: a whole number of the instrument's quantity steps (contracts, shares, FX units, coins) */
  size: number;
  unit: InstrumentSpec['unit'];
  /** the size cap that applied: max_contracts · lotSize */
  maxSize: number;
  /** account currency per 1 unit of the instrument's currency (1 when they are the same) */
  rate: number;
  /** the account currency every money figure here is in */
  currency: string;
  /** D·point_value·rate: money lost per unit of quantity at the stop */
  riskPerUnit: number;
  /** q·D·point_value·rate */
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
  const size = sizeFor(m.riskBudget, m.riskPerUnit, spec, cfg);
  return {
    symbol: spec.symbol, direction: d, entry, stop: fromTicks(stopT, tick), target: fromTicks(targetT, tick),
    rawDistance, stopTicks, targetTicks, size, ...m, riskMoney: decimal(size * m.riskPerUnit), equity,
    plannedRr: cfg.target_rr, rr: targetTicks / stopTicks,
  };
}

/**
 * q = ⌊budget / riskPerUnit / step⌋ · step, capped at max_contracts · lotSize. Counted in whole steps so
 * 3 steps of 0.1 come out as 0.3, not 0.30000000000000004.
 */
function sizeFor(budget: number, riskPerUnit: number, spec: InstrumentSpec, cfg: RiskConfig): number {
  const step = spec.quantityStep;
  const steps = Math.max(0, Math.min(maxSteps(spec, cfg), floorWhole(budget / riskPerUnit / step)));
  return fromTicks(steps, step);
}

const maxSteps = (spec: InstrumentSpec, cfg: RiskConfig): number => floorWhole((cfg.max_contracts * spec.lotSize) / spec.quantityStep);

/** What a stop `stopTicks` from entry means in money: per unit, the budget the size comes from, the unit and its cap. */
function stopMoney(stopTicks: number, spec: InstrumentSpec, cfg: RiskConfig, equity: number):
  Pick<TradeProposal, 'distance' | 'riskPerUnit' | 'riskBudget' | 'unit' | 'maxSize' | 'rate' | 'currency'> {
  const distance = fromTicks(stopTicks, spec.tickSize);
  const rate = accountRate(spec, cfg);
  return {
    distance, riskPerUnit: decimal(distance * spec.pointValue * rate), riskBudget: decimal(equity * cfg.risk_per_trade),
    unit: spec.unit, maxSize: fromTicks(maxSteps(spec, cfg), spec.quantityStep), rate, currency: cfg.account_currency,
  };
}

/**
 * A plan as it was shown: what an approval is for. Stop and target are shown around the estimated
 * entry (the decision close); what the trader approves is their distances, which the order carries to
 * the fill (planTicks), and the size, which was priced at those distances.
 */
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
  const d = plan.direction;
  const { stopTicks, targetTicks } = planTicks(plan, spec.tickSize);
  const m = stopMoney(stopTicks, spec, cfg, equity);
  return {
    symbol: spec.symbol, direction: d, entry: plan.entry, stop: plan.stop, target: plan.target,
    rawDistance: m.distance, stopTicks, targetTicks, size: plan.size, ...m, riskMoney: decimal(plan.size * m.riskPerUnit), equity,
    plannedRr: cfg.target_rr, rr: targetTicks / stopTicks,
  };
}

/**
 * A shown plan's bracket as distances from its entry in whole ticks: what the broker re-anchors on the
 * fill (stop = fill − d·stopTicks·tick, target = fill + d·targetTicks·tick).
 */
export function planTicks(plan: ShownPlan, tick: number): { stopTicks: number; targetTicks: number } {
  const d = plan.direction;
  return {
    stopTicks: Math.round((d * (plan.entry - plan.stop)) / tick) + 0,
    targetTicks: Math.round((d * (plan.target - plan.entry)) / tick) + 0,
  };
}
