// A contract's day listed twice in one LEAN minute entry (issue 13): a block of back-adjusted
// prices, then the time starts again and the same minutes follow with the same volumes and raw
// prices. Read as one series that is a fake jump at the seam and every minute twice.
//
// Which block is real: LEAN stores futures minute files unadjusted (continuous-contract
// adjustment is a read-time setting, DataNormalizationMode, never written to disk), so raw prices
// are the file's own basis, and they are the ones that continue into the contract's next day file.
// The repeat comes after the back-adjusted block, so the rule is: keep the LAST block, drop every
// earlier one whole (its rows are in another price basis; none of them can be mixed with raw ones).
//
// A repeat is told from one stray out-of-order row by its two first rows: both must be minutes of
// the previous block with the same volume. A single such row stays a rejected "earlier" row.
import { contentEnd, lineEnd } from './csv-split.ts';
import { parseNum } from './common.ts';

export interface DroppedBlock {
  /** first and last line (1-based) of the block */
  line: number;
  endLine: number;
  rows: number;
}

export interface DayBlocks {
  /** byte offset and line number where the kept (last) block starts */
  start: number;
  startLine: number;
  dropped: DroppedBlock[];
}

interface Row { pos: number; line: number; ms: number; vol: number }

/** Pre-scan of a LEAN bar entry `ms,o,h,l,c,v`: where its last listing of the day starts. */
export function leanDayBlocks(b: Buffer): DayBlocks {
  const out: DayBlocks = { start: 0, startLine: 1, dropped: [] };
  let seen = new Map<number, number>();
  let rows = 0, lastLine = 0, prevMs = -Infinity;
  let cand: { row: Row; rowsBefore: number; lastLineBefore: number } | null = null;
  let pos = 0, line = 0;
  while (pos < b.length) {
    const nl = lineEnd(b, pos);
    const e = contentEnd(b, pos, nl);
    const row: Row = { pos, line: ++line, ms: NaN, vol: NaN };
    pos = nl + 1;
    if (e === row.pos) continue;
    const comma = b.indexOf(44, row.pos);
    if (comma > row.pos && comma < e) {
      row.ms = parseNum(b, row.pos, comma);
      row.vol = parseNum(b, b.lastIndexOf(44, e - 1) + 1, e);
    }
    let confirmed = false;
    if (cand) {
      if (row.ms > cand.row.ms && seen.get(row.ms) === row.vol) {
        // confirmed: everything before the candidate is an earlier listing of the day
        out.dropped.push({ line: out.startLine, endLine: cand.lastLineBefore, rows: cand.rowsBefore });
        out.start = cand.row.pos;
        out.startLine = cand.row.line;
        seen = new Map([[cand.row.ms, cand.row.vol]]);
        rows = 1;
        confirmed = true;
      }
      cand = null;
    }
    if (!confirmed && row.ms < prevMs && seen.get(row.ms) === row.vol) cand = { row, rowsBefore: rows, lastLineBefore: lastLine };
    if (!Number.isNaN(row.ms) && !seen.has(row.ms)) seen.set(row.ms, row.vol);
    rows++;
    lastLine = row.line;
    if (!Number.isNaN(row.ms)) prevMs = row.ms;
  }
  return out;
}
