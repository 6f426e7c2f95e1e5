// What one side of a fill costs, by the instrument's commission model (issue 13). Pure, and in the
// instrument's currency: the broker converts it into the account currency with the rest of the money.
import type { CommissionModel } from '../../../src-shared/instruments/types.ts';
import { decimal } from '../risk/ticks.ts';

/**
 * Commission for one side of `qty` filled at `price`.
 * - per_contract: perSide (null: the config's `exec.commission_per_contract`) · qty
 * - per_share: perShare · qty, at least minPerOrder, at most maxPctOfValue of the order's value
 *   (the cap wins over the minimum, as at IBKR: a tiny order never pays more than its percentage)
 * - bps: bps/10,000 of the notional (qty · price · pointValue), at least minPerOrder
 */
export function commissionFor(model: CommissionModel, qty: number, price: number, pointValue: number, perContractDefault: number): number {
  switch (model.kind) {
    case 'per_contract':
      return decimal((model.perSide ?? perContractDefault) * qty);
    case 'per_share': {
      const value = qty * price * pointValue;
      return decimal(Math.min(Math.max(model.perShare * qty, model.minPerOrder), model.maxPctOfValue * value));
    }
    case 'bps':
      return decimal(Math.max((model.bps / 10_000) * qty * price * pointValue, model.minPerOrder));
  }
}
