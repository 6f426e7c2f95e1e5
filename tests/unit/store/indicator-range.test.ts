// indicators.range (issue 17 point 2): the chart's indicator columns as Float64Array columns —
// the same values as indicators.get (null → NaN), only the columns asked for, all rows, cut at the
// replay clock — after the WebSocket's binary encoding, as the browser receives them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb, type WriteDb } from '../../../src-main/store/db.ts';
import { ensureInstrument } from '../../../src-main/store/instruments.ts';
import { upsertIndicatorValues } from '../../../src-main/store/indicator-values.ts';
import { dataHandlers } from '../../../src-main/engine/data-handlers.ts';
import { resolveInstrument } from '../../../src-shared/instruments.ts';
import { commands } from '../../../src-shared/ipc.ts';
import { decodeFrame, encodeFrame } from '../../../src-shared/binary-frame.ts';

/** An answer as the browser gets it: one binary WebSocket message, decoded. */
function overWs<T>(res: T): T {
  const sent = encodeFrame(res);
  if (typeof sent === 'string') throw new Error('expected a binary message');
  return decodeFrame(sent.slice().buffer) as T;
}

const M = 60_000;
const T0 = Date.UTC(2024, 0, 2, 14, 30);
let dir: string;
let db: WriteDb;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-ind-range-'));
  db = openDb(join(dir, 'r.db'));
  const id = ensureInstrument(db, resolveInstrument('NQ')!);
  const r5 = Array.from({ length: 300 }, (_, i) => ({ t: T0 + i * 5 * M, data: { atr: i < 14 ? null : i / 7, fvg_bull: i % 9 === 0 ? 1 : 0, momentum_5: i } }));
  const r30 = Array.from({ length: 50 }, (_, i) => ({ t: T0 + i * 30 * M, data: { nwrqk: 16000 + i * 0.25, mlmi: i < 3 ? null : -i } }));
  db.transaction(() => { upsertIndicatorValues(db, id, 5, 'h', r5); upsertIndicatorValues(db, id, 30, 'h', r30); })();
});

