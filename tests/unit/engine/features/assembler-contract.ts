// The SPEC §3 rules every assembler must keep, run against each one on a long synthetic stream:
// shape and order, ready only at N, oldest-first after wrap-around, per-column bounds, finiteness,
// reused buffers, fail-fast without state change, reset, and R14 causality.
import { describe, expect, it } from 'vitest';
import { FeatureInputError } from '../../../../src-main/engine/features/inputs.ts';
import { sameBits, shuffled } from './helpers.ts';

interface Assembler<In> {
  readonly rows: number;
  readonly featureNames: readonly string[];
  readonly size: number;
  readonly ready: boolean;
  readonly started: boolean;
  update(input: In): Float32Array | null;
  matrix(): Float32Array | null;
  barStarts(): Float64Array | null;
  reset(): void;
}

export interface ContractCase<In extends { barStart: number }> {
  make(): Assembler<In>;
  stream(n: number): In[];
  names: readonly string[];
  rows: number;
  /** inclusive bounds per column */
  lo: readonly number[];
  hi: readonly number[];
  /** a copy of a ready input that some group reports as not ready */
  unready(x: In): In;
  /** a copy of a ready input with one non-finite value */
  poisoned(x: In): In;
}

/** Feeds inputs; returns copies of every appended row and the index of the first one. */
function run<In>(a: Assembler<In>, xs: readonly In[]): { rows: Float32Array[]; first: number } {
  const rows: Float32Array[] = [];
  let first = -1;
  xs.forEach((x, i) => {
    const r = a.update(x);
    if (r !== null) {
      if (first < 0) first = i;
      rows.push(Float32Array.from(r));
    } else expect(first).toBe(-1); // once started, every bar gives a row
  });
  return { rows, first };
}

export function assemblerContract<In extends { barStart: number }>(title: string, c: ContractCase<In>): void {
  const F = c.names.length;
  const N = c.rows;

  describe(`${title}: SPEC §3 contract`, () => {
    it('has SPEC shape and feature order', () => {
      const a = c.make();
      expect(a.rows).toBe(N);
      expect([...a.featureNames]).toEqual([...c.names]);
    });

    it('waits for readiness, then appends every bar, and is ready exactly at N rows', () => {
      const a = c.make();
      const xs = c.stream(N + 40);
      let first = -1;
      xs.forEach((x, i) => {
        const r = a.update(x);
        if (first < 0 && r !== null) first = i;
        const held = first < 0 ? 0 : Math.min(N, i - first + 1);
        expect(a.size).toBe(held);
        expect(a.ready).toBe(held === N);
        expect(a.matrix() === null).toBe(held < N);
      });
      expect(first).toBeGreaterThan(0);
    });

    it('keeps rows oldest first through many wrap-arounds, with their bar starts', () => {
      const a = c.make();
      const xs = c.stream(3 * N + 7);
      const seen: Float32Array[] = [];
      const times: number[] = [];
      for (const x of xs) {
        const r = a.update(x);
        if (r === null) continue;
        seen.push(Float32Array.from(r));
        times.push(x.barStart);
        if (!a.ready) continue;
        const m = a.matrix()!;
        expect(m.length).toBe(N * F);
        const k = seen.length - N;
        for (const j of [0, 1, N >> 1, N - 1]) {
          expect(sameBits(m.subarray(j * F, (j + 1) * F), seen[k + j]!)).toBe(true);
        }
        expect([...a.barStarts()!]).toEqual(times.slice(k));
      }
      expect(seen.length).toBeGreaterThan(2 * N);
    });

    it('keeps every column finite and within its bounds on a long random walk', () => {
      const a = c.make();
      const { rows } = run(a, c.stream(3000));
      expect(rows.length).toBeGreaterThan(2900);
      const hitLo = new Array<boolean>(F).fill(false);
      const hitHi = new Array<boolean>(F).fill(false);
      for (const r of rows) {
        r.forEach((v, j) => {
          if (!Number.isFinite(v) || v < c.lo[j]! || v > c.hi[j]!) throw new Error(`${c.names[j]} = ${v} outside [${c.lo[j]}, ${c.hi[j]}]`);
          if (v === Math.fround(c.lo[j]!)) hitLo[j] = true;
          if (v === Math.fround(c.hi[j]!)) hitHi[j] = true;
        });
      }
      // the stream is rough enough to reach at least some bounds: the clips are really exercised
      expect(hitLo.some(Boolean) && hitHi.some(Boolean)).toBe(true);
    });

    it('returns the same row and matrix objects every call (no allocation per update)', () => {
      const a = c.make();
      const xs = c.stream(N + 30);
      let row: Float32Array | null = null;
      let mat: Float32Array | null = null;
      for (const x of xs) {
        const r = a.update(x);
        if (r === null) continue;
        row ??= r;
        expect(r).toBe(row);
        const m = a.matrix();
        if (m === null) continue;
        mat ??= m;
        expect(m).toBe(mat);
        expect(m.byteOffset).toBe(0);
      }
      expect(mat).not.toBeNull();
    });

    it('is causal (R14): N bars vs N + k bars, and a shuffled tail, give identical first rows', () => {
      const all = c.stream(N + 80);
      const n = N + 30;
      const short = run(c.make(), all.slice(0, n));
      const long = run(c.make(), all);
      const tail = shuffled(all.slice(n), 7).map((x, i) => ({ ...x, barStart: all[n + i]!.barStart }));
      const mixed = run(c.make(), [...all.slice(0, n), ...tail]);
      expect(long.first).toBe(short.first);
      expect(short.rows.length).toBe(n - short.first);
      for (let i = 0; i < short.rows.length; i++) {
        expect(sameBits(long.rows[i]!, short.rows[i]!)).toBe(true);
        expect(sameBits(mixed.rows[i]!, short.rows[i]!)).toBe(true);
      }
      // and the matrix at bar n − 1 is the same either way
      const a = c.make();
      run(a, all.slice(0, n));
      const b = c.make();
      run(b, all.slice(0, n));
      expect(sameBits(a.matrix()!, b.matrix()!)).toBe(true);
    });

    it('throws without changing state when readiness is lost, a value is non-finite, or time goes back', () => {
      const xs = c.stream(N + 20);
      const ref = run(c.make(), xs);
      const a = c.make();
      const k = ref.first + 5;
      run(a, xs.slice(0, k));
      const size = a.size;
      expect(() => a.update(c.unready(xs[k]!))).toThrow(FeatureInputError);
      expect(() => a.update(c.poisoned(xs[k]!))).toThrow(FeatureInputError);
      expect(() => a.update(xs[k - 1]!)).toThrow(FeatureInputError); // same bar twice
      expect(a.size).toBe(size);
      const rest = run(a, xs.slice(k));
      const got = rest.rows;
      expect(got.length).toBe(xs.length - k);
      for (let i = 0; i < got.length; i++) expect(sameBits(got[i]!, ref.rows[k - ref.first + i]!)).toBe(true);
    });

    it('reset() starts over and replays identically', () => {
      const xs = c.stream(N + 15);
      const a = c.make();
      const one = run(a, xs);
      a.reset();
      expect(a.size).toBe(0);
      expect(a.started).toBe(false);
      expect(a.matrix()).toBeNull();
      const two = run(a, xs);
      expect(two.first).toBe(one.first);
      two.rows.forEach((r, i) => expect(sameBits(r, one.rows[i]!)).toBe(true));
    });
  });
}
