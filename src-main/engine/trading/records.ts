// Books the broker's fills: fill rows, the order's and position's rows, and the account. Runs inside
// the caller's transaction (session.ts), so the rows and the state they describe commit together.
// Money (commission, pnl) is in the account currency, as the broker books it; the fill rows also keep
// both in the instrument's `currency` (commission_native, pnl_native).
import type { WriteDb } from '../../store/db.ts';
import { closePosition, getOrderBracket, insertFill, openPosition, setOrderStatus } from '../../store/trading.ts';
import type { FillEvent } from '../execution/paper-broker.ts';
import { book, closeTrade, type AccountBook } from './account.ts';
import type { Config } from '../../../src-shared/config.ts';

export function recordFills(
  db: WriteDb, runId: number, fills: readonly FillEvent[], account: AccountBook, risk: Config['risk'], currency: string,
): void {
  for (const f of fills) {
    const orderId = Number(f.orderId);
    insertFill(db, {
      order_id: orderId, kind: f.kind, t: f.t, price: f.price, size: f.size, commission: f.commission, pnl: f.pnl ?? null,
      currency, commission_native: f.commissionNative, pnl_native: f.pnlNative ?? null,
    });
    if (f.kind === 'entry') {
      // the position row gets the bracket re-anchored on this fill (the order row keeps the one shown);
      // the direction comes from the order row: the same bar may already have closed the position
      const o = getOrderBracket(db, orderId);
      openPosition(db, {
        run_id: runId, order_id: orderId, direction: o.direction, size: f.size, entry_price: f.price, entry_t: f.t,
        stop: f.stop ?? o.stop, target: f.target ?? o.target,
      });
      setOrderStatus(db, orderId, 'filled');
      account.tradesToday++;
      book(account, f.booked, risk);
    } else {
      const pnl = f.pnl ?? 0;
      closePosition(db, orderId, { price: f.price, t: f.t, kind: f.kind, pnl });
      setOrderStatus(db, orderId, 'closed');
      // the entry commission was booked at the entry: the exit books the rest of the round trip
      // (the two sides' commissions differ with the price under per-share caps and bps)
      book(account, f.booked, risk);
      closeTrade(account, pnl);
    }
  }
}
