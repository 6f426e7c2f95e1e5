// Daily returns of the marked-to-market equity and the ratios built on them. A day's equity is the last
// mark of its trading day (the instrument's calendar: the session's day, as the risk limits count it;
// without a calendar, the date in the exchange zone); the first day's return is against the start
// equity. Annualised with √252 whatever the market (a crypto week has 7 days: stated in a note).
import type { TradingCalendar } from '../../../src-shared/instruments/types.ts';
import { zone } from '../../../src-shared/time.ts';

const DAY_MS = 86_400_000;
/** below this a daily sd is float noise (returns of identical days), not spread */
const TINY = 1e-12;

export interface DailyRatios {
  days: number;
  returns: number[];
  /** mean / sample sd · √252 */
  sharpe: number | null;
  /** mean / downside deviation · √252; downside deviation = √(mean over all days of min(r, 0)²) */
  sortino: number | null;
  notes: string[];
}

/** Trading day of a time: the calendar's, else the date in the exchange zone. */
export function dayOf(calendar: TradingCalendar | null, exchangeTz: string): (t: number) => number {
  if (calendar) return (t) => calendar.tradingDay(t);
  const z = zone(exchangeTz);
  return (t) => Math.floor(z.toLocal(t) / DAY_MS);
}

/** The last equity of each day, in order. */
export function dailyCloses(t: readonly number[], equity: readonly number[], day: (t: number) => number): number[] {
  const out: number[] = [];
  let cur: number | null = null;
  for (let i = 0; i < t.length; i++) {
    const d = day(t[i]!);
    if (d !== cur) {
      out.push(equity[i]!);
      cur = d;
    } else out[out.length - 1] = equity[i]!;
  }
  return out;
}

export function dailyRatios(start: number, closes: readonly number[]): DailyRatios {
  const returns: number[] = [];
  let prev = start;
  for (const c of closes) {
    returns.push(prev !== 0 ? c / prev - 1 : 0);
    prev = c;
  }
  const notes: string[] = [];
  const n = returns.length;
  if (n < 2) {
    notes.push(`Sharpe and Sortino need at least 2 trading days; the run spans ${n}`);
    return { days: n, returns, sharpe: null, sortino: null, notes };
  }
  const mean = returns.reduce((a, r) => a + r, 0) / n;
  const sd = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1));
  const down = Math.sqrt(returns.reduce((a, r) => a + Math.min(r, 0) ** 2, 0) / n);
  const ann = Math.sqrt(252);
  const sharpe = sd > TINY ? (mean / sd) * ann : null;
  const sortino = down > TINY ? (mean / down) * ann : null;
  if (sharpe === null) notes.push('Sharpe undefined: the daily returns do not vary (no trade, or flat days only)');
  if (sortino === null) notes.push('Sortino undefined: no day lost money');
  return { days: n, returns, sharpe, sortino, notes };
}