afterEach(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

const nums = (xs: readonly (number | null)[]) => xs.map((v) => v ?? NaN);

describe('indicators.range', () => {
  it('answers the asked columns of indicators.get as typed columns, all rows, cut at the replay clock', () => {
    const until = T0 + 100 * 5 * M + 1; // 5m rows 0..99 and 30m rows 0..15 have ended
    const h = dataHandlers({ db: () => db, until: () => until });
    const res = overWs(h['indicators.range']({ symbol: 'NQ', timeframe: '1m', columns: ['atr', 'fvg_bull', 'nwrqk', 'mlmi', 'not_a_column'] }));
    expect(commands['indicators.range'].res.safeParse(res).success).toBe(true);
    const ref = h['indicators.get']({ symbol: 'NQ', timeframe: '1m' });
    if (!res.ok || !ref.ok) throw new Error('failed');
    expect(res.value.frames.map((f) => f.timeframe)).toEqual(['5m', '30m']);
    for (const f of res.value.frames) {
      const r = ref.value.frames.find((x) => x.timeframe === f.timeframe)!;
      expect(Array.from(f.t)).toEqual(r.t);
      expect(f.n).toBe(r.t.length);
      for (const [name, col] of Object.entries(f.cols)) expect(Array.from(col)).toEqual(nums(r.series[name]!));
    }
    const [f5, f30] = res.value.frames;
    expect(f5!.n).toBe(100);
    expect(f30!.n).toBe(16);
    expect(Object.keys(f5!.cols).sort()).toEqual(['atr', 'fvg_bull']); // momentum_5 was not asked for
    expect(Object.keys(f30!.cols).sort()).toEqual(['mlmi', 'nwrqk']);
    // a 30m chart gets the 30m frame only
    const r30 = h['indicators.range']({ symbol: 'NQ', timeframe: '30m', columns: ['atr', 'nwrqk'] });
    expect(r30.ok && r30.value.frames.map((f) => f.timeframe)).toEqual(['30m']);
    expect(h['indicators.range']({ symbol: 'ZZ', timeframe: '1m', columns: ['atr'] }).ok).toBe(false);
  });

  it('with a limit: the newest rows of the finest frame known by the clock, the coarser frames from the bar that holds the first, and more', () => {
    const until = T0 + 100 * 5 * M + 1; // 5m rows 0..99 known
    const h = dataHandlers({ db: () => db, until: () => until });
    const ask = (limit: number, from?: number) => {
      const r = h['indicators.range']({ symbol: 'NQ', timeframe: '1m', columns: ['atr', 'nwrqk'], limit, ...(from === undefined ? {} : { from }) });
      expect(commands['indicators.range'].res.safeParse(r).success).toBe(true);
      if (!r.ok) throw new Error(r.problem.message);
      const [f5, f30] = r.value.frames;
      return { t5: Array.from(f5!.t), t30: Array.from(f30!.t), more: r.value.more };
    };
    const a = ask(10); // 5m rows 90..99: 30m rows from the one holding row 90 (15 = 90 / 6) on
    expect(a.t5).toEqual(Array.from({ length: 10 }, (_, i) => T0 + (90 + i) * 5 * M));
    expect(a.t30).toEqual([T0 + 15 * 30 * M]);
    expect(a.more).toBe(true);
    const b = ask(13); // rows 87..99: the 30m bar holding row 87 is 14
    expect(b.t5[0]).toBe(T0 + 87 * 5 * M);
    expect(b.t30).toEqual([T0 + 14 * 30 * M, T0 + 15 * 30 * M]);
    const all = ask(100); // exactly every known row: nothing more
    expect(all.t5.length).toBe(100);
    expect(all.more).toBe(false);
    expect(ask(500).t5.length).toBe(100);
    expect(ask(500).more).toBe(false);
    const within = ask(10, T0 + 95 * 5 * M); // fewer than the limit after `from`
    expect(within.t5).toEqual(Array.from({ length: 5 }, (_, i) => T0 + (95 + i) * 5 * M));
    expect(within.more).toBe(false);
  });

  it('with a bucket: of each frame the newest row known by each bucket\'s end, as the whole answer grouped by hand', () => {
    for (const until of [Infinity, T0 + 100 * 5 * M + 1, T0 + 37 * 5 * M]) {
      const h = dataHandlers({ db: () => db, until: () => until });
      const whole = h['indicators.range']({ symbol: 'NQ', timeframe: '1m', columns: ['atr', 'fvg_bull', 'nwrqk', 'mlmi'] });
      if (!whole.ok) throw new Error(whole.problem.message);
      for (const bucket of [16 * M, 35 * M, 256 * M, 4096 * M]) {
        for (const range of [{}, { from: T0 + 31 * 5 * M, to: T0 + 77 * 5 * M }] as { from?: number; to?: number }[]) {
          const r = overWs(h['indicators.range']({ symbol: 'NQ', timeframe: '1m', columns: ['atr', 'fvg_bull', 'nwrqk', 'mlmi'], bucket, ...range }));
          expect(commands['indicators.range'].res.safeParse(r).success).toBe(true);
          if (!r.ok) throw new Error(r.problem.message);
          r.value.frames.forEach((f, k) => {
            const w = whole.value.frames[k]!, tfMs = f.timeframe === '5m' ? 5 * M : 30 * M;
            // by hand: a row known at start + tfMs belongs to the bucket whose end is the first at or after it
            const last = new Map<number, number>();
            w.t.forEach((t, i) => {
              if (t < (range.from ?? -Infinity) || t >= (range.to ?? Infinity)) return;
              last.set(Math.ceil((t + tfMs) / bucket), i);
            });
            const idx = [...last.values()];
            expect(Array.from(f.t)).toEqual(idx.map((i) => w.t[i]));
            expect(f.n).toBe(idx.length);
            for (const [name, col] of Object.entries(f.cols)) expect(Array.from(col)).toEqual(idx.map((i) => w.cols[name]![i]));
          });
        }
      }
    }
    const h = dataHandlers({ db: () => db, until: () => Infinity });
    const both = h['indicators.range']({ symbol: 'NQ', timeframe: '1m', columns: ['atr'], bucket: 16 * M, limit: 10 });
    expect(both.ok ? null : both.problem.message).toMatch(/bucket.*limit/);
  });

  it('indicators.get with a limit: the newest known rows of each frame, as the whole answer cut to them', () => {
    for (const until of [T0 + 100 * 5 * M + 1, T0 + 37 * 5 * M, Infinity]) {
      const h = dataHandlers({ db: () => db, until: () => until });
      const whole = h['indicators.get']({ symbol: 'NQ', timeframe: '1m' });
      if (!whole.ok) throw new Error(whole.problem.message);
      for (const limit of [1, 5, 6, 40, 299, 1000]) {
        for (const to of [undefined, T0 + 20 * 5 * M]) {
          const r = h['indicators.get']({ symbol: 'NQ', timeframe: '1m', limit, ...(to === undefined ? {} : { to }) });
          if (!r.ok) throw new Error(r.problem.message);
          const ref = to === undefined ? whole.value : (h['indicators.get']({ symbol: 'NQ', timeframe: '1m', to }) as { ok: true; value: typeof whole.value }).value;
          r.value.frames.forEach((f, i) => {
            const w = ref.frames[i]!;
            expect(f.t).toEqual(w.t.slice(-limit));
            for (const [k, col] of Object.entries(f.series)) expect(col).toEqual(w.series[k]!.slice(-limit));
          });
        }
      }
    }
  });
});
