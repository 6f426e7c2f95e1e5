// SPEC R14 causality harness, shared by the indicator (and later stage) tests, plus a plain
// loader for the shared OHLC CSVs that is independent of the app's feed readers.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Bar } from '../../src-shared/domain/bars.ts';
import { dataFile } from './data.ts';

export const NQ_30M_ETH = 'algospace/NQ - 30 min - ETH.csv';
export const NQ_5M_FIRSTRATE = 'firstratedata/nq_futures_2023-11/NQ_5min_sample.csv';

/**
 * Bars of a `time,open,high,low,close,volume` CSV in file order (the rows are in time order). Only
 * the OHLCV columns matter for the indicators, so t is the row index times 30 min, which keeps
 * t increasing without parsing day-first or local timestamps.
 */
export function readOhlcCsv(rel: string, limit = Infinity): Bar[] {
  const lines = readFileSync(dataFile(rel), 'utf8').split(/\r?\n/);
  const bars: Bar[] = [];
  for (let i = 1; i < lines.length && bars.length < limit; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const f = line.split(',');
    const [o, h, l, c, v] = [f[1], f[2], f[3], f[4], f[5]].map(Number) as [number, number, number, number, number];
    if (![o, h, l, c, v].every(Number.isFinite)) throw new Error(`${rel}:${i + 1}: bad row ${line}`);
    bars.push({ t: bars.length * 1_800_000, o, h, l, c, v });
  }
  return bars;
}

/** Bit-exact structural equality (numbers by Object.is: −0 ≠ +0, NaN = NaN). */
function sameBits(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) return sameBits(Array.from(a as unknown as ArrayLike<number>), Array.from(b as unknown as ArrayLike<number>));
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameBits((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Deterministic shuffle + price perturbation of bars, keeping their timestamps and OHLC validity. */
function perturbed(bars: Bar[], seed: number): Bar[] {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const copy = bars.map((b) => ({ ...b }));
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.map((b, i) => {
    const f = 0.97 + 0.06 * rnd(); // scale all four prices together: H/L stay the extremes
    return { t: bars[i]!.t, o: b.o * f, h: b.h * f, l: b.l * f, c: b.c * f, v: b.v * 2 + 1 };
  });
}

/**
 * Asserts SPEC R14 for an incremental stage: with N = bars.length − k, the first N snapshots are
 * bit-identical whether the stream stops at N, continues with the real next k bars, continues with a
 * shuffled/perturbed copy of them, or runs on an instance that was reset after a full run.
 * `snapshot` must copy the (reused) output object.
 */
export function expectCausal<O>(
  make: () => { update(b: Bar): O; reset(): void },
  bars: Bar[],
  snapshot: (out: O) => unknown,
  k = 50,
): void {
  const n = bars.length - k;
  if (n < 1 || k < 1) throw new Error(`expectCausal needs more than k=${k} bars, got ${bars.length}`);
  const run = (inst: { update(b: Bar): O }, input: Bar[]) => input.map((b) => snapshot(inst.update(b)));

  const base = run(make(), bars.slice(0, n));
  const longer = run(make(), bars);
  const tail = perturbed(bars.slice(n), 12345);
  const other = run(make(), [...bars.slice(0, n), ...tail]);
  const reused = make();
  run(reused, [...bars.slice(0, n), ...tail]);
  reused.reset();
  const afterReset = run(reused, bars.slice(0, n));

  for (const [label, outs] of [['N+k real', longer], ['N+k perturbed', other], ['after reset', afterReset]] as const) {
    const bad = base.findIndex((s, i) => !sameBits(s, outs[i]));
    expect(bad, `${label}: first differing output at bar ${bad}: ${JSON.stringify(base[bad])} vs ${JSON.stringify(outs[bad])}`).toBe(-1);
  }
  // The perturbed tail must actually change something, or the check above proves nothing.
  const tailDiffers = longer.slice(n).some((s, i) => !sameBits(s, other[n + i]));
  expect(tailDiffers, 'the perturbed tail produced identical outputs: the harness would not detect a leak').toBe(true);
}
