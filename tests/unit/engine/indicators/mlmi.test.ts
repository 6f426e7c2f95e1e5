// MLMI (SPEC §2.1, R6): the kNN store and vote, the full class against an independent naive
// evaluation of the spec, the Appendix orientation numbers on the full NQ 30m file, warm-up (§2.7),
// finiteness and causality (R14).
import { describe, it, expect } from 'vitest';
import { KnnDatabase, Mlmi, type MlmiOut } from '../../../../src-main/engine/indicators/mlmi.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { expectCausal, readOhlcCsv, NQ_30M_ETH } from '../../../helpers/causal.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

const ALL = readOhlcCsv(NQ_30M_ETH);

/**
 * Naive kNN: sort every record by (distance, age) and sum the first min(k, N) labels. Squared
 * distances rank exactly like Euclidean ones; Math.hypot does not: it is not correctly rounded, and
 * on integer grids it split exact ties (e.g. hypot(3, 4) vs hypot(0, 5)) and broke the tie rule.
 */
function naiveVote(recs: { f1: number; f2: number; label: number }[], q1: number, q2: number, k: number): number {
  return recs.map((r, age) => ({ d: (r.f1 - q1) ** 2 + (r.f2 - q2) ** 2, age, label: r.label }))
    .sort((a, b) => a.d - b.d || a.age - b.age).slice(0, k).reduce((s, r) => s + r.label, 0);
}

describe('KnnDatabase', () => {
  it('R6: closes [100, 101, 99, 99, 98] are labelled [0, +1, −1, +1, −1]; query (58, 54) with k = 3 gives 2', () => {
    const db = new KnnDatabase(10);
    const recs: [number, number, number][] = [[50, 50, 100], [60, 55, 101], [40, 45, 99], [62, 58, 99], [45, 40, 98]];
    expect(recs.map(([f1, f2, p]) => db.add(f1, f2, p))).toEqual([0, 1, -1, 1, -1]);
    expect(db.size).toBe(5);
    const v = db.vote(58, 54, 3);
    expect(v).toBe(2); // neighbours r1 (+1), r3 (+1), r0 (0)
    expect(Math.max(-1, Math.min(1, v / 3))).toBeCloseTo(2 / 3, 12);
    expect(db.vote(58, 54, 1)).toBe(1);
    expect(db.vote(58, 54, 4)).toBe(1); // r4 (−1) joins at 19.105
    expect(db.vote(58, 54, 99)).toBe(0); // k' = N: all labels
  });

  it('gives ties to the OLDER record', () => {
    const a = new KnnDatabase(10);
    a.add(0, 1, 10); // label 0
    a.add(1, 0, 11); // +1, same distance from (0, 0)
    a.add(0, -1, 5); // −1, same distance again
    expect(a.vote(0, 0, 1)).toBe(0);
    expect(a.vote(0, 0, 2)).toBe(1);
    const b = new KnnDatabase(10);
    b.add(5, 5, 10); // 0
    b.add(1, 0, 9); // −1
    b.add(0, 1, 10); // +1, ties with the −1 record: the older −1 wins
    expect(b.vote(0, 0, 1)).toBe(-1);
  });

  it('drops the oldest record when full (FIFO), and only the very first record is labelled 0', () => {
    const db = new KnnDatabase(2);
    expect(db.add(0, 0, 100)).toBe(0);
    expect(db.add(10, 10, 90)).toBe(-1);
    expect(db.add(20, 20, 95)).toBe(1); // evicts the 0-label record
    expect(db.size).toBe(2);
    expect(db.vote(0, 0, 1)).toBe(-1); // the record at (0, 0) is gone
    expect(db.vote(0, 0, 5)).toBe(0); // −1 + 1
  });

  it('agrees with a naive sort on random grids full of ties, with moving queries and FIFO eviction', () => {
    let s = 7;
    const rnd = (m: number) => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) % m);
    const cap = 60;
    const db = new KnnDatabase(cap);
    const recs: { f1: number; f2: number; label: number }[] = [];
    let q1 = 10, q2 = 10, bad = 0;
    for (let step = 0; step < 3000; step++) {
      if (rnd(3) === 0) {
        const f1 = rnd(20), f2 = rnd(20);
        recs.push({ f1, f2, label: db.add(f1, f2, rnd(5)) });
        if (recs.length > cap) recs.shift();
      }
      q1 += rnd(3) - 1; q2 += rnd(3) - 1; // slow drift, like WMA-smoothed features
      if (rnd(50) === 0) { q1 = rnd(20); q2 = rnd(20); } // and occasional jumps
      for (const k of [1, 3, 7]) if (db.vote(q1, q2, k) !== naiveVote(recs, q1, q2, k)) bad++;
    }
    expect(recs.length).toBe(cap);
    expect(bad).toBe(0);
  });
});

