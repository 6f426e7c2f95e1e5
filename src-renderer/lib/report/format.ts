// How the Report panel words its numbers: R multiples, rates, money in the run's currency, 95 %
// intervals, and '—' for a metric the data leaves undefined (with the report's note as the reason).
import { TIMEFRAME_MINUTES, type Timeframe } from '../../../src-shared/domain/bars.ts';

export type Ci = readonly [number, number] | null;

const MINUS = '−';
const sign = (n: number, signed: boolean): string => (n < 0 ? MINUS : signed && n > 0 ? '+' : '');
const ok = (n: number | null | undefined): n is number => n !== null && n !== undefined && Number.isFinite(n);

/** 0.234 → `+0.23R`; null → `—` */
export function fmtR(n: number | null | undefined, signed = true): string {
  return ok(n) ? `${sign(n, signed)}${Math.abs(n).toFixed(2)}R` : '—';
}

/** a fraction as a percentage: 0.4567 → `45.7 %` */
export function fmtFrac(n: number | null | undefined): string {
  return ok(n) ? `${(n * 100).toFixed(1)} %` : '—';
}

/** a value that already is a percentage: 12.345 → `12.3 %` */
export function fmtPct(n: number | null | undefined): string {
  return ok(n) ? `${sign(n, false)}${Math.abs(n).toFixed(1)} %` : '—';
}

/** a plain ratio (profit factor, Sharpe): 1.234 → `1.23` */
export function fmtRatio(n: number | null | undefined): string {
  return ok(n) ? `${sign(n, false)}${Math.abs(n).toFixed(2)}` : '—';
}

/** money in the run's currency: `−1,234.50 USD`; `signed` adds a + to gains */
export function fmtCash(n: number | null | undefined, currency: string, signed = false): string {
  if (!ok(n)) return '—';
  const s = Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${sign(n, signed)}${s}${currency ? ` ${currency}` : ''}`;
}

/** a 95 % interval with the value's own formatter: `[−0.12R, +0.40R]`; '' when there is none */
export function fmtCi(ci: Ci | undefined, fmt: (n: number) => string): string {
  return ci ? `[${fmt(ci[0])}, ${fmt(ci[1])}]` : '';
}

/** Does the interval exclude 0 (the effect is distinguishable from none at 95 %)? */
export function ciExcludesZero(ci: Ci | undefined): boolean {
  return !!ci && (ci[0] > 0 || ci[1] < 0);
}

/** mean step bars per trade as bars and market time: `6.2 bars · 31 min` */
export function fmtBarsHeld(bars: number | null | undefined, timeframe: string): string {
  if (!ok(bars)) return '—';
  const tf = TIMEFRAME_MINUTES[timeframe as Timeframe] as number | undefined;
  const b = `${bars.toFixed(1)} bar${bars === 1 ? '' : 's'}`;
  if (!tf) return b;
  const min = bars * tf;
  return `${b} · ${min >= 120 ? `${(min / 60).toFixed(1)} h` : `${Math.round(min)} min`}`;
}

/** Words that point a metric at the report notes that explain it. */
const NOTE_WORDS: Record<string, RegExp> = {
  trades: /\btrades?\b|round trip/i,
  win_rate: /win rate|\btrades?\b/i,
  expectancy_r: /expectancy|\bR\b|risk/i,
  expectancy_money: /expectancy|\btrades?\b/i,
  profit_factor: /profit factor/i,
  sharpe: /sharpe/i,
  sortino: /sortino/i,
  interval: /interval|bootstrap/i,
  calibration: /calibration/i,
  baseline: /baseline|synerg|re-?trad/i,
  value_added: /value added|baseline|selected|synerg|interval/i,
};
/** a note that says why something is missing (not one that only describes a method) */
const SAYS_WHY = /undefined|\bneed|\bnot\b|\bno\b|without|fewer|too few/i;

/** Why a metric is '—': the notes that mention it (those saying why first), else a generic reason. */
export function nullReason(notes: readonly string[], metric: string): string {
  const re = NOTE_WORDS[metric];
  const hits = re ? notes.filter((n) => re.test(n)) : [];
  const why = hits.filter((n) => SAYS_WHY.test(n));
  return (why.length ? why : hits).join('\n') || 'undefined on this run\'s data (see the notes)';
}

/** `YYYY-MM-DD` of a UTC ms (run dates in the picker; the exchange zone is not needed at that grain) */
export function fmtDate(ms: number | null | undefined): string {
  return ok(ms) ? new Date(ms).toISOString().slice(0, 10) : '—';
}

/** `YYYY-MM-DD HH:MM` UTC */
export function fmtDateTime(ms: number | null | undefined): string {
  return ok(ms) ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : '—';
}

/** A run in the pickers: `#12 · ES · 5m · active · 2026-12-07 05:31 · 7 synergies · 4 fills` */
export function runLabel(r: { id: number; symbol: string; timeframe: string; profile: string; created_at: number; synergies: number; fills: number },
  currentId: number | null): string {
  const cur = r.id === currentId ? ' (current)' : '';
  return `#${r.id} · ${r.symbol} · ${r.timeframe} · ${r.profile} · ${fmtDateTime(r.created_at)} · ${r.synergies} synerg${r.synergies === 1 ? 'y' : 'ies'} · ${r.fills} fill${r.fills === 1 ? '' : 's'}${cur}`;
}
