// Fault isolation on real bars: a stage made to throw (through the pipeline's `faults` hook, no
// monkey-patching) is counted and skipped; the other stages' outputs stay bit-identical to a clean
// run; the breaker opens after N consecutive failures, half-opens after the market-time cool-down
// and closes on success; the pipeline never throws.
import { describe, it, expect, beforeAll } from 'vitest';
import { IndicatorPipeline } from '../../../../src-main/engine/pipeline.ts';
import { Metrics } from '../../../../src-main/engine/health/metrics.ts';
import type { BreakerState } from '../../../../src-main/engine/health/breaker.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { zone, localMs } from '../../../../src-shared/time.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';
import { readOhlcCsv, NQ_5M_FIRSTRATE } from '../../../helpers/causal.ts';

const CT = zone('America/Chicago');
const START = CT.toUtc(localMs(2023, 11, 20, 8, 0));
const BARS: Bar[] = readOhlcCsv(NQ_5M_FIRSTRATE, 1500).map((b, i) => ({ ...b, t: START + i * 300_000 }));
const N = DEFAULT_CONFIG.alerts.breaker_failures; // 5
const COOL = DEFAULT_CONFIG.alerts.breaker_cooldown_bars; // 12

/** throw for `stage` while the predicate holds (step: 5m step index; n30: index of the 30m bar being delivered) */
type Plan = (stage: string, step: number, n30: number) => boolean;

interface Snap {
  row: Record<string, number | null> | null;
  row30: Record<string, number | null> | null;
  m5: number[] | null; m30: number[] | null; reg: number[] | null;
  b5: BreakerState; b30: BreakerState; bm: BreakerState;
}

function run(plan: Plan | null, metrics: Metrics | null = null): { snaps: Snap[]; p: IndicatorPipeline } {
  let step = 0, n30 = 0;
  const faults = plan ? { before(stage: string) { if (plan(stage, step, n30)) throw new Error(`injected ${stage} fault`); } } : null;
  const p = new IndicatorPipeline({ config: DEFAULT_CONFIG, exchangeTz: 'America/Chicago', tickSize: 0.25, mode: '5m', faults, metrics });
  const snaps: Snap[] = [];
  for (; step < BARS.length; step++) {
    const o = p.push5m(BARS[step]!); // never throws: a throw fails the test here
    if (o.bar30) n30++;
    snaps.push({
      row: structuredClone(o.row), row30: structuredClone(o.row30),
      m5: p.stage5.matrix.ready ? [...p.stage5.matrix.matrix()!] : null,
      m30: p.stage30.matrix30.ready ? [...p.stage30.matrix30.matrix()!] : null,
      reg: p.stage30.regime.ready ? [...p.stage30.regime.matrix()!] : null,
      b5: p.guards.g5.breaker.state, b30: p.guards.g30.breaker.state, bm: p.guards.matrices.breaker.state,
    });
  }
  return { snaps, p };
}

const allNull = (r: Record<string, number | null> | null) => r !== null && Object.values(r).every((v) => v === null);

let clean: Snap[];
beforeAll(() => { clean = run(null).snaps; }, 120_000);

