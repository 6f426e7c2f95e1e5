// No future, ever: while a replay of a symbol is loaded, everything the renderer can get about that
// symbol is at or before the replay clock — stored bars and indicator values whose bar has ended by
// then, FVG zones as they stood then, markers and journal rows of decisions made by then. The data is
// stored for the whole history (imports compute it all); this is where reads are cut at the clock.
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { FvgZone } from '../../src-shared/ipc.ts';
import type { JournalRow } from '../store/trading.ts';

const M5 = 300_000;

/**
 * The end (exclusive) of the bar starts a read may ask for, within `to`: bars of `tfMs` that have ended
 * by the clock `until`, i.e. start a whole bar before it; undefined when neither bounds them.
 */
export function knownEnd(to: number | undefined, tfMs: number, until: number): number | undefined {
  const end = Math.min(to ?? Infinity, until - tfMs + 1);
  return Number.isFinite(end) ? end : undefined;
}

/** Bars of `tfMs` that have ended by `until` (a bar is known at its end). */
export function barsUntil(cols: BarColumns, tfMs: number, until: number): BarColumns {
  let n = cols.t.length;
  while (n > 0 && cols.t[n - 1]! + tfMs > until) n--;
  if (n === cols.t.length) return cols;
  return { t: cols.t.slice(0, n), o: cols.o.slice(0, n), h: cols.h.slice(0, n), l: cols.l.slice(0, n), c: cols.c.slice(0, n), v: cols.v.slice(0, n) };
}

/** Zones flagged by `until`, as they stood then: one that ended later is still active. */
export function zonesUntil(zones: readonly FvgZone[], until: number): FvgZone[] {
  const out: FvgZone[] = [];
  for (const z of zones) {
    if (z.from + M5 > until) continue;
    out.push(z.to !== null && z.to + M5 > until ? { ...z, to: null, end: null } : z);
  }
  return out;
}

/** The newest `limit` rows of those known by `until` (rows in time order, each known at `t + tfMs`). */
export function rowsUntil<T extends { t: number }>(rows: readonly T[], tfMs: number, until: number): T[] {
  let n = rows.length;
  while (n > 0 && rows[n - 1]!.t + tfMs > until) n--;
  return n === rows.length ? [...rows] : rows.slice(0, n);
}

/**
 * A journal row as it stood at `until`: null for a decision made later; fills after it left out; a
 * decision that expired after it still pending (approvals and risk rejections happen at the decision's
 * own time, expiry is the one settlement that comes later).
 */
export function journalRowAt(r: JournalRow, until: number): JournalRow | null {
  const d = r.decision;
  if (d.t > until) return null;
  const entry = r.entry && r.entry.t <= until ? r.entry : null;
  const exit = entry && r.exit && r.exit.t <= until ? r.exit : null;
  const expiredLater = d.status === 'expired' && (d.expires_t ?? -Infinity) > until;
  if (entry === r.entry && exit === r.exit && !expiredLater) return r;
  return { decision: expiredLater ? { ...d, status: 'pending', action: null, action_reason: null, action_wall_t: null } : d, entry, exit };
}
