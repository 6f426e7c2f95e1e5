// Reviewed futures specs (issue 13). Every figure is the exchange's contract spec: tick = minimum price
// fluctuation, pointValue = money per 1.0 of quoted price (contract unit). Commission null = exec.commission_per_contract.
import type { CalendarId, InstrumentSpec } from './types.ts';

const CME_SPECS = 'https://www.cmegroup.com/markets/';

interface FutureRow {
  symbol: string;
  name: string;
  exchange: string;
  tickSize: number;
  pointValue: number;
  calendar: CalendarId;
  /** contract-spec page below cmegroup.com/markets/ (CME Group) or a full URL */
  page: string;
}

function cmeFuture(r: FutureRow): InstrumentSpec {
  return {
    symbol: r.symbol, name: r.name, kind: 'future', exchange: r.exchange, exchangeTz: 'America/Chicago',
    tickSize: r.tickSize, pointValue: r.pointValue, currency: 'USD', quantityStep: 1, lotSize: 1, unit: 'contract',
    commission: { kind: 'per_contract', perSide: null }, calendar: r.calendar,
    // LEAN's market-hours database stores CME-group futures data in UTC.
    dataTz: { lean: 'UTC' },
    source: `CME Group contract specs: ${CME_SPECS}${r.page}.contractSpecs.html`,
  };
}

const eq = (symbol: string, name: string, exchange: string, tickSize: number, pointValue: number, page: string) =>
  cmeFuture({ symbol, name, exchange, tickSize, pointValue, calendar: 'cme-equity', page });
const gx = (symbol: string, name: string, exchange: string, tickSize: number, pointValue: number, page: string) =>
  cmeFuture({ symbol, name, exchange, tickSize, pointValue, calendar: 'cme-globex', page });
const gr = (symbol: string, name: string, page: string) =>
  // Grains are quoted in US cents per bushel: 5,000 bu → $50 per cent, tick ¼ cent = $12.50.
  cmeFuture({ symbol, name: `${name} (cents/bushel)`, exchange: 'CBOT', tickSize: 0.25, pointValue: 50, calendar: 'cme-grains', page });