describe('fault isolation in the pipeline', () => {
  it('clean run: all breakers stay closed, the regime matrix fills (so comparisons below cover it)', () => {
    expect(clean.every((s) => s.b5 === 'closed' && s.b30 === 'closed' && s.bm === 'closed')).toBe(true);
    expect(clean.at(-1)!.reg).not.toBeNull();
  });

  it('5m stage throwing: nulls for its columns, breaker open → half-open → closed, 30m outputs identical', () => {
    const F = 300, L = 330; // steps 300–329 throw
    const metrics = new Metrics();
    const { snaps, p } = run((stage, step) => stage === 'indicators.5m' && step >= F && step < L, metrics);
    // breaker: 5 failures (300–304) open it; trials at +12 steps fail while the fault lasts (316, 328); 340 succeeds
    const states = snaps.map((s) => s.b5);
    expect(states.slice(F, F + N - 1).every((s) => s === 'closed')).toBe(true);
    expect(states[F + N - 1]).toBe('open');
    expect(states[F + N - 1 + COOL]).toBe('open'); // the half-open trial at 316 failed
    expect(states[F + N - 1 + 3 * COOL]).toBe('closed'); // trial at 340 succeeded
    expect(states.slice(F + N - 1 + 3 * COOL).every((s) => s === 'closed')).toBe(true);
    expect(p.guards.g5.errors).toBe(N + 2);
    expect(p.guards.g5.skipped).toBe(3 * (COOL - 1));
    expect(metrics.component('indicators.5m').errors).toBe(N + 2);
    expect(metrics.component('indicators.5m').lastError).toBe('injected indicators.5m fault');
    // outputs: rows before identical, null while down, ready again after the warm-up
    for (let i = 0; i < F; i++) expect(snaps[i]!.row).toEqual(clean[i]!.row);
    for (let i = F; i < F + N - 1 + 3 * COOL; i++) expect(allNull(snaps[i]!.row)).toBe(true);
    expect(snaps[F + N - 1 + 3 * COOL + 20]!.row!.atr).not.toBeNull();
    // the rest ran untouched: 30m columns and the 30m / regime matrices, bit for bit
    for (let i = 0; i < BARS.length; i++) {
      expect(snaps[i]!.row30).toEqual(clean[i]!.row30);
      expect(snaps[i]!.m30).toEqual(clean[i]!.m30);
      expect(snaps[i]!.reg).toEqual(clean[i]!.reg);
    }
    // the 5m matrix restarted with its stage, and fills again
    expect(snaps[F]!.m5).toBeNull();
    expect(snaps.at(-1)!.m5).not.toBeNull();
  }, 120_000);

  it('30m stage itself throwing: 30m columns null for those bars, 5m outputs identical', () => {
    const F = 60, L = 70; // 30m bars 60–69 throw
    const metrics = new Metrics();
    // the stage, not one indicator (that case: tests/unit/engine/pipeline-faults.test.ts)
    const { snaps, p } = run((stage, _step, n30) => stage === 'indicators.30m' && n30 >= F && n30 < L, metrics);
    const at30 = snaps.map((s, i) => ({ s, i })).filter(({ s }) => s.row30 !== null);
    // 30m bars 60–64 fail (open at 64), 65 skipped, 66 trial fails, 67 skipped, 68 fails, 69 skipped, 70 closes
    expect(at30.slice(F, L).every(({ s }) => allNull(s.row30))).toBe(true);
    expect(at30[F + N - 1]!.s.b30).toBe('open');
    expect(at30[L]!.s.b30).toBe('closed');
    expect(at30[L]!.s.row30!.hour_sin).not.toBeNull(); // it ran again (the rest warms up from scratch)
    expect(p.guards.g30.errors).toBe(N + 2);
    expect(metrics.component('indicators.30m.mmd').errors).toBe(0); // the stage failed before its indicators ran
    expect(metrics.component('indicators.30m').errors).toBe(N + 2);
    expect(p.last30).toEqual(at30.at(-1)!.s.row30);
    // matrices of the 30m stage restarted; the 5m side is bit-identical throughout
    expect(at30[F]!.s.m30).toBeNull();
    for (let i = 0; i < BARS.length; i++) {
      expect(snaps[i]!.row).toEqual(clean[i]!.row);
      expect(snaps[i]!.m5).toEqual(clean[i]!.m5);
    }
    for (let j = 0; j < F; j++) expect(at30[j]!.s.row30).toEqual(clean[at30[j]!.i]!.row30);
  }, 120_000);

  it('matrix appends throwing: every indicator column identical, matrices restart and refill', () => {
    const F = 400, L = 403; // 3 failures: below N, the breaker stays closed
    const { snaps, p } = run((stage, step) => stage === 'matrices' && step >= F && step < L);
    expect(snaps.every((s) => s.bm === 'closed')).toBe(true);
    expect(p.guards.matrices.errors).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < BARS.length; i++) {
      expect(snaps[i]!.row).toEqual(clean[i]!.row);
      expect(snaps[i]!.row30).toEqual(clean[i]!.row30);
    }
    for (let i = 0; i < F; i++) expect(snaps[i]!.m5).toEqual(clean[i]!.m5);
    expect(snaps[F]!.m5).toBeNull();
    expect(snaps[F]!.m30).toBeNull();
    expect(snaps[L + 60]!.m5).not.toBeNull(); // 60 rows later the 5m matrix is full again
  }, 120_000);

  it('a stage failing on every call: the breaker keeps it mostly off, trials every cool-down, the rest runs', () => {
    const { snaps, p } = run((stage) => stage === 'indicators.5m');
    const g = p.guards.g5;
    // N failures, then one trial per cool-down
    expect(g.errors).toBe(N + Math.floor((BARS.length - N) / COOL));
    expect(g.errors + g.skipped).toBe(BARS.length);
    expect(snaps.every((s) => allNull(s.row))).toBe(true);
    for (let i = 0; i < BARS.length; i++) expect(snaps[i]!.row30).toEqual(clean[i]!.row30);
  }, 120_000);
});
