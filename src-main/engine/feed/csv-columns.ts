// Header names → column roles. Names are compared lower-case with non-alphanumerics removed,
// then with doubled letters collapsed (`Llow` → low), then within one edit for the price names.

export type Role = 'time' | 'date' | 'clock' | 'open' | 'high' | 'low' | 'close' | 'volume'
  | 'price' | 'size' | 'bid' | 'ask' | 'action' | 'symbol';

/** Aliases per role, most specific first; for 'time' the order is also the priority among several stamp columns. */
const ALIASES: Record<Role, string[]> = {
  time: ['timestamp', 'timestamputc', 'datetime', 'datetimeutc', 'tseventutc', 'tsevent', 'tseventns',
    'timestampms', 'timestampus', 'timestampns', 'timeutc', 'gmttime', 'localtime', 'tradetime', 'ts', 'opentime'],
  date: ['date', 'dateutc', 'day', 'tradedate'],
  clock: ['time', 'timeofday', 'hhmmss'],
  open: ['open', 'o', 'openprice', 'opn', 'first'],
  high: ['high', 'h', 'highprice', 'hi', 'max'],
  low: ['low', 'l', 'lowprice', 'lo', 'min'],
  close: ['close', 'c', 'closeprice', 'cl'],
  volume: ['volume', 'vol', 'v', 'totalvolume', 'tickvolume', 'size', 'qty', 'quantity', 'amount', 'basevolume'],
  price: ['price', 'last', 'lastprice', 'px', 'tradeprice', 'p', 'rate'],
  size: ['size', 'volume', 'qty', 'quantity', 'amount', 'vol', 'sz', 'lastsize', 'tradesize', 'v', 'q'],
  bid: ['bid', 'bidpx', 'bidprice', 'bestbid', 'bidpx00'],
  ask: ['ask', 'askpx', 'askprice', 'bestask', 'askpx00', 'offer'],
  action: ['action'],
  symbol: ['symbol', 'ticker', 'instrument', 'sym'],
};

/** Names that are known and must never be fuzzy-matched to a price role (e.g. side ≈ size). */
const OTHER = new Set(['side', 'id', 'type', 'cost', 'exchange', 'flags', 'depth', 'sequence', 'openinterest',
  'adjclose', 'instrumentid', 'tsrecvns', 'localtimestamp', 'trades', 'pricetype', 'index', 'unnamed0']);

const FUZZY: Role[] = ['open', 'high', 'low', 'close', 'volume', 'price'];

export const norm = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
/** A column name is short: a longer field is no name, and the regex on megabytes of one character overflows the stack. */
const MAX_NAME = 64;
const collapse = (n: string): string => (n.length > MAX_NAME ? n : n.replace(/(.)\1+/g, '$1'));

/** Optimal string alignment distance ≤ 1 (one insertion, deletion, substitution or swap). */
function within1(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function isKnownName(name: string): boolean {
  if (name.length > MAX_NAME) return false;
  const n = norm(name);
  if (!n) return false;
  return OTHER.has(n) || Object.values(ALIASES).some((list) => list.includes(n) || list.includes(collapse(n)));
}

/**
 * Map header names to roles. A column is used by at most one role, except that volume/size
 * share their aliases (only one of the two is used, by kind). Returns role → column index.
 */
export function mapColumns(names: string[]): Partial<Record<Role, number>> {
  const out: Partial<Record<Role, number>> = {};
  const normed = names.map(norm);
  const taken = new Set<number>();
  // volume (bars) and size (ticks) share aliases: they may point at the same column
  const shared = (role: Role): boolean => role === 'volume' || role === 'size';
  const pick = (role: Role, key: (n: string) => string): void => {
    if (out[role] !== undefined) return;
    for (const alias of ALIASES[role]) {
      for (let j = 0; j < normed.length; j++) {
        if (taken.has(j) || !normed[j] || key(normed[j]!) !== alias) continue;
        out[role] = j;
        if (!shared(role)) taken.add(j);
        return;
      }
    }
  };
  const roles = Object.keys(ALIASES) as Role[];
  for (const role of roles) pick(role, (n) => n);
  for (const role of roles) pick(role, collapse);
  for (const role of FUZZY) {
    if (out[role] !== undefined) continue;
    const target = ALIASES[role][0]!;
    for (let j = 0; j < normed.length; j++) {
      const n = normed[j]!;
      if (taken.has(j) || n.length < 4 || isKnownName(n)) continue;
      if (within1(collapse(n), target)) { out[role] = j; taken.add(j); break; }
    }
  }
  return out;
}
