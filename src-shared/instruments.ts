// Instrument specs: exchange time zone, tick size and money per point (SPEC §1.2, issue 6).
export interface InstrumentSpec {
  symbol: string;
  name: string;
  kind: 'future' | 'equity' | 'other';
  /** exchange time zone: bars are aligned to the clock here */
  exchangeTz: string;
  tickSize: number;
  pointValue: number;
}

const cme = (symbol: string, name: string, tickSize: number, pointValue: number): InstrumentSpec =>
  ({ symbol, name, kind: 'future', exchangeTz: 'America/Chicago', tickSize, pointValue });
const usEquity = (symbol: string, name: string): InstrumentSpec =>
  ({ symbol, name, kind: 'equity', exchangeTz: 'America/New_York', tickSize: 0.01, pointValue: 1 });

export const INSTRUMENTS: readonly InstrumentSpec[] = [
  cme('ES', 'E-mini S&P 500', 0.25, 50),
  cme('MES', 'Micro E-mini S&P 500', 0.25, 5),
  cme('NQ', 'E-mini Nasdaq-100', 0.25, 20),
  cme('MNQ', 'Micro E-mini Nasdaq-100', 0.25, 2),
  cme('CL', 'Crude Oil', 0.01, 1000),
  cme('GC', 'Gold', 0.1, 100),
  usEquity('SPY', 'SPDR S&P 500 ETF'),
  usEquity('IBM', 'IBM'),
];

export function findInstrument(symbol: string): InstrumentSpec | undefined {
  const s = symbol.toUpperCase();
  return INSTRUMENTS.find((i) => i.symbol === s);
}

/** A spec for a symbol we do not know: aligned in the source zone, one-cent ticks, $1 a point. */
export function genericInstrument(symbol: string, tz: string): InstrumentSpec {
  return { symbol: symbol.toUpperCase(), name: symbol.toUpperCase(), kind: 'other', exchangeTz: tz, tickSize: 0.01, pointValue: 1 };
}

/** Guess the instrument from a file name such as `NQ_1min_sample.csv`, `20131007_spy_Trade_Tick.csv`, `@CL - 30 min`. */
export function guessInstrumentFromName(fileName: string): InstrumentSpec | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const tokens = base.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  // Longest symbols first so MNQ is not read as NQ.
  const bySize = [...INSTRUMENTS].sort((a, b) => b.symbol.length - a.symbol.length);
  for (const tok of tokens) {
    for (const inst of bySize) if (tok === inst.symbol) return inst;
  }
  return undefined;
}