export const CME_FUTURES: readonly InstrumentSpec[] = [
  // Equity index: tick value ES $12.50, MES $1.25, NQ $5, MNQ $0.50, YM $5, MYM $0.50, RTY $5, M2K $0.50.
  eq('ES', 'E-mini S&P 500', 'CME', 0.25, 50, 'equities/sp/e-mini-sandp500'),
  eq('MES', 'Micro E-mini S&P 500', 'CME', 0.25, 5, 'equities/sp/micro-e-mini-sandp-500'),
  eq('NQ', 'E-mini Nasdaq-100', 'CME', 0.25, 20, 'equities/nasdaq/e-mini-nasdaq-100'),
  eq('MNQ', 'Micro E-mini Nasdaq-100', 'CME', 0.25, 2, 'equities/nasdaq/micro-e-mini-nasdaq-100'),
  eq('YM', 'E-mini Dow ($5)', 'CBOT', 1, 5, 'equities/dow-jones/e-mini-dow'),
  eq('MYM', 'Micro E-mini Dow', 'CBOT', 1, 0.5, 'equities/dow-jones/micro-e-mini-dow'),
  eq('RTY', 'E-mini Russell 2000', 'CME', 0.1, 50, 'equities/russell/e-mini-russell-2000'),
  eq('M2K', 'Micro E-mini Russell 2000', 'CME', 0.1, 5, 'equities/russell/micro-e-mini-russell-2000'),
  // Energy and metals: CL 1,000 bbl ($10 a tick), NG 10,000 MMBtu ($10), GC 100 oz ($10), SI 5,000 oz ($25), HG 25,000 lb ($12.50).
  gx('CL', 'Crude Oil (WTI)', 'NYMEX', 0.01, 1000, 'energy/crude-oil/light-sweet-crude'),
  gx('MCL', 'Micro WTI Crude Oil', 'NYMEX', 0.01, 100, 'energy/crude-oil/micro-wti-crude-oil'),
  gx('NG', 'Henry Hub Natural Gas', 'NYMEX', 0.001, 10_000, 'energy/natural-gas/natural-gas'),
  gx('GC', 'Gold', 'COMEX', 0.1, 100, 'metals/precious/gold'),
  gx('MGC', 'Micro Gold', 'COMEX', 0.1, 10, 'metals/precious/e-micro-gold'),
  gx('SI', 'Silver', 'COMEX', 0.005, 5000, 'metals/precious/silver'),
  gx('HG', 'Copper', 'COMEX', 0.0005, 25_000, 'metals/base/copper'),
  // Treasuries: $100,000 face, price in points of par → $1,000 a point. ZB tick 1/32 ($31.25),
  // ZN ½ of 1/32 ($15.625), ZF ¼ of 1/32 ($7.8125).
  gx('ZB', 'U.S. Treasury Bond', 'CBOT', 1 / 32, 1000, 'interest-rates/us-treasury/30-year-us-treasury-bond'),
  gx('ZN', '10-Year U.S. Treasury Note', 'CBOT', 1 / 64, 1000, 'interest-rates/us-treasury/10-year-us-treasury-note'),
  gx('ZF', '5-Year U.S. Treasury Note', 'CBOT', 1 / 128, 1000, 'interest-rates/us-treasury/5-year-us-treasury-note'),
  gr('ZC', 'Corn', 'agriculture/grains/corn'),
  gr('ZS', 'Soybeans', 'agriculture/oilseeds/soybean'),
  gr('ZW', 'Chicago SRW Wheat', 'agriculture/grains/wheat'),
  // FX futures, quoted in USD per unit of the foreign currency: 6E €125,000 (tick $6.25), 6J ¥12,500,000 ($6.25),
  // 6B £62,500 ($6.25), 6A A$100,000 ($5), 6C C$100,000 ($5).
  gx('6E', 'Euro FX', 'CME', 0.00005, 125_000, 'fx/g10/euro-fx'),
  gx('6J', 'Japanese Yen', 'CME', 0.0000005, 12_500_000, 'fx/g10/japanese-yen'),
  gx('6B', 'British Pound', 'CME', 0.0001, 62_500, 'fx/g10/british-pound'),
  gx('6A', 'Australian Dollar', 'CME', 0.00005, 100_000, 'fx/g10/australian-dollar'),
  gx('6C', 'Canadian Dollar', 'CME', 0.00005, 100_000, 'fx/g10/canadian-dollar'),
];

function eurexFuture(symbol: string, name: string, tickSize: number, pointValue: number, source: string): InstrumentSpec {
  return {
    symbol, name, kind: 'future', exchange: 'EUREX', exchangeTz: 'Europe/Berlin', tickSize, pointValue, currency: 'EUR',
    quantityStep: 1, lotSize: 1, unit: 'contract', commission: { kind: 'per_contract', perSide: null }, calendar: 'eurex',
    // LEAN stores Eurex data in exchange time.
    dataTz: { lean: 'Europe/Berlin' }, source,
  };
}

export const EUREX_FUTURES: readonly InstrumentSpec[] = [
  eurexFuture('FESX', 'EURO STOXX 50 Index Futures', 1, 10,
    'Eurex product page: https://www.eurex.com/ex-en/markets/idx/stx/euro-stoxx-50-derivatives (EUR 10 per index point, tick 1 point)'),
  // FDAX ticked 0.5 points (EUR 12.50) for years; the current Eurex spec is 1 point = EUR 25.
  eurexFuture('FDAX', 'DAX Futures', 1, 25,
    'Eurex product page: https://www.eurex.com/ex-en/markets/idx/dax (EUR 25 per index point, minimum change 1 point = EUR 25)'),
  eurexFuture('FDXM', 'Mini-DAX Futures', 1, 5,
    'Eurex product page: https://www.eurex.com/ex-en/markets/idx/dax (EUR 5 per index point, tick 1 point)'),
  eurexFuture('FGBL', 'Euro-Bund Futures', 0.01, 1000,
    'Eurex product page: https://www.eurex.com/ex-en/markets/int/fix/government-bonds/Euro-Bund-Futures-137298 (EUR 100,000 face, tick 0.01 = EUR 10)'),
];
