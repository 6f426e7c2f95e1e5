// Reviewed specs for US equities, spot FX, crypto and (chart-only) indices (issue 13).
import type { InstrumentSpec } from './types.ts';

const IBKR_STOCKS = 'IBKR US stocks, fixed pricing: USD 0.005/share, min USD 1.00, max 1% of trade value '
  + '(https://www.interactivebrokers.com/en/pricing/commissions-stocks.php); tick 0.01 (SEC Reg NMS Rule 612)';

/** A US-listed share or ETF on NYSE/NASDAQ hours, charged at IBKR's fixed per-share rate. */
export function usEquity(symbol: string, name: string, exchange: string): InstrumentSpec {
  return {
    symbol, name, kind: 'equity', exchange, exchangeTz: 'America/New_York', tickSize: 0.01, pointValue: 1,
    currency: 'USD', quantityStep: 1, lotSize: 100, unit: 'share',
    commission: { kind: 'per_share', perShare: 0.005, minPerOrder: 1, maxPctOfValue: 0.01 },
    calendar: 'us-equity', dataTz: { lean: 'America/New_York' }, source: IBKR_STOCKS,
  };
}

export const US_EQUITIES: readonly InstrumentSpec[] = [
  usEquity('SPY', 'SPDR S&P 500 ETF', 'NYSE Arca'),
  usEquity('QQQ', 'Invesco QQQ (Nasdaq-100) ETF', 'NASDAQ'),
  usEquity('IWM', 'iShares Russell 2000 ETF', 'NYSE Arca'),
  usEquity('DIA', 'SPDR Dow Jones Industrial Average ETF', 'NYSE Arca'),
  usEquity('IBM', 'International Business Machines', 'NYSE'),
  usEquity('AAPL', 'Apple', 'NASDAQ'),
  usEquity('MSFT', 'Microsoft', 'NASDAQ'),
  usEquity('NVDA', 'NVIDIA', 'NASDAQ'),
  usEquity('AMZN', 'Amazon.com', 'NASDAQ'),
  usEquity('TSLA', 'Tesla', 'NASDAQ'),
  usEquity('META', 'Meta Platforms', 'NASDAQ'),
  usEquity('GOOGL', 'Alphabet (class A)', 'NASDAQ'),
  usEquity('GOOG', 'Alphabet (class C)', 'NASDAQ'),
  usEquity('NFLX', 'Netflix', 'NASDAQ'),
  usEquity('AMD', 'Advanced Micro Devices', 'NASDAQ'),
  usEquity('JPM', 'JPMorgan Chase', 'NYSE'),
];

// IBKR spot FX: 0.20 bps of trade value, minimum USD 2.00 per order
// (https://www.interactivebrokers.com/en/pricing/commissions-spot-currencies.php). Commission is booked in the
// quote currency, so the USD 2 minimum is stated there at a round reference rate (USD 1 = JPY 150, GBP 0.80,
// CHF 0.90, CAD 1.35); a trader who needs it exact defines the pair under `instruments:`.
const FX_MIN_USD2: Record<string, number> = { USD: 2, JPY: 300, GBP: 1.6, CHF: 1.8, CAD: 2.7 };
const IBKR_FX = 'IBKR spot FX: 0.20 bps of trade value, min USD 2.00 '
  + '(https://www.interactivebrokers.com/en/pricing/commissions-spot-currencies.php); fractional-pip ticks as quoted by IBKR IDEALPRO';

function spotFx(pair: string): InstrumentSpec {
  const base = pair.slice(0, 3), quote = pair.slice(3);
  return {
    symbol: pair, name: `${base}/${quote} spot`, kind: 'fx', exchange: 'OTC', exchangeTz: 'America/New_York',
    // A fractional pip: 0.00001 (0.001 for JPY-quoted pairs, whose pip is 0.01).
    tickSize: quote === 'JPY' ? 0.001 : 0.00001, pointValue: 1, currency: quote,
    quantityStep: 1000, lotSize: 100_000, unit: 'unit',
    commission: { kind: 'bps', bps: 0.2, minPerOrder: FX_MIN_USD2[quote]! },
    calendar: 'fx-24x5', source: IBKR_FX,
  };
}

