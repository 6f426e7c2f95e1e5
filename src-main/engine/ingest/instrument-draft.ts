// Guesses for an instrument neither the catalogue nor the config knows (issue 13): the import stores
// nothing and offers these as prefills of the definition the trader must confirm.
import { kindDefaults, type InstrumentDraft } from '../../../src-shared/ipc-instruments.ts';
import type { FeedChunk } from '../../../src-shared/domain/chunks.ts';

/** Name parts that say what a file holds, not which market. */
const NOT_SYMBOLS = new Set(['MIN', 'MINS', 'MINUTE', 'MINUTES', 'HOUR', 'DAY', 'DAILY', 'WEEK', 'MONTH', 'TICK', 'TICKS', 'TRADE', 'TRADES',
  'QUOTE', 'QUOTES', 'BAR', 'BARS', 'OHLC', 'OHLCV', 'KLINES', 'SAMPLE', 'DATA', 'CSV', 'TXT', 'ZIP', 'GZ', 'VOLUME', 'ETH', 'RTH', 'BIDASK']);
const FIAT = new Set(['USD', 'EUR', 'JPY', 'GBP', 'CHF', 'AUD', 'CAD', 'NZD', 'SEK', 'NOK', 'DKK', 'HKD', 'SGD', 'MXN', 'ZAR', 'CNH', 'TRY', 'PLN']);
const CRYPTO_QUOTES = ['USDT', 'USDC', 'BUSD', 'BTC', 'ETH', 'BNB'];

/** The first name part that reads like a ticker: `ADABTC-1m-2021-11-28.csv` → ADABTC; none in `2006-min-005.txt`. */
export function symbolFromFileName(file: string): string | null {
  const base = (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]*$/, '');
  for (const tok of base.toUpperCase().split(/[^A-Z0-9]+/)) {
    if (/^[A-Z][A-Z0-9]{0,23}$/.test(tok) && /[A-Z]{2}/.test(tok) && !NOT_SYMBOLS.has(tok)) return tok;
  }
  return null;
}

/** Decimals of a price, up to 10 (1e-8 BTC prices have 8). */
function decimalsOf(x: number): number {
  for (let d = 0; d <= 10; d++) {
    const s = x * 10 ** d;
    if (Math.abs(s - Math.round(s)) <= 1e-9 * Math.max(1, Math.abs(s))) return d;
  }
  return 10;
}

/** The finest price step the first rows show: 3578.73 → 0.01, 0.00002817 → 1e-8. */
export function tickFromChunk(chunk: FeedChunk, rows = 200): number | null {
  const cols = chunk.kind === 'ticks' ? [chunk.price] : [chunk.o, chunk.h, chunk.l, chunk.c];
  let d = -1;
  for (let i = 0; i < Math.min(rows, chunk.n); i++) for (const c of cols) d = Math.max(d, decimalsOf(c[i]!));
  return d < 0 ? null : Number((10 ** -d).toFixed(d));
}

type Guess = Pick<InstrumentDraft, 'kind' | 'currency' | 'exchange'>;

/** FX pairs (EURUSD) and crypto pairs (ADABTC, BTCUSDT) name their quote currency. */
export function guessFromSymbol(symbol: string | null, path: string): Guess {
  const none: Guess = { kind: null, currency: null, exchange: null };
  if (!symbol) return none;
  if (symbol.length === 6 && FIAT.has(symbol.slice(0, 3)) && FIAT.has(symbol.slice(3))) {
    return { kind: 'fx', currency: symbol.slice(3), exchange: 'OTC FX' };
  }
  const quote = CRYPTO_QUOTES.find((q) => symbol.length > q.length + 1 && symbol.endsWith(q));
  if (quote) return { kind: 'crypto', currency: quote, exchange: /binance/i.test(path) ? 'BINANCE' : null };
  return none;
}

export function instrumentDraft(path: string, file: string, sourceTz: string, first: FeedChunk | null, symbol?: string | null): InstrumentDraft {
  const sym = symbol ?? symbolFromFileName(file);
  const g = guessFromSymbol(sym, path);
  return {
    symbol: sym, kind: g.kind, exchange: g.exchange, exchange_tz: sourceTz,
    tick_size: first ? tickFromChunk(first) : null,
    // no currency from a zone: a New York clock is also the default when a file states none
    currency: g.currency,
    ...(g.kind ? kindDefaults(g.kind) : { calendar: null, commission: null, point_value: null }),
  };
}
