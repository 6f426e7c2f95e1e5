// Fault isolation per indicator (issue 12) on real bars: the NQ 1-minute sample, built into 5m steps
// as the CLI builds them. One indicator is made to throw through the pipeline's `faults` hook (no
// monkey-patching); then, against a clean run:
//   - every other indicator's columns are bit-identical at every step, and so are the matrices that
//     do not read the failed indicator;
//   - the failed indicator's columns are null at the failing bars, it warms up again from scratch
//     (equal to a fresh instance fed the bars after the failure) and is ready again;
//   - the matrix it feeds restarts and holds only finite values;
//   - onFault is called once per failure with the bar time and the reason;
//   - its health component is `degraded` (the stage's own is not) and an error-rate alert is raised.
import { describe, it, expect, beforeAll } from 'vitest';
import { IndicatorPipeline, type IndicatorFault } from '../../../src-main/engine/pipeline.ts';
import { Stage5m } from '../../../src-main/engine/indicators/stage-5m.ts';
import { Stage30m } from '../../../src-main/engine/indicators/stage-30m.ts';
import { Metrics } from '../../../src-main/engine/health/metrics.ts';
import { conditions } from '../../../src-main/engine/health/alerts.ts';
import { openFeed } from '../../../src-main/engine/feed/index.ts';
import { BarSet } from '../../../src-main/engine/bars/bar-set.ts';
import { inputMinutes } from '../../../src-main/engine/feed/input-minutes.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { zone } from '../../../src-shared/time.ts';
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { IndicatorRow } from '../../../src-shared/domain/indicators.ts';
import { dataFile } from '../../helpers/data.ts';

type Row = IndicatorRow;
const MMD = Array.from({ length: 23 }, (_, i) => `mmd_${i}`);
const FVG = ['fvg_bull', 'fvg_bear', 'fvg_bull_active', 'fvg_bear_active', 'fvg_nearest_level', 'fvg_age', 'fvg_gap_size', 'fvg_gap_size_pct', 'fvg_mitigation'];

/** each isolated unit: its columns (written out here, not read from the code), the matrix it feeds */
const UNITS = [
  { name: 'indicators.5m.fvg', unit: 'fvg', tf: 5, cols: FVG, matrix: 'm5' },
  { name: 'indicators.5m.atr', unit: 'atr', tf: 5, cols: ['atr'], matrix: null },
  { name: 'indicators.5m.features', unit: 'features', tf: 5, cols: ['momentum_5', 'volume_ratio'], matrix: 'm5' },
  { name: 'indicators.30m.mlmi', unit: 'mlmi', tf: 30, cols: ['mlmi', 'mlmi_ma', 'mlmi_signal', 'mlmi_records'], matrix: 'm30' },
  { name: 'indicators.30m.nwrqk', unit: 'nwrqk', tf: 30, cols: ['nwrqk', 'nwrqk_yhat2', 'nwrqk_slope', 'nwrqk_signal'], matrix: 'm30' },
  { name: 'indicators.30m.lvn', unit: 'lvn', tf: 30, cols: ['lvn_price', 'lvn_strength', 'lvn_distance', 'lvn_poc'], matrix: 'm30' },
  { name: 'indicators.30m.mmd', unit: 'mmd', tf: 30, cols: MMD, matrix: 'reg' },
  { name: 'indicators.30m.features', unit: 'features', tf: 30, cols: ['volatility_30', 'volume_profile_skew', 'price_acceleration_30'], matrix: 'reg' },
] as const;
type Unit = (typeof UNITS)[number];
type MatrixKey = 'm5' | 'm30' | 'reg';

/** 30m units fail on one 30m bar; 5m units on 4 steps in a row (below the breaker's 5), so that
 *  their error rate over ~2,900 calls passes alerts.error_rate (0.1 %) */
const F30 = 200, F5 = 1500, N5 = 4;

let BARS: Bar[] = [];
let TICK = 0;
let TZ = '';

/** the 1-minute file through the feed and the bar set, as `npm run cli -- indicators` does */
function load5m(): void {
  const opened = openFeed(dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), { tz: 'America/New_York', instrument: 'NQ' });
  if (!opened.ok) throw new Error(`cannot open the NQ sample: ${JSON.stringify(opened.problem)}`);
  const spec = opened.value.info.instrument!;
  TICK = spec.tickSize;
  TZ = spec.exchangeTz;
  const set = new BarSet(zone(TZ), inputMinutes(opened.value.info), (_tf, b) => BARS.push({ ...b }), ['5m']);
  for (const chunk of opened.value.chunks()) set.push(chunk);
  set.flush();
}

