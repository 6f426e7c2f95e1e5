// The 30m stage of a step (SPEC §1.6 step 3): MLMI, NW-RQK, LVN, MMD and the 30m features, their
// CLI columns, and the 30m structure and regime matrix rows.
//
// Each indicator is a unit (unit.ts) the pipeline runs under its own guard: `begin` starts the bar's
// row (all null, plus the stateless time of day), each unit fills its own columns, and a unit that
// throws is reset alone, with the matrix its values feed (mlmi, nwrqk, lvn → structure matrix;
// mmd, features → regime matrix). A unit that failed or was skipped has no output for the bar, so
// the matrix it feeds gets no row then: that matrix was restarted and waits for all its inputs to
// be ready again, so its rows stay contiguous and nothing is filled in (features/assembler.ts).
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { IndicatorRow } from '../../../src-shared/domain/indicators.ts';
import { Mlmi, type MlmiOut } from './mlmi.ts';
import { NwRqk, type NwRqkOut } from './nwrqk.ts';
import { Lvn, type LvnOutput } from './lvn.ts';
import { Mmd, MMD_VECTOR_SIZE, type MmdOutput } from './mmd.ts';
import { PriceAcceleration30, Volatility30, VolumeProfileSkew, timeOfDay, type FeatureOutput, type TimeOfDay } from './features-30m.ts';
import { Matrix30mAssembler } from '../features/matrix-30m.ts';
import { MatrixRegimeAssembler } from '../features/matrix-regime.ts';
import { nullRow, type IndicatorNote, type IndicatorUnit } from './unit.ts';

const MMD_COLUMNS = Array.from({ length: MMD_VECTOR_SIZE }, (_, i) => `mmd_${i}`);
const MLMI_COLUMNS = ['mlmi', 'mlmi_ma', 'mlmi_signal', 'mlmi_records'] as const;
const NWRQK_COLUMNS = ['nwrqk', 'nwrqk_yhat2', 'nwrqk_slope', 'nwrqk_signal'] as const;
const LVN_COLUMNS = ['lvn_price', 'lvn_strength', 'lvn_distance', 'lvn_poc'] as const;
const FEATURE_COLUMNS = ['volatility_30', 'volume_profile_skew', 'price_acceleration_30'] as const;

export const COLUMNS_30M = [
  ...MLMI_COLUMNS, ...NWRQK_COLUMNS, ...LVN_COLUMNS, ...MMD_COLUMNS, ...FEATURE_COLUMNS, 'hour_sin', 'hour_cos',
] as const;

export class Stage30m {
  readonly mlmi: Mlmi;
  readonly nwrqk: NwRqk;
  readonly lvn: Lvn;
  readonly mmd: Mmd;
  readonly volatility = new Volatility30();
  readonly skew = new VolumeProfileSkew();
  readonly accel = new PriceAcceleration30();
  readonly matrix30: Matrix30mAssembler;
  readonly regime: MatrixRegimeAssembler;
  /** the isolated units, in SPEC's order: mlmi, nwrqk, lvn, mmd, features */
  readonly units: readonly IndicatorUnit[];
  /** one-time notes of the units (LVN's coarser grid); the pipeline sets it */
  onNote: ((n: IndicatorNote) => void) | null = null;
  readonly #k: number;
  readonly #tz: string;
  readonly #tod: TimeOfDay = { sin: 0, cos: 0 };
  readonly #mmdIdle = { ready: false, vector: new Float64Array(MMD_VECTOR_SIZE) };
  // the outputs of this bar's units (objects the indicators own and reuse); null: failed or skipped
  #md: MmdOutput | null = null;
  #ml: MlmiOut | null = null;
  #nw: NwRqkOut | null = null;
  #lv: LvnOutput | null = null;
  #vo: FeatureOutput | null = null;
  #sk: FeatureOutput | null = null;
  #ac: FeatureOutput | null = null;
  #lvnNoted = false;
  /**
   * MMD (the one expensive indicator, ~10 ms a bar) is skipped for bars starting before this time.
   * Its state is bounded (100 points, each with a σ over the 20 returns before it), so feeding it only
   * the last 122+ bars of a warm-up gives the same values afterwards as feeding the whole history.
   */
  skipMmdBefore = -Infinity;

