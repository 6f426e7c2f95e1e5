// What the app must know about a tradable symbol to build its bars, size its trades and book its money
// (issue 13). Entries live in catalogue.ts (reviewed data with sources) or in the user's config
// (`instruments:`), never as silent defaults.

/** future: exchange-traded contract; equity: any share or ETF; fx: spot pair; crypto: spot or perpetual; index: not tradable */
export type AssetClass = 'future' | 'equity' | 'fx' | 'crypto' | 'index';

/**
 * How a fill is charged, per side (entry and exit each pay it).
 * - per_contract: a fixed amount per contract; `perSide` null means the config's `exec.commission_per_contract`.
 * - per_share: per share, at least `minPerOrder`, at most `maxPctOfValue` of the order's value (IBKR fixed style).
 * - bps: basis points of the order's notional (quantity · price · pointValue), at least `minPerOrder`.
 * Amounts are in the instrument's currency.
 */
export type CommissionModel =
  | { kind: 'per_contract'; perSide: number | null }
  | { kind: 'per_share'; perShare: number; minPerOrder: number; maxPctOfValue: number }
  | { kind: 'bps'; bps: number; minPerOrder: number };

/** Named exchange calendars (calendar.ts): trading hours, daily breaks, weekends and holidays. */
export const CALENDAR_IDS = ['cme-globex', 'cme-equity', 'cme-grains', 'eurex', 'us-equity', 'fx-24x5', 'crypto-24x7'] as const;
export type CalendarId = typeof CALENDAR_IDS[number];

/** Data sources whose time zone depends on the market (LEAN's market-hours database). */
export type DataSource = 'lean';

export interface InstrumentSpec {
  symbol: string;
  name: string;
  kind: AssetClass;
  /** MIC-like venue name shown to the trader (CME, CBOT, NYMEX, COMEX, EUREX, NYSE/NASDAQ, OTC FX, BINANCE …) */
  exchange: string;
  /** exchange time zone: bars are aligned to the clock here */
  exchangeTz: string;
  /** minimum price increment */
  tickSize: number;
  /** money (in `currency`) per 1.0 of price per unit of quantity: contract multiplier, 1 for shares/FX units/coins */
  pointValue: number;
  /** ISO 4217 code (or USDT for crypto perpetuals margined in tether) the price and P&L are in */
  currency: string;
  /** smallest quantity increment: 1 contract, 1 share, 1,000 FX units (micro lot), 0.001 BTC … */
  quantityStep: number;
  /** quantity of one "lot": risk.max_contracts caps the size at max_contracts·lotSize (1 contract, 100 shares, 100,000 FX units, 1 coin) */
  lotSize: number;
  /** display name of one unit of quantity */
  unit: 'contract' | 'share' | 'unit' | 'coin';
  commission: CommissionModel;
  calendar: CalendarId;
  /** time zone of this market's files by source, where a source does not use one zone for all (LEAN: CME UTC, Eurex Europe/Berlin) */
  dataTz?: Partial<Record<DataSource, string>>;
  /** where the figures come from (contract spec page, exchange rulebook, broker fee page) */
  source: string;
}

/** An exchange calendar, answered in UTC epoch milliseconds (calendar.ts builds one per CalendarId). */
export interface TradingCalendar {
  readonly id: CalendarId;
  /** the market trades at t (regular or electronic hours; a daily break, weekend or holiday is closed) */
  isOpen(t: number): boolean;
  /**
   * The trading day (session) holding t, labelled by the date it ends on (SPEC §1.2), as whole days
   * since 1970-01-01. For a closed t: the next session's. Daily loss, trades per day and synergy
   * sequences reset when it changes.
   */
  tradingDay(t: number): number;
  /** milliseconds of open market in [from, to) */
  openMs(from: number, to: number): number;
  /** the first open instant ≥ t */
  nextOpen(t: number): number;
}
