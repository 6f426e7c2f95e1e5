// The 5m stage of a step (SPEC §1.6 step 2 and 4): FVG, ATR, momentum and volume ratio, their CLI
// columns, the FVG zones for the chart, and the 5m matrix row.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { FvgZone } from '../../../src-shared/ipc.ts';
import type { IndicatorRow } from '../../store/indicator-values.ts';
import { Fvg, type FvgOutput } from './fvg.ts';
import { AtrWilder } from './atr.ts';
import { PriceMomentum5, VolumeRatio5m, type FeatureOutput } from './features-5m.ts';
import { Matrix5mAssembler } from '../features/matrix-5m.ts';

export const COLUMNS_5M = [
  'fvg_bull', 'fvg_bear', 'fvg_bull_active', 'fvg_bear_active', 'fvg_nearest_level', 'fvg_age',
  'fvg_gap_size', 'fvg_gap_size_pct', 'fvg_mitigation', 'atr', 'momentum_5', 'volume_ratio',
] as const;

interface OpenZone { dir: 1 | -1; lower: number; upper: number; from: number }

export class Stage5m {
  readonly fvg: Fvg;
  readonly atr: AtrWilder;
  readonly momentum = new PriceMomentum5();
  readonly volumeRatio = new VolumeRatio5m();
  readonly matrix: Matrix5mAssembler;
  // the outputs of the last update (objects the indicators own and reuse)
  #f: FvgOutput | null = null;
  #m: FeatureOutput | null = null;
  #v: FeatureOutput | null = null;
  /** active gaps as the chart knows them, keyed by `${from}:${dir}` */
  #open = new Map<string, OpenZone>();

  constructor(config: Config) {
    this.fvg = new Fvg(config.indicators.fvg);
    this.atr = new AtrWilder(config.indicators.atr);
    this.matrix = new Matrix5mAssembler(config.matrices.window_5m);
  }

  /** the FVG output of the last update (reused object; read within the same step) */
  get lastFvg(): FvgOutput | null { return this.#f; }

  /** Update the 5m indicators with a closed bar; zones created or ended on it go to `zones`. */
  update(bar: Bar, zones: FvgZone[]): IndicatorRow {
    const f = (this.#f = this.fvg.update(bar));
    const a = this.atr.update(bar);
    const m = (this.#m = this.momentum.update(bar));
    const v = (this.#v = this.volumeRatio.update(bar));
    this.#trackZones(bar, zones);
    const ready = f.ready;
    return {
      fvg_bull: f.flaggedBull, fvg_bear: f.flaggedBear,
      fvg_bull_active: ready ? f.bullActive : null, fvg_bear_active: ready ? f.bearActive : null,
      fvg_nearest_level: ready ? f.nearestLevel : null, fvg_age: ready ? f.age : null,
      fvg_gap_size: ready ? f.gapSize : null, fvg_gap_size_pct: ready ? f.gapSizePct : null,
      fvg_mitigation: ready ? f.mitigation : null,
      atr: a.ready ? a.value : null,
      momentum_5: m.ready ? m.value : null,
      volume_ratio: v.ready ? v.value : null,
    };
  }

  /** SPEC §1.6 step 4, after the 30m stage of the same step. Nothing before the first update (or after reset). */
  appendMatrixRow(bar: Bar): Float32Array | null {
    const f = this.#f, m = this.#m, v = this.#v;
    if (!f || !m || !v) return null;
    return this.matrix.update({
      barStart: bar.t, close: bar.c,
      fvgBullActive: f.bullActive === 1, fvgBearActive: f.bearActive === 1, fvgNearestLevel: f.nearestLevel,
      fvgMitigation: f.mitigation === 1, fvgGapSizePct: f.gapSizePct,
      momentum5Ready: m.ready, momentum5: m.value,
      volumeRatioReady: v.ready, volumeRatio: v.value,
    });
  }

  /**
   * Back to a fresh state after a failure (the indicators may hold a half-done update). The chart's
   * open zones are kept: the first update after recovery ends them (the FVG then has none active).
   */
  reset(): void {
    this.fvg.reset();
    this.atr.reset();
    this.momentum.reset();
    this.volumeRatio.reset();
    this.matrix.reset();
    this.#f = this.#m = this.#v = null;
  }

  /** Diff the FVG's active gaps against the open zones: new ones start, missing ones end. */
  #trackZones(bar: Bar, zones: FvgZone[]): void {
    const seen = new Set<string>();
    this.fvg.forEachActive((dir, lower, upper, createdT) => {
      const key = `${createdT}:${dir}`;
      seen.add(key);
      if (!this.#open.has(key)) {
        const z = { dir, lower, upper, from: createdT };
        this.#open.set(key, z);
        zones.push({ ...z, to: null, end: null });
      }
    });
    for (const [key, z] of this.#open) {
      if (seen.has(key)) continue;
      this.#open.delete(key);
      zones.push({ ...z, to: bar.t, end: endReason(z, bar) });
    }
  }
}

/** Why a gap left the active set on `bar`, by SPEC §2.3's lifecycle order. */
function endReason(z: OpenZone, bar: Bar): FvgZone['end'] {
  if (z.dir === 1) {
    if (bar.c < z.lower) return 'invalidated';
    if (bar.l <= z.upper) return 'mitigated';
    return 'expired';
  }
  if (bar.c > z.upper) return 'invalidated';
  if (bar.h >= z.lower) return 'mitigated';
  return 'expired';
}
