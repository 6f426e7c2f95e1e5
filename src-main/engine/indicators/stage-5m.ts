// The 5m stage of a step (SPEC §1.6 step 2 and 4): FVG, ATR, momentum and volume ratio, their CLI
// columns, the FVG zones for the chart, and the 5m matrix row.
//
// Each indicator is a unit (unit.ts) the pipeline runs under its own guard: fvg (with the chart's
// zones), atr, and the two features. A unit that throws is reset alone; fvg and features also
// restart the 5m matrix (its rows need both and must stay contiguous), atr feeds no matrix.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { FvgZone } from '../../../src-shared/ipc.ts';
import type { IndicatorRow } from '../../../src-shared/domain/indicators.ts';
import { Fvg, type FvgOutput } from './fvg.ts';
import { AtrWilder } from './atr.ts';
import { PriceMomentum5, VolumeRatio5m, type FeatureOutput } from './features-5m.ts';
import { Matrix5mAssembler } from '../features/matrix-5m.ts';
import { nullRow, type IndicatorUnit } from './unit.ts';

const FVG_COLUMNS = [
  'fvg_bull', 'fvg_bear', 'fvg_bull_active', 'fvg_bear_active', 'fvg_nearest_level', 'fvg_age',
  'fvg_gap_size', 'fvg_gap_size_pct', 'fvg_mitigation',
] as const;
const FEATURE_COLUMNS = ['momentum_5', 'volume_ratio'] as const;

export const COLUMNS_5M = [...FVG_COLUMNS, 'atr', ...FEATURE_COLUMNS] as const;

interface OpenZone { dir: 1 | -1; lower: number; upper: number; from: number }

export class Stage5m {
  readonly fvg: Fvg;
  readonly atr: AtrWilder;
  readonly momentum = new PriceMomentum5();
  readonly volumeRatio = new VolumeRatio5m();
  readonly matrix: Matrix5mAssembler;
  /** the isolated units: fvg, atr, features */
  readonly units: readonly IndicatorUnit[];
  // the outputs of this bar's units (objects the indicators own and reuse); null: failed or skipped
  #f: FvgOutput | null = null;
  #m: FeatureOutput | null = null;
  #v: FeatureOutput | null = null;
  /** where this bar's zone changes go (set by begin) */
  #zones: FvgZone[] = [];
  /** active gaps as the chart knows them, keyed by `${from}:${dir}` */
  #open = new Map<string, OpenZone>();

  constructor(config: Config) {
    this.fvg = new Fvg(config.indicators.fvg);
    this.atr = new AtrWilder(config.indicators.atr);
    this.matrix = new Matrix5mAssembler(config.matrices.window_5m);
    this.units = [this.#fvgUnit(), this.#atrUnit(), this.#featureUnit()];
  }

  /** the FVG output of the last update (reused object; read within the same step); null if it failed */
  get lastFvg(): FvgOutput | null { return this.#f; }

  /** Start a closed bar: its row with every column null; zones created or ended on it go to `zones`. */
  begin(zones: FvgZone[]): IndicatorRow {
    this.#f = this.#m = this.#v = null;
    this.#zones = zones;
    return nullRow(COLUMNS_5M);
  }

  /** Update the 5m indicators with a closed bar, unguarded (the pipeline runs the units under guards). */
  update(bar: Bar, zones: FvgZone[]): IndicatorRow {
    const row = this.begin(zones);
    for (let i = 0; i < this.units.length; i++) this.units[i]!.update(bar, row);
    return row;
  }

  /** SPEC §1.6 step 4, after the 30m stage of the same step. Nothing before the first update, after a reset or a failed input. */
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
   * Back to a fresh state after a failure of the stage itself (the indicators may hold a half-done
   * update). The chart's open zones are kept: the first FVG update after recovery ends them (the
   * FVG then has none active).
   */
  reset(): void {
    this.fvg.reset();
    this.atr.reset();
    this.momentum.reset();
    this.volumeRatio.reset();
    this.matrix.reset();
    this.#f = this.#m = this.#v = null;
  }

  #fvgUnit(): IndicatorUnit {
    return {
      name: 'fvg', columns: FVG_COLUMNS,
      update: (bar, row) => {
        const f = (this.#f = this.fvg.update(bar));
        this.#trackZones(bar, this.#zones);
        const ready = f.ready;
        row.fvg_bull = f.flaggedBull;
        row.fvg_bear = f.flaggedBear;
        row.fvg_bull_active = ready ? f.bullActive : null;
        row.fvg_bear_active = ready ? f.bearActive : null;
        row.fvg_nearest_level = ready ? f.nearestLevel : null;
        row.fvg_age = ready ? f.age : null;
        row.fvg_gap_size = ready ? f.gapSize : null;
        row.fvg_gap_size_pct = ready ? f.gapSizePct : null;
        row.fvg_mitigation = ready ? f.mitigation : null;
      },
      // open zones are kept, as for a stage reset
      reset: () => { this.fvg.reset(); this.#f = null; this.matrix.reset(); },
    };
  }

  #atrUnit(): IndicatorUnit {
    return {
      name: 'atr', columns: ['atr'],
      update: (bar, row) => {
        const a = this.atr.update(bar);
        row.atr = a.ready ? a.value : null;
      },
      reset: () => { this.atr.reset(); },
    };
  }

  #featureUnit(): IndicatorUnit {
    return {
      name: 'features', columns: FEATURE_COLUMNS,
      update: (bar, row) => {
        const m = (this.#m = this.momentum.update(bar));
        const v = (this.#v = this.volumeRatio.update(bar));
        row.momentum_5 = m.ready ? m.value : null;
        row.volume_ratio = v.ready ? v.value : null;
      },
      reset: () => { this.momentum.reset(); this.volumeRatio.reset(); this.#m = this.#v = null; this.matrix.reset(); },
    };
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
