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

export interface ComputeResult { bars5m: number; bars30m: number; zones: number }

export interface ComputeOptions {
  /** stage timings and errors (the engine's registry); the store writes are timed as `store` */
  metrics?: Metrics | null;
  /** test hook: make a pipeline stage throw */
  faults?: Faults | null;
}

export function computeIndicators(db: WriteDb, instrumentId: number, spec: InstrumentSpec, config: Config, o: ComputeOptions = {}): ComputeResult {
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
  for (const b of [...iterateBars(db, instrumentId, inputMinutes, -8.64e15, 8.64e15)]) k.step(b);
  k.finish();
  const store = o.metrics?.component('store');
  const t0 = store ? store.now() : 0;
  upsertIndicatorValues(db, instrumentId, 5, hash, rows5);
  upsertIndicatorValues(db, instrumentId, 30, hash, rows30);
  if (has5m) upsertFvgZones(db, instrumentId, [...zones.values()]);
  if (store) store.observe(store.now() - t0, rows5.length + rows30.length);
  return { bars5m: rows5.length, bars30m: rows30.length, zones: has5m ? zones.size : 0 };
}
