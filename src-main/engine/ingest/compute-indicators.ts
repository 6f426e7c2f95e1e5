// (Re)compute the indicator values of one instrument from its stored bars, in the caller's
// transaction: 5m steps when 5m bars exist (30m values delivered per SPEC §1.6), else 30m steps.
// The stored step bars go through the kernel (kernel.ts, no trading side), so the stored values are
// those a replay of the same bars computes.
import type { WriteDb } from '../../store/db.ts';
import { hasBars, iterateBars } from '../../store/bars.ts';
import { deleteIndicatorValues, upsertFvgZones, upsertIndicatorValues } from '../../store/indicator-values.ts';
import type { IndicatorRow } from '../../../src-shared/domain/indicators.ts';
import type { StepOut } from '../pipeline.ts';
import { Kernel } from '../kernel/kernel.ts';
import { naturalMode } from '../kernel/mode.ts';
import { indicatorConfigHash } from '../indicator-columns.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments.ts';
import type { FvgZone } from '../../../src-shared/ipc.ts';
import type { Metrics } from '../health/metrics.ts';
import type { Faults } from '../health/guard.ts';
import type { ProgressMeter } from '../../../src-shared/progress.ts';
import { runJobSync, type Job } from './job.ts';

export interface ComputeResult { bars5m: number; bars30m: number; zones: number }

export interface ComputeOptions {
  /** stage timings and errors (the engine's registry); the store writes are timed as `store` */
  metrics?: Metrics | null;
  /** test hook: make a pipeline stage throw */
  faults?: Faults | null;
  /** the job's progress: phases `indicators` (bars through the kernel) and `writing` (rows stored) */
  meter?: ProgressMeter | null;
}

/** bars through the kernel between two yields, rows written between two yields */
const STEP_SLICE = 500;
const WRITE_SLICE = 5000;

export function computeIndicators(db: WriteDb, instrumentId: number, spec: InstrumentSpec, config: Config, o: ComputeOptions = {}): ComputeResult {
  return runJobSync(computeIndicatorSteps(db, instrumentId, spec, config, o));
}

/** The same, as a job that yields between slices (job.ts): a caller's transaction rolls back if it is cancelled. */
export function* computeIndicatorSteps(db: WriteDb, instrumentId: number, spec: InstrumentSpec, config: Config, o: ComputeOptions = {}): Job<ComputeResult> {
  const hash = indicatorConfigHash(config);
  deleteIndicatorValues(db, instrumentId);
  const has5m = hasBars(db, instrumentId, 5);
  const inputMinutes = has5m ? 5 : 30;
  const k = new Kernel({
    config, spec, mode: naturalMode(inputMinutes), inputMinutes, trading: null, metrics: o.metrics, faults: o.faults,
  });
  const rows5: { t: number; data: IndicatorRow }[] = [];
  const rows30: { t: number; data: IndicatorRow }[] = [];
  const zones = new Map<string, FvgZone>();
  const take = (out: StepOut) => {
    if (out.bar && out.row && has5m) rows5.push({ t: out.bar.t, data: out.row });
    if (out.bar30 && out.row30) rows30.push({ t: out.bar30.t, data: has5m ? out.row30 : { ...out.row30, ...out.row } });
    for (const z of out.zones) zones.set(`${z.from}:${z.dir}`, z); // an ended zone replaces its open record
  };
  k.listen({ step: ({ out }) => take(out) });
  const bars = [...iterateBars(db, instrumentId, inputMinutes, -8.64e15, 8.64e15)];
  const meter = o.meter;
  meter?.phase('indicators', bars.length, 'bars');
  for (let i = 0; i < bars.length; i++) {
    k.step(bars[i]!);
    if ((i + 1) % STEP_SLICE === 0) {
      meter?.tick(i + 1);
      yield;
    }
  }
  k.finish();
  meter?.tick(bars.length);
  yield* writeValues(db, instrumentId, hash, rows5, rows30, o);
  if (has5m) upsertFvgZones(db, instrumentId, [...zones.values()]);
  return { bars5m: rows5.length, bars30m: rows30.length, zones: has5m ? zones.size : 0 };
}

type Rows = { t: number; data: IndicatorRow }[];

function* writeValues(db: WriteDb, instrumentId: number, hash: string, rows5: Rows, rows30: Rows, o: ComputeOptions): Job<void> {
  const store = o.metrics?.component('store');
  const t0 = store ? store.now() : 0;
  const total = rows5.length + rows30.length;
  o.meter?.phase('writing', total, 'rows');
  let done = 0;
  for (const [tf, rows] of [[5, rows5], [30, rows30]] as const) {
    for (let i = 0; i < rows.length; i += WRITE_SLICE) {
      const part = rows.slice(i, i + WRITE_SLICE);
      upsertIndicatorValues(db, instrumentId, tf, hash, part);
      done += part.length;
      o.meter?.tick(done);
      yield;
    }
  }
  if (store) store.observe(store.now() - t0, total);
}

/**
 * Every listed instrument's stored values anew (new indicator parameters), as one job in ONE transaction:
 * cancelled or failed, every instrument keeps the values it had (made with the previous parameters).
 */
export function* recomputeSteps(db: WriteDb, instruments: readonly (InstrumentSpec & { id: number })[], config: Config, o: ComputeOptions = {}): Job<number> {
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const [k, inst] of instruments.entries()) {
      o.meter?.relabel(`${inst.symbol} (${k + 1} of ${instruments.length} instruments)`);
      yield* computeIndicatorSteps(db, inst.id, inst, config, o);
    }
    db.exec('COMMIT');
    return instruments.length;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}
