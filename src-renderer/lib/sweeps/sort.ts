// Sorting the Sweeps panel's tables by any column: numbers by value, text by its collation, a missing
// value ('—': no trades, undefined on the data) always last whichever the direction, ties in the given order.
export type SortDir = 'asc' | 'desc';
export type Cell = number | string | boolean | null;
export interface SortState { key: string; dir: SortDir }

/** Rows sorted by `get` (a new array; stable). */
export function sortRows<T>(rows: readonly T[], get: (row: T) => Cell, dir: SortDir): T[] {
  const k = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: get(row) }))
    .sort((a, b) => {
      const na = isMissing(a.v), nb = isMissing(b.v);
      if (na || nb) return na === nb ? a.i - b.i : na ? 1 : -1;
      const c = compare(a.v!, b.v!);
      return c !== 0 ? k * c : a.i - b.i;
    })
    .map((x) => x.row);
}

function isMissing(v: Cell): boolean {
  return v === null || (typeof v === 'number' && Number.isNaN(v));
}

function compare(a: number | string | boolean, b: number | string | boolean): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  // mixed kinds (a key swept over numbers and text): numbers first, then text
  if (typeof a === 'number' !== (typeof b === 'number')) return typeof a === 'number' ? -1 : 1;
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

/**
 * A click on a column header: the same column flips direction; a new one starts with the direction a
 * trader wants first — descending for metrics (best first), ascending for names and parameters.
 */
export function nextSort(cur: SortState | null, key: string, firstDir: SortDir): SortState {
  if (cur && cur.key === key) return { key, dir: cur.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: firstDir };
}

/** aria-sort of a header */
export function ariaSort(cur: SortState | null, key: string): 'ascending' | 'descending' | 'none' {
  return cur?.key === key ? (cur.dir === 'asc' ? 'ascending' : 'descending') : 'none';
}
