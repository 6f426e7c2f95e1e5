// Walk-forward folds of a data file: its span [first row, last row] cut into `count` consecutive windows
// of (nearly) equal length, each boundary on a step-bar boundary so that no step bar is split between two
// folds. Fold k trades its window only; its indicators are warmed on every row before it (kernel tradeFrom).
import type { FeedReader } from '../feed/index.ts';
import { stepMsOf, type StepMode } from '../kernel/mode.ts';

/** The first and last row time of a file (ms); null for a file without rows. */
export function fileSpan(reader: FeedReader): [number, number] | null {
  let first = Infinity, last = -Infinity;
  for (const c of reader.chunks()) {
    if (c.n === 0) continue;
    if (first === Infinity) first = c.t[0]!;
    last = c.t[c.n - 1]!;
  }
  return first === Infinity ? null : [first, last];
}

/** `count` windows [from, to) covering [first, last]; the first starts at the first row's step bar, the last ends after the last row. */
export function foldWindows(span: readonly [number, number], count: number, tf: StepMode): [number, number][] {
  const step = stepMsOf(tf);
  const a = Math.floor(span[0] / step) * step, b = span[1] + 1;
  const cuts = [a];
  for (let k = 1; k < count; k++) cuts.push(a + Math.round(((b - a) * k) / count / step) * step);
  cuts.push(b);
  return cuts.slice(0, -1).map((from, k) => [from, cuts[k + 1]!]);
}
