// How the trading panels word and colour decisions, money and time left.
import type { DecisionStatus, DecisionView } from '../../../src-shared/trading.ts';

/** one decision step: approval_expiry_bars counts 5-minute bars of market time */
export const STEP_MS = 300_000;

export const STATUS_LABEL: Record<DecisionStatus, string> = {
  pending: 'pending', approved: 'approved', rejected: 'rejected', rejected_by_risk: 'rejected by risk', expired: 'expired',
};

/** marker and chip colours per status (kept apart from the candle colours the E2E tests count) */
export const STATUS_COLOR: Record<DecisionStatus, string> = {
  pending: '#e3b341', approved: '#3fb950', rejected: '#f85149', rejected_by_risk: '#db6d28', expired: '#8b949e',
};

export const dirLabel = (d: 1 | -1): string => (d > 0 ? 'Long' : 'Short');
export const dirArrow = (d: 1 | -1): string => (d > 0 ? '▲' : '▼');

/** 1234.5 → `1,234.50`; with `signed`, `+1,234.50` / `−12.00` */
export function fmtMoney(n: number | null | undefined, signed = false): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const s = Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (!signed) return n < 0 ? `−${s}` : s;
  return n > 0 ? `+${s}` : n < 0 ? `−${s}` : s;
}

export const pnlClass = (n: number | null | undefined): string => (n === null || n === undefined || n === 0 ? '' : n > 0 ? 'pos' : 'neg');

export function fmtProb(p: number | null): string {
  return p === null ? '—' : p.toFixed(2);
}

/** Bars and market minutes until a pending decision expires, at replay clock `now`. */
export function timeLeft(d: DecisionView, now: number | null): { bars: number; minutes: number } | null {
  if (d.expires_t === null || now === null) return null;
  const ms = Math.max(0, d.expires_t - now);
  return { bars: Math.ceil(ms / STEP_MS), minutes: Math.ceil(ms / 60_000) };
}

/** Why the decision was made: the model's probability against its threshold, or the rule path's reason. */
export function pathText(d: DecisionView): string {
  const p = d.p === null ? '' : `p ${fmtProb(d.p)} vs threshold ${d.threshold.toFixed(2)}`;
  return d.path === 'model' ? `model: ${p || 'no probability'}` : `rule: ${d.reason}${p ? ` (model ${p})` : ''}`;
}

/** The settled decision's "why": risk reasons, the trader's reason, or how it ended. */
export function outcomeText(d: DecisionView): string {
  if (d.status === 'rejected_by_risk') return d.risk_reasons.join('; ') || 'refused by a risk check';
  if (d.action_reason) return d.action_reason;
  if (d.action === 'auto_approve') return 'auto-approved (paper)';
  return '';
}
