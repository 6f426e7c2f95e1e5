// Instruments (issue 13): the reviewed catalogue (instruments/catalogue-*.ts), the trader's own entries from
// config (`instruments:`), and the look-ups the importers, the CLI and the UI use. There is no silent fallback:
// an unknown symbol is an error that says how to define it.
import type { UserInstrument } from './config.ts';
import { CME_FUTURES, EUREX_FUTURES } from './instruments/catalogue-futures.ts';
import { CRYPTO, INDICES, SPOT_FX, US_EQUITIES, usEquity } from './instruments/catalogue-other.ts';
import type { InstrumentSpec } from './instruments/types.ts';

export * from './instruments/types.ts';
export { calendarFor } from './instruments/calendar.ts';

export const INSTRUMENTS: readonly InstrumentSpec[] = [
  ...CME_FUTURES, ...EUREX_FUTURES, ...US_EQUITIES, ...SPOT_FX, ...CRYPTO, ...INDICES,
];

const BY_SYMBOL = new Map(INSTRUMENTS.map((i) => [i.symbol, i]));

/** Futures month codes: ESZ13, ESZ3, ES_Z13, ESZ2013 → ES. */
const CONTRACT_MONTH = /^(.+?)[_ ]?[FGHJKMNQUVXZ](?:\d{1,2}|\d{4})$/;
/** The explicit US equity form: AAPL.US, BRK.B.US */
const US_TICKER = /^([A-Z][A-Z0-9.-]{0,9})\.US$/;

/** Root of a futures contract symbol when it names a future in `known`, else undefined. */
function futureRoot(s: string, known: (sym: string) => InstrumentSpec | undefined): InstrumentSpec | undefined {
  const m = CONTRACT_MONTH.exec(s);
  if (!m) return undefined;
  const spec = known(m[1]!);
  return spec?.kind === 'future' ? spec : undefined;
}

/**
 * A catalogue instrument by symbol (case-insensitive). Also understands a futures contract month (ESZ13, ESZ3,
 * ES_Z13 → ES) and US equities written TICKER.US (any ticker: AAPL.US → AAPL on US equity terms).
 */
export function findInstrument(symbol: string): InstrumentSpec | undefined {
  const s = symbol.trim().toUpperCase();
  const exact = BY_SYMBOL.get(s);
  if (exact) return exact;
  const us = US_TICKER.exec(s);
  if (us) {
    const known = BY_SYMBOL.get(us[1]!);
    return known?.kind === 'equity' ? known : usEquity(us[1]!, us[1]!, 'US');
  }
  return futureRoot(s, (x) => BY_SYMBOL.get(x));
}

const DEFAULTS: Record<UserInstrument['kind'], { step: number; lot: number; unit: InstrumentSpec['unit'] }> = {
  future: { step: 1, lot: 1, unit: 'contract' },
  equity: { step: 1, lot: 100, unit: 'share' },
  fx: { step: 1000, lot: 100_000, unit: 'unit' },
  crypto: { step: 0.001, lot: 1, unit: 'coin' },
};

/** A spec from a config entry; unset quantity step and lot size take the usual values of its kind. */
export function userInstrumentSpec(u: UserInstrument): InstrumentSpec {
  const d = DEFAULTS[u.kind];
  const c = u.commission;
  const commission: InstrumentSpec['commission'] =
    c.kind === 'per_contract' ? { kind: 'per_contract', perSide: c.per_side }
      : c.kind === 'per_share' ? { kind: 'per_share', perShare: c.per_share, minPerOrder: c.min_per_order, maxPctOfValue: c.max_pct_of_value }
        : { kind: 'bps', bps: c.bps, minPerOrder: c.min_per_order };
  return {
    symbol: u.symbol, name: u.name ?? u.symbol, kind: u.kind, exchange: u.exchange, exchangeTz: u.exchange_tz,
    tickSize: u.tick_size, pointValue: u.point_value, currency: u.currency,
    quantityStep: u.quantity_step ?? d.step, lotSize: u.lot_size ?? d.lot, unit: d.unit,
    commission, calendar: u.calendar, source: 'user config (instruments:)',
  };
}

/** The instrument for a symbol: the trader's config entries first (they override the catalogue), then the catalogue. */
export function resolveInstrument(symbol: string, user: readonly UserInstrument[] = []): InstrumentSpec | undefined {
  const s = symbol.trim().toUpperCase();
  const mine = (x: string) => {
    const u = user.find((e) => e.symbol === x);
    return u ? userInstrumentSpec(u) : undefined;
  };
  return mine(s) ?? (user.length ? futureRoot(s, mine) : undefined) ?? findInstrument(s);
}

// Longest symbols first so MNQ is not read as NQ; 1-letter tokens never name an instrument.
const BY_LENGTH = [...INSTRUMENTS].sort((a, b) => b.symbol.length - a.symbol.length);

/** Guess the instrument from a file name such as `NQ_1min_sample.csv`, `20131007_spy_Trade_Tick.csv`, `@CL - 30 min`. */
export function guessInstrumentFromName(fileName: string): InstrumentSpec | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const tokens = base.toUpperCase().split(/[^A-Z0-9]+/).filter((t) => t.length > 1);
  for (const tok of tokens) {
    for (const inst of BY_LENGTH) if (tok === inst.symbol) return inst;
  }
  // then two tokens as one symbol (`btc-perp-…` → BTC-PERP, `btc_usdt` → BTCUSDT), then a futures
  // contract code (`6EH4.XCME_1min_bars.csv` → 6E): both only ever name a catalogue entry
  for (let i = 0; i + 1 < tokens.length; i++) {
    const pair = [`${tokens[i]}-${tokens[i + 1]}`, `${tokens[i]}${tokens[i + 1]}`];
    const hit = BY_LENGTH.find((inst) => pair.includes(inst.symbol));
    if (hit) return hit;
  }
  for (const tok of tokens) {
    const f = findInstrument(tok);
    if (f?.kind === 'future' && f.symbol !== tok) return f;
  }
  return undefined;
}

/** Every catalogue symbol, in catalogue order. */
export function knownSymbols(): string[] {
  return INSTRUMENTS.map((i) => i.symbol);
}

/** What the CLI and the UI say when a symbol is neither in the catalogue nor in the config. */
export function unknownInstrumentMessage(symbol: string): string {
  const known = knownSymbols();
  return `unknown instrument ${symbol}. Known: ${known.join(', ')} (${known.length}); US equities as TICKER.US; `
    + 'define others under `instruments:` in config.yaml (symbol, kind, exchange_tz, tick_size, point_value, currency, calendar, commission)';
}