/** FNV-1a over the float32 bits of a matrix: equal ⇔ bit-identical (for these sizes, collisions aside) */
function bits(m: Float32Array | null): string | null {
  if (!m) return null;
  const u = new Uint32Array(m.buffer, m.byteOffset, m.length);
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (let i = 0; i < u.length; i++) { h1 = Math.imul(h1 ^ u[i]!, 16777619); h2 = Math.imul(h2 ^ u[i]!, 2246822519) ^ (h2 >>> 13); }
  return `${(h1 >>> 0).toString(16)}:${(h2 >>> 0).toString(16)}:${m.length}`;
}

interface Step { row: Row; row30: Row | null; bar30: Bar | null; m5: string | null; m30: string | null; reg: string | null }
interface Run { steps: Step[]; bars30: Bar[]; faults: IndicatorFault[]; metrics: Metrics; p: IndicatorPipeline; nonFinite: number }

/** One run; `plan(name, step, n30)` decides a fault (step: 5m step; n30: index of the 30m bar being delivered). */
function run(plan: ((name: string, step: number, n30: number) => boolean) | null): Run {
  let step = 0, n30 = 0, nonFinite = 0;
  const faults = plan ? { before(name: string) { if (plan(name, step, n30)) throw new Error(`injected ${name} fault`); } } : null;
  const got: IndicatorFault[] = [];
  const metrics = new Metrics(() => 0); // one instant: every count stays in the rate window
  const p = new IndicatorPipeline({ config: DEFAULT_CONFIG, exchangeTz: TZ, tickSize: TICK, mode: '5m', faults, metrics, onFault: (f) => got.push(f) });
  const steps: Step[] = [], bars30: Bar[] = [];
  const mat = (m: Float32Array | null) => { if (m && !m.every(Number.isFinite)) nonFinite++; return bits(m); };
  for (; step < BARS.length; step++) {
    const o = p.push5m(BARS[step]!);
    if (o.bar30) { bars30.push(o.bar30); n30++; }
    steps.push({
      row: { ...o.row! }, row30: o.row30 ? { ...o.row30 } : null, bar30: o.bar30,
      m5: mat(p.stage5.matrix.matrix()), m30: mat(p.stage30.matrix30.matrix()), reg: mat(p.stage30.regime.matrix()),
    });
  }
  return { steps, bars30, faults: got, metrics, p, nonFinite };
}

const pick = (r: Row | null, cols: readonly string[], keep: boolean) =>
  r === null ? null : Object.fromEntries(Object.entries(r).filter(([k]) => cols.includes(k) === keep));

/** The unit's columns when a fresh stage (no history) is fed `bars`: what "warms up from scratch" must give. */
function freshColumns(u: Unit, bars: readonly Bar[]): Row[] {
  if (u.tf === 30) {
    const s = new Stage30m(DEFAULT_CONFIG, TICK, TZ);
    const unit = s.units.find((x) => x.name === u.unit)!;
    return bars.map((b) => { const row = s.begin(b); unit.update(b, row); return pick(row, u.cols, true)!; });
  }
  const s = new Stage5m(DEFAULT_CONFIG);
  const unit = s.units.find((x) => x.name === u.unit)!;
  return bars.map((b) => { const row = s.begin([]); unit.update(b, row); return pick(row, u.cols, true)!; });
}

let clean: Run;
beforeAll(() => {
  load5m();
  clean = run(null);
}, 120_000);

