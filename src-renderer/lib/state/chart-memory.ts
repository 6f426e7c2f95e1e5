// The symbol and timeframe the chart showed last, kept in localStorage: a reload (or the next start of
// the desktop app) shows them again.
import { TIMEFRAMES, type Timeframe } from '../../../src-shared/domain/bars.ts';

const STORAGE_KEY = 'algospace.chart';

export function rememberView(symbol: string, timeframe: Timeframe): void {
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify({ symbol, timeframe })); } catch { /* storage full or blocked */ }
}

/** The symbol and timeframe shown last (null where nothing valid is stored). */
export function rememberedView(): { symbol: string | null; timeframe: Timeframe | null } {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    return {
      symbol: typeof r.symbol === 'string' ? r.symbol : null,
      timeframe: TIMEFRAMES.includes(r.timeframe as Timeframe) ? (r.timeframe as Timeframe) : null,
    };
  } catch {
    return { symbol: null, timeframe: null }; // no storage or bad JSON
  }
}