/** Independent, whole-array evaluation of SPEC §2.1 (defaults, HA close), O(bars · records · log). */
function naiveMlmi(bars: Bar[]): { value: number[]; ma: number[]; signal: number[]; records: number[] } {
  const p = bars.map((b) => (b.o + b.h + b.l + b.c) / 4);
  const wma = (x: number[], n: number, t: number) => {
    let s = 0;
    for (let j = 0; j < n; j++) s += (n - j) * x[t - j]!;
    return s / ((n * (n + 1)) / 2);
  };
  const rsi = (n: number) => {
    const out: number[] = new Array(p.length).fill(Number.NaN);
    let ag = 0, al = 0;
    for (let t = 1; t < p.length; t++) {
      const d = p[t]! - p[t - 1]!, g = Math.max(d, 0), lo = Math.max(-d, 0);
      if (t <= n) { ag += g / n; al += lo / n; } else { ag = (ag * (n - 1) + g) / n; al = (al * (n - 1) + lo) / n; }
      if (t >= n) out[t] = al === 0 ? 100 : 100 - 100 / (1 + ag / al);
    }
    return out;
  };
  const r20 = rsi(20), r5 = rsi(5);
  const recs: { f1: number; f2: number; label: number }[] = [];
  let lastP = 0;
  const value: number[] = [], ma: number[] = [], signal: number[] = [], records: number[] = [];
  for (let t = 0; t < p.length; t++) {
    const f1 = t >= 39 ? wma(r20, 20, t) : Number.NaN, f2 = t >= 24 ? wma(r5, 20, t) : Number.NaN;
    if (t >= 20 && t >= 39) {
      const q = wma(p, 5, t), sl = wma(p, 20, t), q0 = wma(p, 5, t - 1), s0 = wma(p, 20, t - 1);
      if ((q > sl && q0 <= s0) || (q < sl && q0 >= s0)) {
        recs.push({ f1, f2, label: recs.length === 0 ? 0 : p[t]! >= lastP ? 1 : -1 });
        lastP = p[t]!;
      }
    }
    records.push(recs.length);
    value.push(t >= 39 && recs.length > 0 ? naiveVote(recs, f1, f2, 200) : Number.NaN);
    const v = value, m = t >= 19 && value.slice(t - 19, t + 1).every(Number.isFinite) ? wma(v, 20, t) : Number.NaN;
    ma.push(m);
    const cross = Number.isFinite(m) && Number.isFinite(ma[t - 1] ?? Number.NaN);
    signal.push(!cross ? Number.NaN : v[t]! > m && v[t - 1]! <= ma[t - 1]! ? 1 : v[t]! < m && v[t - 1]! >= ma[t - 1]! ? -1 : 0);
  }
  return { value, ma, signal, records };
}

describe('Mlmi', () => {
  it('equals an independent naive evaluation of SPEC §2.1 on the first 5,000 NQ 30m bars', () => {
    const bars = ALL.slice(0, 5000);
    const ref = naiveMlmi(bars);
    const m = new Mlmi();
    let bad = 0;
    bars.forEach((b, t) => {
      const o = m.update(b);
      const rv = ref.value[t]!, rm = ref.ma[t]!, rs = ref.signal[t]!;
      if (o.records !== ref.records[t]) bad++;
      if (o.ready !== Number.isFinite(rv) || (o.ready && o.value !== rv)) bad++;
      if (o.maReady !== Number.isFinite(rm) || (o.maReady && Math.abs(o.ma - rm) > 1e-9 * Math.max(1, Math.abs(rm)))) bad++;
      if (o.signalReady !== Number.isFinite(rs) || (o.signalReady && o.signal !== rs)) bad++;
    });
    expect(bad).toBe(0);
    expect(ref.records[4999]).toBeGreaterThan(300); // the comparison covered the k < N regime
  });

  it('Appendix on the full NQ 30m file: 4,168 records, first value at t = 62, ma at 81, signal at 82; 2,321 / 2,309 line crosses', () => {
    expect(ALL).toHaveLength(56_083);
    const m = new Mlmi(DEFAULT_CONFIG.indicators.mlmi, 'ha_close');
    expect(m.warmup).toBe(39);
    const first = { value: -1, ma: -1, signal: -1 };
    let up = 0, down = 0, bad = 0;
    const t0 = performance.now();
    ALL.forEach((b, t) => {
      const o = m.update(b);
      if (o.ready && first.value < 0) first.value = t;
      if (o.maReady && first.ma < 0) first.ma = t;
      if (o.signalReady && first.signal < 0) first.signal = t;
      if (o.signal === 1) up++;
      if (o.signal === -1) down++;
      if (!finiteOrNotReady(o, m.k)) bad++;
    });
    const ms = performance.now() - t0;
    console.log(`MLMI: ${ALL.length} bars in ${ms.toFixed(0)} ms = ${((ms * 1e6) / ALL.length).toFixed(0)} ns/bar`);
    expect(m.out.records).toBe(4168);
    expect(first).toEqual({ value: 62, ma: 81, signal: 82 });
    expect([up, down]).toEqual([2321, 2309]);
    expect(bad).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });

  it('a crossover before F1 is ready (t < 39) is not stored, and mlmi is not ready without records', () => {
    const m = new Mlmi();
    for (let t = 0; t < 39; t++) {
      const o = m.update(ALL[t]!);
      expect(o.records).toBe(0);
      expect(o).toMatchObject({ ready: false, value: 0, scaled: 0, ma: 0, signal: 0 });
    }
  });

  it('the close source gives different records (source30 is honoured)', () => {
    const a = new Mlmi(DEFAULT_CONFIG.indicators.mlmi, 'close'), b = new Mlmi();
    for (const bar of ALL.slice(0, 3000)) { a.update(bar); b.update(bar); }
    expect(a.out.records).not.toBe(b.out.records);
  });

  it('is causal (R14) on real bars, and reset() restores the initial state', () => {
    expectCausal(() => new Mlmi(), ALL.slice(0, 1500), (o) => ({ ...o }));
  });
});

function finiteOrNotReady(o: MlmiOut, k: number): boolean {
  const nums = [o.value, o.ma, o.signal, o.records, o.scaled];
  if (!nums.every(Number.isFinite)) return false;
  if (!o.ready && (o.value !== 0 || o.scaled !== 0 || o.maReady)) return false;
  if (!o.maReady && (o.ma !== 0 || o.signalReady)) return false;
  if (!o.signalReady && o.signal !== 0) return false;
  return Math.abs(o.value) <= k && Math.abs(o.scaled) <= 1 && [-1, 0, 1].includes(o.signal);
}
