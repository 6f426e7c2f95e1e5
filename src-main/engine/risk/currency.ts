// Money in the account currency (issue 13): an instrument's P&L and commission are in its own
// currency and are converted at a rate the trader stated (risk.fx_rates), never at a silent 1:1.
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments/types.ts';

/** Account currency per one unit of the instrument's currency (1 when they are the same). Throws when no rate is stated. */
export function accountRate(spec: Pick<InstrumentSpec, 'symbol' | 'currency'>, risk: Pick<Config['risk'], 'account_currency' | 'fx_rates'>): number {
  const acc = risk.account_currency;
  if (!spec.currency) throw new Error(`${spec.symbol}: the instrument spec states no currency (it must come from the catalogue or config.instruments)`);
  if (spec.currency === acc) return 1;
  const rate = risk.fx_rates[spec.currency];
  if (rate === undefined || !(rate > 0) || !Number.isFinite(rate)) {
    throw new Error(`${spec.symbol} is quoted in ${spec.currency} and the account is in ${acc}: `
      + `add risk.fx_rates.${spec.currency} (${acc} per 1 ${spec.currency})`);
  }
  return rate;
}

/** Throws with a clear message when the instrument cannot be traded (an index is a price, not a product). */
export function assertTradable(spec: Pick<InstrumentSpec, 'symbol' | 'kind'>): void {
  if (spec.kind === 'index') {
    throw new Error(`${spec.symbol} is an index: it is not tradable (trade a future or ETF on it instead)`);
  }
}

/** Why `spec` cannot be traded under `config` (an index, no stated rate for its currency), or null. */
export function tradingProblem(spec: Pick<InstrumentSpec, 'symbol' | 'kind' | 'currency'>, config: Pick<Config, 'risk'>): string | null {
  try {
    assertTradable(spec);
    accountRate(spec, config.risk);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