  constructor(config: Config, tickSize: number, exchangeTz: string) {
    const c = config.indicators;
    this.mlmi = new Mlmi(c.mlmi, c.source30);
    this.nwrqk = new NwRqk(c.nwrqk, c.source30);
    this.lvn = new Lvn(tickSize, c.lvn);
    this.mmd = new Mmd(c.mmd);
    this.matrix30 = new Matrix30mAssembler(config.matrices.window_30m);
    this.regime = new MatrixRegimeAssembler(config.matrices.window_regime);
    this.#k = c.mlmi.k;
    this.#tz = exchangeTz;
    this.units = [this.#mlmiUnit(), this.#nwrqkUnit(), this.#lvnUnit(), this.#mmdUnit(), this.#featureUnit()];
  }

  /** MLMI and NW-RQK outputs of the last update (reused objects; read within the same step); null if it failed */
  get lastMlmi(): MlmiOut | null { return this.#ml; }
  get lastNwrqk(): NwRqkOut | null { return this.#nw; }

  /** Start a closed 30m bar: its row with every column null but the (stateless) time of day. */
  begin(bar: Bar): IndicatorRow {
    this.#md = this.#ml = this.#nw = this.#lv = this.#vo = this.#sk = this.#ac = null;
    const row = nullRow(COLUMNS_30M);
    const tod = timeOfDay(bar.t, this.#tz, this.#tod);
    row.hour_sin = tod.sin;
    row.hour_cos = tod.cos;
    return row;
  }

  /** The 30m indicators for a closed 30m bar, unguarded (the pipeline runs the units under guards). */
  update(bar: Bar): IndicatorRow {
    const row = this.begin(bar);
    for (let i = 0; i < this.units.length; i++) this.units[i]!.update(bar, row);
    return row;
  }

  /** The 30m structure and regime matrix rows of this bar (SPEC §1.6 step 3); a matrix whose inputs failed gets none. */
  appendMatrixRows(bar: Bar): void {
    const ml = this.#ml, nw = this.#nw, lv = this.#lv, md = this.#md, vo = this.#vo, sk = this.#sk, ac = this.#ac;
    if (ml && nw && lv) {
      const tod = this.#tod;
      this.matrix30.update({
        barStart: bar.t, close: bar.c,
        mlmiReady: ml.ready && ml.signalReady, mlmiValue: ml.value, mlmiSignal: ml.signal, mlmiK: this.#k,
        nwrqkReady: nw.ready && nw.slopeReady, yhat1: nw.yhat1, nwrqkSlope: nw.slope,
        lvnReady: lv.ready || lv.empty, lvnEmpty: lv.empty, lvnDistance: lv.distance, lvnStrength: lv.strength,
        hourSin: tod.sin, hourCos: tod.cos,
      });
    }
    if (md && vo && sk && ac) {
      this.regime.update({
        barStart: bar.t, mmdReady: md.ready, mmd: md.vector,
        feat30Ready: vo.ready && sk.ready && ac.ready,
        volatility30: vo.value, volumeProfileSkew: sk.value, priceAcceleration30: ac.value,
      });
    }
  }

  /** Back to a fresh state after a failure of the stage itself (indicators and matrices; skipMmdBefore is kept). */
  reset(): void {
    for (const s of [this.mlmi, this.nwrqk, this.lvn, this.mmd, this.volatility, this.skew, this.accel, this.matrix30, this.regime]) s.reset();
    this.#md = this.#ml = this.#nw = this.#lv = this.#vo = this.#sk = this.#ac = null;
  }

  #mlmiUnit(): IndicatorUnit {
    return {
      name: 'mlmi', columns: MLMI_COLUMNS,
      update: (bar, row) => {
        const ml = (this.#ml = this.mlmi.update(bar));
        row.mlmi = ml.ready ? ml.value : null;
        row.mlmi_ma = ml.maReady ? ml.ma : null;
        row.mlmi_signal = ml.signalReady ? ml.signal : null;
        row.mlmi_records = ml.records;
      },
      reset: () => { this.mlmi.reset(); this.#ml = null; this.matrix30.reset(); },
    };
  }

  #nwrqkUnit(): IndicatorUnit {
    return {
      name: 'nwrqk', columns: NWRQK_COLUMNS,
      update: (bar, row) => {
        const nw = (this.#nw = this.nwrqk.update(bar));
        row.nwrqk = nw.ready ? nw.yhat1 : null;
        row.nwrqk_yhat2 = nw.ready ? nw.yhat2 : null;
        row.nwrqk_slope = nw.slopeReady ? nw.slope : null;
        row.nwrqk_signal = nw.signalReady ? nw.signal : null;
      },
      reset: () => { this.nwrqk.reset(); this.#nw = null; this.matrix30.reset(); },
    };
  }

  #lvnUnit(): IndicatorUnit {
    return {
      name: 'lvn', columns: LVN_COLUMNS,
      update: (bar, row) => {
        const lv = (this.#lv = this.lvn.update(bar));
        row.lvn_price = lv.ready ? lv.nearestPrice : null;
        row.lvn_strength = lv.ready ? lv.strength : null;
        row.lvn_distance = lv.ready ? lv.distance : null;
        row.lvn_poc = lv.ready || lv.empty ? lv.poc : null;
        if (!this.#lvnNoted && this.lvn.gridStep !== this.lvn.tick) this.#noteCoarseGrid(bar);
      },
      reset: () => { this.lvn.reset(); this.#lv = null; this.matrix30.reset(); },
    };
  }

  /** Once per stage: the profile needed more levels than allowed, so LVN now bins by a multiple of the tick. */
  #noteCoarseGrid(bar: Bar): void {
    this.#lvnNoted = true;
    const p = this.lvn.profile();
    this.onNote?.({
      indicator: 'lvn', barT: bar.t,
      message: `the volume profile of the last ${this.lvn.warmup + 1} bars spans more than ${this.lvn.maxLevels} levels of ${p.tick}; ` +
        `LVN bins it by ${p.step} (${p.volumes.length} levels) on such bars and by the tick again when the range allows (give the instrument's tick)`,
    });
  }

  #mmdUnit(): IndicatorUnit {
    return {
      name: 'mmd', columns: MMD_COLUMNS,
      update: (bar, row) => {
        const md = (this.#md = bar.t < this.skipMmdBefore ? this.#mmdIdle : this.mmd.update(bar));
        if (md.ready) for (let i = 0; i < MMD_VECTOR_SIZE; i++) row[MMD_COLUMNS[i]!] = md.vector[i]!;
      },
      reset: () => { this.mmd.reset(); this.#md = null; this.regime.reset(); },
    };
  }

  #featureUnit(): IndicatorUnit {
    return {
      name: 'features', columns: FEATURE_COLUMNS,
      update: (bar, row) => {
        const vo = (this.#vo = this.volatility.update(bar));
        const sk = (this.#sk = this.skew.update(bar));
        const ac = (this.#ac = this.accel.update(bar));
        row.volatility_30 = vo.ready ? vo.value : null;
        row.volume_profile_skew = sk.ready ? sk.value : null;
        row.price_acceleration_30 = ac.ready ? ac.value : null;
      },
      reset: () => {
        this.volatility.reset(); this.skew.reset(); this.accel.reset();
        this.#vo = this.#sk = this.#ac = null;
        this.regime.reset();
      },
    };
  }
}
