// The overview's newest candles while a replay runs: folded from closed bars and a forming bar that is
// replaced many times, they equal the candles aggregated by hand from the bars as they finally stand.
import { describe, expect, it } from 'vitest';
import { OverviewTail } from '../../../src-renderer/lib/state/overview-tail.ts';
import type { BarRowLike } from '../../../src-renderer/lib/columns.ts';

const M = 60_000, B = 16 * M;
const cols = (bars: BarRowLike[]) => ({ t: bars.map((b) => b.t), o: bars.map((b) => b.o), h: bars.map((b) => b.h), l: bars.map((b) => b.l), c: bars.map((b) => b.c), v: bars.map((b) => b.v) });

/** A random walk of 1m bars with gaps (no bars for a while, as a session break leaves). */
function walk(n: number, seed: number): BarRowLike[] {
  let s = seed, p = 100, t = Date.UTC(2024, 0, 2, 14, 7);
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, () => {
    t += rnd() < 0.03 ? Math.floor(rnd() * 90) * M : M;
    const o = p, c = (p += rnd() - 0.5);
    return { t, o, h: Math.max(o, c) + rnd(), l: Math.min(o, c) - rnd(), c, v: Math.floor(rnd() * 50) };
  });
}

/** By hand: per bucket aligned to the epoch, first open, max high, min low, last close, summed volume, the first bar's start. */
function byHand(bars: BarRowLike[]): BarRowLike[] {
  const out: BarRowLike[] = [];
  let k = NaN;
  for (const b of bars) {
    const kb = Math.floor(b.t / B) * B, last = out[out.length - 1];
    if (kb === k && last) { last.h = Math.max(last.h, b.h); last.l = Math.min(last.l, b.l); last.c = b.c; last.v += b.v; continue; }
    k = kb;
    out.push({ ...b });
  }
  return out;
}

describe('OverviewTail', () => {
  it('folds closed bars and a forming bar replaced many times into the candles aggregated by hand', () => {
    for (const seed of [1, 7, 42]) {
      const bars = walk(600, seed);
      const tail = new OverviewTail(B);
      const shown = new Map<number, BarRowLike>();
      const put = (cs: BarRowLike[]) => cs.forEach((c) => shown.set(c.t, c));
      // the tail's first bars (as fetched from the store), then events: a few closed bars and the next
      // bar forming, replaced with growing volume before it closes; some closed bars come twice
      put(tail.push(cols(bars.slice(0, 40)), null));
      let i = 40;
      while (i < bars.length) {
        const k = Math.min(bars.length, i + 1 + (i % 5));
        put(tail.push(cols(bars.slice(i - (i % 3 === 0 ? 2 : 0), k)), null));
        i = k;
        const next = bars[i];
        if (next) for (const f of [0.3, 0.6, 1]) put(tail.push(cols([]), { ...next, c: next.o + (next.c - next.o) * f, v: Math.floor(next.v * f) }));
      }
      const want = byHand(bars);
      expect([...shown.values()].sort((a, b) => a.t - b.t)).toEqual(want);
      expect(want.length).toBeGreaterThan(40);
    }
  });

  it('a forming bar opens the next bucket on its own, and its closed self takes its place', () => {
    const tail = new OverviewTail(B);
    const t0 = 100 * B;
    expect(tail.push(cols([{ t: t0 + 14 * M, o: 1, h: 2, l: 0.5, c: 1.5, v: 3 }, { t: t0 + 15 * M, o: 1.5, h: 3, l: 1, c: 2, v: 4 }]), null))
      .toEqual([{ t: t0 + 14 * M, o: 1, h: 3, l: 0.5, c: 2, v: 7 }]);
    expect(tail.push(cols([]), { t: t0 + 16 * M, o: 2, h: 2.5, l: 1.8, c: 2.2, v: 1 })).toEqual([{ t: t0 + 16 * M, o: 2, h: 2.5, l: 1.8, c: 2.2, v: 1 }]);
    expect(tail.push(cols([{ t: t0 + 16 * M, o: 2, h: 2.6, l: 1.8, c: 2.4, v: 2 }]), { t: t0 + 17 * M, o: 2.4, h: 2.9, l: 2.3, c: 2.8, v: 5 }))
      .toEqual([{ t: t0 + 16 * M, o: 2, h: 2.9, l: 1.8, c: 2.8, v: 7 }]);
    // an old bar again (already counted) changes nothing
    expect(tail.push(cols([{ t: t0 + 15 * M, o: 9, h: 9, l: 9, c: 9, v: 9 }]), null)).toEqual([]);
  });
});
