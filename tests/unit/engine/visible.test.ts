// No future: what the renderer may get about a replayed symbol is cut at the replay clock (visible.ts).
// Hand-made rows with hand-computed expectations.
import { describe, expect, it } from 'vitest';
import { barsUntil, journalRowAt, rowsUntil, zonesUntil } from '../../../src-main/engine/visible.ts';
import type { JournalRow } from '../../../src-main/store/trading.ts';
import type { DecisionView } from '../../../src-shared/trading.ts';

const M5 = 300_000;

describe('visible at the replay clock', () => {
  it('bars: only those that have ended by the clock', () => {
    const cols = { t: [0, M5, 2 * M5], o: [1, 2, 3], h: [1, 2, 3], l: [1, 2, 3], c: [1, 2, 3], v: [1, 2, 3] };
    expect(barsUntil(cols, M5, 2 * M5).t).toEqual([0, M5]); // the bar at 2·M5 ends at 3·M5
    expect(barsUntil(cols, M5, 2 * M5 - 1).t).toEqual([0]);
    expect(barsUntil(cols, M5, 3 * M5)).toBe(cols);
    expect(rowsUntil([{ t: 0 }, { t: M5 }], M5, M5 + 1)).toEqual([{ t: 0 }]);
  });

  it('FVG zones: flagged by the clock, and one that ended later is still active', () => {
    const z = { dir: 1 as const, lower: 1, upper: 2, from: 0, to: 2 * M5, end: 'mitigated' as const };
    expect(zonesUntil([z], M5 - 1)).toEqual([]);
    expect(zonesUntil([z], 2 * M5)).toEqual([{ ...z, to: null, end: null }]);
    expect(zonesUntil([z], 3 * M5)).toEqual([z]);
  });

  it('journal rows: later decisions hidden, later fills left out, a later expiry still pending', () => {
    const d = { t: 10 * M5, status: 'approved', expires_t: 16 * M5, action: 'approve', action_reason: null, action_wall_t: 5 } as unknown as DecisionView;
    const row: JournalRow = { decision: d, entry: { t: 11 * M5, price: 100 }, exit: { t: 20 * M5, price: 110, kind: 'target', pnl: 200 } };
    expect(journalRowAt(row, 10 * M5 - 1)).toBeNull();
    expect(journalRowAt(row, 10 * M5)).toEqual({ decision: d, entry: null, exit: null });
    expect(journalRowAt(row, 15 * M5)).toEqual({ decision: d, entry: row.entry, exit: null });
    expect(journalRowAt(row, 20 * M5)).toBe(row);
    const expired: JournalRow = { decision: { ...d, status: 'expired', action: null }, entry: null, exit: null };
    expect(journalRowAt(expired, 12 * M5)!.decision.status).toBe('pending');
    expect(journalRowAt(expired, 16 * M5)!.decision.status).toBe('expired');
  });
});
