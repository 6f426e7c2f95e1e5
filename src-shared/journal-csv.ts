// The decision journal as CSV (RFC 4180 quoting), one row per decision: used by the CLI's `journal`
// and by the app's CSV export, so both give the same columns (JOURNAL_COLUMNS, stable).
import { JOURNAL_COLUMNS, type DecisionView } from './trading.ts';

export interface JournalEntry {
  decision: DecisionView;
  entry: { t: number; price: number; stop?: number | null; target?: number | null } | null;
  exit: { t: number; price: number; kind: string; pnl: number | null; pnl_native?: number | null; currency?: string | null } | null;
}

const iso = (t: number | null | undefined): string => (t === null || t === undefined ? '' : new Date(t).toISOString());

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function journalRow(j: JournalEntry): string[] {
  const d = j.decision;
  const values: Record<(typeof JOURNAL_COLUMNS)[number], unknown> = {
    decision_id: d.id, run_id: d.run_id, time: iso(d.t), symbol: d.symbol, pattern: d.pattern,
    direction: d.direction > 0 ? 'long' : 'short', path: d.path, p: d.p, threshold: d.threshold,
    entry: d.entry, stop: d.stop, target: d.target, size: d.size, risk_money: d.risk_money, status: d.status,
    action: d.action, action_reason: d.action_reason, action_wall_time: iso(d.action_wall_t),
    risk_reasons: d.risk_reasons.join('; '), entry_fill_time: iso(j.entry?.t), entry_fill_price: j.entry?.price,
    exit_fill_time: iso(j.exit?.t), exit_fill_price: j.exit?.price, exit_kind: j.exit?.kind, pnl: j.exit?.pnl,
    shown_hash: d.shown_hash, entry_stop: j.entry?.stop, entry_target: j.entry?.target,
    pnl_instrument: j.exit?.pnl_native, instrument_currency: j.exit?.currency,
  };
  return JOURNAL_COLUMNS.map((c) => cell(values[c]));
}

export function journalCsv(rows: readonly JournalEntry[]): string {
  return [JOURNAL_COLUMNS.join(','), ...rows.map((r) => journalRow(r).join(','))].join('\n') + '\n';
}