describe('fault isolation per indicator (NQ 1-minute sample → 5m steps)', () => {
  it('the clean run has every indicator and matrix ready, and no faults', () => {
    expect(BARS.length).toBe(2943);
    expect(clean.bars30.length).toBeGreaterThan(F30 + 150);
    expect(clean.faults).toEqual([]);
    expect(clean.nonFinite).toBe(0);
    const last = clean.steps.at(-1)!;
    expect([last.m5, last.m30, last.reg].every((m) => m !== null)).toBe(true);
    for (const g of Object.values(clean.p.guards)) expect(g.errors).toBe(0);
  });

  for (const u of UNITS) describe(`${u.name} throwing`, () => {
    let faulty: Run;
    // the steps (5m) or 30m bars that throw, and the step at which each 30m bar was delivered
    const failing = (): number[] => (u.tf === 30 ? [F30] : Array.from({ length: N5 }, (_, i) => F5 + i));
    const at30 = (): number[] => clean.steps.flatMap((s, i) => (s.bar30 ? [i] : []));
    beforeAll(() => {
      const set = new Set(failing());
      faulty = run((name, step, n30) => name === u.name && set.has(u.tf === 30 ? n30 : step));
    }, 120_000);

    it('reports each failure once, with the bar time and the reason', () => {
      const bars = u.tf === 30 ? failing().map((i) => clean.bars30[i]!) : failing().map((i) => BARS[i]!);
      expect(faulty.faults).toEqual(bars.map((b) => ({ indicator: u.name, barT: b.t, reason: `injected ${u.name} fault` })));
    });

    it('leaves every other column of both stages bit-identical at every step', () => {
      expect(faulty.steps.map((s) => pick(s.row, u.cols, false))).toEqual(clean.steps.map((s) => pick(s.row, u.cols, false)));
      expect(faulty.steps.map((s) => pick(s.row30, u.cols, false))).toEqual(clean.steps.map((s) => pick(s.row30, u.cols, false)));
    });

    it('blanks its own columns on the failing bars, then warms up from scratch to ready', () => {
      const rows = u.tf === 30 ? at30().map((i) => faulty.steps[i]!.row30!) : faulty.steps.map((s) => s.row);
      const bars = u.tf === 30 ? faulty.bars30 : BARS;
      const fails = failing();
      const first = fails[0]!, after = fails.at(-1)! + 1;
      for (const i of fails) expect(Object.values(pick(rows[i]!, u.cols, true)!).every((v) => v === null), `bar ${i}`).toBe(true);
      // before: as clean; after: as an instance that never saw the bars before the failure
      const cleanRows = u.tf === 30 ? at30().map((i) => clean.steps[i]!.row30!) : clean.steps.map((s) => s.row);
      expect(rows.slice(0, first).map((r) => pick(r, u.cols, true))).toEqual(cleanRows.slice(0, first).map((r) => pick(r, u.cols, true)));
      expect(rows.slice(after).map((r) => pick(r, u.cols, true))).toEqual(freshColumns(u, bars.slice(after)));
      // and it is ready again by the end: its first column has a value where the clean run's has
      const last = cleanRows.findLastIndex((r) => r[u.cols[0]] !== null);
      expect(last).toBeGreaterThan(after);
      expect(rows[last]![u.cols[0]]).not.toBeNull();
    });

    it('restarts only the matrix it feeds; the others stay bit-identical, nothing is non-finite', () => {
      expect(faulty.nonFinite).toBe(0);
      const keys: MatrixKey[] = ['m5', 'm30', 'reg'];
      for (const k of keys) {
        const same = faulty.steps.every((s, i) => s[k] === clean.steps[i]![k]);
        expect(same, k).toBe(k !== u.matrix);
      }
      if (u.matrix) {
        const k = u.matrix;
        const firstStep = u.tf === 30 ? at30()[F30]! : F5;
        expect(clean.steps[firstStep]![k]).not.toBeNull(); // it was full before the failure…
        expect(faulty.steps[firstStep]![k]).toBeNull(); // …and restarted with it
      }
    });

    it('its health component is degraded and raises an error-rate alert; the stage and the rest are not', () => {
      const m = faulty.metrics;
      const n = failing().length;
      const c = m.component(u.name);
      expect(c.snapshot(0)).toMatchObject({ status: 'degraded', errors: n, breaker: 'closed', lastError: `injected ${u.name} fault` });
      const stage = u.tf === 30 ? 'indicators.30m' : 'indicators.5m';
      expect(m.component(stage).snapshot(0)).toMatchObject({ status: 'ok', errors: 0 });
      // errors / calls: every bar of its timeframe called it (the breaker never opened)
      const calls = u.tf === 30 ? clean.bars30.length : BARS.length;
      expect(c.processed).toBe(calls);
      expect(c.errorRate(0)).toBeCloseTo(n / calls, 12);
      const errorRates = Object.fromEntries(m.list().map((x) => [x.name, x.errorRate(0)]));
      const sample = {
        health: { at: 0, stages: m.snapshot(0), process: { heapMb: 0, rssMb: 0, rssGrowthMb: 0 }, mainLoopLagMs: null, dbBytes: 0, walBytes: 0, ipcEventsPerSec: 0 },
        errorRates,
      };
      expect(conditions(sample, DEFAULT_CONFIG.alerts).map((a) => a.key)).toEqual([`error-rate:${u.name}`]);
      expect(m.snapshot(0).filter((s) => s.status === 'degraded' || s.status === 'failed').map((s) => s.name)).toEqual([u.name]);
    });

    if (u.name === 'indicators.30m.lvn') it('LVN: null on the failing bar and the 19 of its warm-up, its POC back on the 20th (SPEC §2.7)', () => {
      const rows = at30().map((i) => faulty.steps[i]!.row30!);
      const cleanRows = at30().map((i) => clean.steps[i]!.row30!);
      for (let i = F30; i < F30 + 20; i++) expect(rows[i]!.lvn_poc, `30m bar ${i}`).toBeNull();
      // the POC depends on the last 20 bars only, so from the 20th bar on it is the clean run's again
      expect(rows[F30 + 20]!.lvn_poc).not.toBeNull();
      for (let i = F30 + 20; i < rows.length; i++) expect(rows[i]!.lvn_poc).toBe(cleanRows[i]!.lvn_poc);
    });
  });
});
