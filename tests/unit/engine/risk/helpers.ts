// Shared fixtures for the risk, execution, trading and training tests: SPEC defaults, instruments
// written out here (not read from the catalogue, so these tests hold whatever it says), a clean account.
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../../src-shared/instruments/types.ts';
import type { AccountState } from '../../../../src-main/engine/risk/checks.ts';
import { proposeTrade, type Direction, type RiskConfig, type TradeProposal } from '../../../../src-main/engine/risk/sizing.ts';

export const CFG: RiskConfig = DEFAULT_CONFIG.risk;

const future = (symbol: string, tickSize: number, pointValue: number): InstrumentSpec => ({
  symbol, name: symbol, kind: 'future', exchange: 'CME', exchangeTz: 'America/Chicago', tickSize, pointValue, currency: 'USD',
  quantityStep: 1, lotSize: 1, unit: 'contract', commission: { kind: 'per_contract', perSide: null }, calendar: 'cme-globex', source: 'test fixture',
});
const equity = (symbol: string): InstrumentSpec => ({
  symbol, name: symbol, kind: 'equity', exchange: 'NYSE', exchangeTz: 'America/New_York', tickSize: 0.01, pointValue: 1, currency: 'USD',
  quantityStep: 1, lotSize: 100, unit: 'share', commission: { kind: 'per_share', perShare: 0.005, minPerOrder: 1, maxPctOfValue: 0.01 },
  calendar: 'us-equity', source: 'test fixture',
});

export const SPECS: Record<string, InstrumentSpec> = {
  ES: future('ES', 0.25, 50),
  MES: future('MES', 0.25, 5),
  NQ: future('NQ', 0.25, 20),
  CL: future('CL', 0.01, 1000),
  GC: future('GC', 0.1, 100),
  SPY: equity('SPY'),
  IBM: equity('IBM'),
  // quoted in JPY per USD: 1.0 of price on 1 unit (1 USD) is 1 JPY; 1,000-unit steps, 100,000-unit lots
  USDJPY: {
    symbol: 'USDJPY', name: 'USD/JPY', kind: 'fx', exchange: 'OTC FX', exchangeTz: 'America/New_York', tickSize: 0.001, pointValue: 1,
    currency: 'JPY', quantityStep: 1000, lotSize: 100_000, unit: 'unit', commission: { kind: 'bps', bps: 0.2, minPerOrder: 0 },
    calendar: 'fx-24x5', source: 'test fixture',
  },
  BTCUSDT: {
    symbol: 'BTCUSDT', name: 'BTC perpetual', kind: 'crypto', exchange: 'BINANCE', exchangeTz: 'UTC', tickSize: 0.1, pointValue: 1,
    currency: 'USDT', quantityStep: 0.001, lotSize: 1, unit: 'coin', commission: { kind: 'bps', bps: 5, minPerOrder: 0 },
    calendar: 'crypto-24x7', source: 'test fixture',
  },
  SPX: {
    symbol: 'SPX', name: 'S&P 500 index', kind: 'index', exchange: 'CBOE', exchangeTz: 'America/New_York', tickSize: 0.01, pointValue: 1,
    currency: 'USD', quantityStep: 1, lotSize: 1, unit: 'unit', commission: { kind: 'per_contract', perSide: 0 }, calendar: 'us-equity', source: 'test fixture',
  },
};

export function inst(symbol: string): InstrumentSpec {
  const spec = SPECS[symbol];
  if (!spec) throw new Error(`no fixture ${symbol}`);
  return spec;
}

export function propose(symbol: string, direction: Direction, entry: number, atr: number,
  over: { cfg?: Partial<RiskConfig>; equity?: number; spec?: Partial<InstrumentSpec> } = {}): TradeProposal {
  return proposeTrade({ direction, entry, atr, spec: { ...inst(symbol), ...over.spec }, cfg: { ...CFG, ...over.cfg }, equity: over.equity ?? 100_000 });
}

/** R13's ES long: entry 5000, ATR 2.5 → stop 4995, target 5007.5, 4 contracts, risk 1,000. */
export const esLong = (): TradeProposal => propose('ES', 1, 5000, 2.5);

export const flatAccount = (over: Partial<AccountState> = {}): AccountState => ({
  equity: 100_000, sessionStartEquity: 100_000, peakEquity: 100_000, dayPnl: 0,
  tradesToday: 0, consecutiveLosses: 0, openPositions: 0, killSwitch: false, ...over,
});