export const SPOT_FX: readonly InstrumentSpec[] = [
  'EURUSD', 'GBPUSD', 'USDJPY', 'AUDUSD', 'USDCAD', 'USDCHF', 'NZDUSD', 'EURJPY', 'EURGBP', 'GBPJPY', 'EURCHF',
].map(spotFx);

const BINANCE_SPOT = 'Binance spot: taker fee 0.1% (https://www.binance.com/en/fee/schedule); '
  + 'tick 0.01 USDT, lot step 0.00001 BTC / 0.0001 ETH (Binance spot trading rules)';
const BINANCE_PERP = 'Binance USDⓈ-M perpetual: taker fee 0.05% (https://www.binance.com/en/fee/futureFee); '
  + 'tick 0.10 (BTC) / 0.01 (ETH) USDT, step 0.001 (Binance futures trading rules)';

function crypto(symbol: string, name: string, currency: string, tickSize: number, quantityStep: number, bps: number, source: string): InstrumentSpec {
  return {
    symbol, name, kind: 'crypto', exchange: 'BINANCE', exchangeTz: 'UTC', tickSize, pointValue: 1, currency,
    quantityStep, lotSize: 1, unit: 'coin', commission: { kind: 'bps', bps, minPerOrder: 0 },
    calendar: 'crypto-24x7', source,
  };
}

// BitMEX XBTUSD is left out on purpose: it is an inverse perpetual (P&L in BTC = contracts · (1/entry − 1/exit)),
// which a linear pointValue cannot express.
export const CRYPTO: readonly InstrumentSpec[] = [
  crypto('BTCUSDT', 'Bitcoin / Tether spot', 'USDT', 0.01, 0.00001, 10, BINANCE_SPOT),
  crypto('BTCUSD', 'Bitcoin / US dollar spot', 'USD', 0.01, 0.00001, 10, BINANCE_SPOT),
  crypto('ETHUSDT', 'Ether / Tether spot', 'USDT', 0.01, 0.0001, 10, BINANCE_SPOT),
  crypto('ETHUSD', 'Ether / US dollar spot', 'USD', 0.01, 0.0001, 10, BINANCE_SPOT),
  crypto('BTCUSDT-PERP', 'Bitcoin USDT-margined perpetual', 'USDT', 0.1, 0.001, 5, BINANCE_PERP),
  crypto('BTC-PERP', 'Bitcoin USDT-margined perpetual', 'USDT', 0.1, 0.001, 5, BINANCE_PERP),
  crypto('ETHUSDT-PERP', 'Ether USDT-margined perpetual', 'USDT', 0.01, 0.001, 5, BINANCE_PERP),
  crypto('ETH-PERP', 'Ether USDT-margined perpetual', 'USDT', 0.01, 0.001, 5, BINANCE_PERP),
];

function index(symbol: string, name: string, tz: string, currency: string, calendar: 'us-equity' | 'eurex', source: string): InstrumentSpec {
  return {
    symbol, name: `${name} (not tradable)`, kind: 'index', exchange: 'INDEX', exchangeTz: tz, tickSize: 0.01, pointValue: 1,
    currency, quantityStep: 1, lotSize: 1, unit: 'contract', commission: { kind: 'per_contract', perSide: 0 }, calendar, source,
  };
}

export const INDICES: readonly InstrumentSpec[] = [
  index('SPX', 'S&P 500 index', 'America/New_York', 'USD', 'us-equity', 'S&P Dow Jones Indices; for charts only'),
  index('NDX', 'Nasdaq-100 index', 'America/New_York', 'USD', 'us-equity', 'Nasdaq; for charts only'),
  index('SX5E', 'EURO STOXX 50 index', 'Europe/Berlin', 'EUR', 'eurex', 'STOXX; for charts only (Eurex hours approximate the index day)'),
];
