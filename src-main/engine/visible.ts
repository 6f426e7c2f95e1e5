// No future, ever: while a replay of a symbol is loaded, everything the renderer can get about that
// symbol is at or before the replay clock — stored bars and indicator values whose bar has ended by
// then, FVG zones as they stood then, markers and journal rows of decisions made by then. The data is
// stored for the whole history (imports compute it all); this is where reads are cut at the clock.
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { FvgZone } from '../../src-shared/ipc.ts';

const M5 = 300_000;

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
