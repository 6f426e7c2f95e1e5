// One pass over the stamp column: day/month order of `a/b/yyyy` stamps and the bar period.
import { blank, contentEnd, Fields, lineEnd, split } from './csv-split.ts';
import { parseStamp, parseTimeOfDay, slashPair } from './csv-timestamp.ts';

const PERIOD_ROWS = 5000;

export interface StampScan {
  /** the stamps have the `a/b/yyyy` form */
  slash: boolean;
  dayFirst: boolean;
  /** most common positive step between consecutive stamps of the first rows, in minutes (≥ 1); null if none */
  barMinutes: number | null;
}

export function scanStamps(buf: Buffer, start: number, sep: number, tsCol: number, timeCol: number, wantPeriod: boolean): StampScan {
  const ff = new Fields();
  const need = Math.max(tsCol, timeCol) + 1;
  let dayEvidence = 0;
  let monthEvidence = 0;
  let slash = false;
  const stampAt: number[] = []; // [s, e, s, e, …] of the stamp fields, for the ordering check
  const timeAt: number[] = [];
  let pos = start;
  while (pos < buf.length) {
    const nl = lineEnd(buf, pos);
    const e = contentEnd(buf, pos, nl);
    if (!blank(buf, pos, e) && split(buf, pos, e, sep, ff, need) >= need) {
      const p = slashPair(buf, ff.s[tsCol]!, ff.e[tsCol]!);
      if (p >= 0) {
        slash = true;
        if (Math.floor(p / 100) > 12) dayEvidence++;
        if (p % 100 > 12) monthEvidence++;
      }
      if (stampAt.length < PERIOD_ROWS * 2 || p >= 0) {
        stampAt.push(ff.s[tsCol]!, ff.e[tsCol]!);
        if (timeCol >= 0) timeAt.push(ff.s[timeCol]!, ff.e[timeCol]!);
      }
    }
    pos = nl + 1;
    if (!slash && stampAt.length >= PERIOD_ROWS * 2) break;
  }
  const stampsOf = (dayFirst: boolean, max: number): number[] => {
    const out: number[] = [];
    for (let k = 0; k < stampAt.length && out.length < max; k += 2) {
      let t = parseStamp(buf, stampAt[k]!, stampAt[k + 1]!, dayFirst);
      if (timeCol >= 0) t += parseTimeOfDay(buf, timeAt[k]!, timeAt[k + 1]!);
      if (!Number.isNaN(t)) out.push(t);
    }
    return out;
  };
  const decreases = (ts: number[]): number => {
    let k = 0;
    for (let i = 1; i < ts.length; i++) if (ts[i]! < ts[i - 1]!) k++;
    return k;
  };
  // A first field > 12 proves day-first, a second > 12 month-first. Without proof, month-first
  // only if it keeps the stamps increasing (SPEC §1.1); on conflicting proof, the order with fewer decreases.
  let dayFirst = false;
  if (slash) {
    if (dayEvidence > 0 && monthEvidence === 0) dayFirst = true;
    else if (monthEvidence > 0 && dayEvidence === 0) dayFirst = false;
    else if (dayEvidence > 0) dayFirst = decreases(stampsOf(true, Infinity)) <= decreases(stampsOf(false, Infinity));
    else dayFirst = decreases(stampsOf(false, Infinity)) > 0;
  }

  let barMinutes: number | null = null;
  if (wantPeriod) {
    const ts = stampsOf(dayFirst, PERIOD_ROWS);
    const count = new Map<number, number>();
    for (let i = 1; i < ts.length; i++) {
      const d = ts[i]! - ts[i - 1]!;
      if (d > 0) count.set(d, (count.get(d) ?? 0) + 1);
    }
    let mode = 0;
    let most = 0;
    for (const [d, k] of count) if (k > most || (k === most && d < mode)) { most = k; mode = d; }
    if (most > 0) barMinutes = Math.max(1, Math.round(mode / 60_000));
  }

  return { slash, dayFirst, barMinutes };
}
