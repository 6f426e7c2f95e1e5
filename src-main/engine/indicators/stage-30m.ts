// The 30m stage of a step (SPEC §1.6 step 3): MLMI, NW-RQK, LVN, MMD and the 30m features, their
// CLI columns, and the 30m structure and regime matrix rows.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { IndicatorRow } from '../../store/indicator-values.ts';
import { Mlmi, type MlmiOut } from './mlmi.ts';
import { NwRqk, type NwRqkOut } from './nwrqk.ts';
import { Lvn, type LvnOutput } from './lvn.ts';
import { Mmd, MMD_VECTOR_SIZE, type MmdOutput } from './mmd.ts';
import { PriceAcceleration30, Volatility30, VolumeProfileSkew, timeOfDay, type FeatureOutput, type TimeOfDay } from './features-30m.ts';
import { Matrix30mAssembler } from '../features/matrix-30m.ts';
import { MatrixRegimeAssembler } from '../features/matrix-regime.ts';

const MMD_COLUMNS = Array.from({ length: MMD_VECTOR_SIZE }, (_, i) => `mmd_${i}`);

export const COLUMNS_30M = [
  'mlmi', 'mlmi_ma', 'mlmi_signal', 'mlmi_records', 'nwrqk', 'nwrqk_yhat2', 'nwrqk_slope', 'nwrqk_signal',
  'lvn_price', 'lvn_strength', 'lvn_distance', 'lvn_poc', ...MMD_COLUMNS,
  'volatility_30', 'volume_profile_skew', 'price_acceleration_30', 'hour_sin', 'hour_cos',
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
  readonly #k: number;
  readonly #tz: string;
  readonly #tod: TimeOfDay = { sin: 0, cos: 0 };
  readonly #mmdIdle = { ready: false, vector: new Float64Array(MMD_VECTOR_SIZE) };
  // the outputs of the last update (objects the indicators own and reuse), for the matrix rows
  #md: MmdOutput | null = null;
  #mdT = NaN;
  #ml: MlmiOut | null = null;
  #nw: NwRqkOut | null = null;
  #lv: LvnOutput | null = null;
  #vo: FeatureOutput | null = null;
  #sk: FeatureOutput | null = null;
  #ac: FeatureOutput | null = null;
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
  }

  /** MMD's part of update(), callable first so the pipeline can time the costly indicator apart. */
  updateMmd(bar: Bar): void {
    this.#md = bar.t < this.skipMmdBefore ? this.#mmdIdle : this.mmd.update(bar);
    this.#mdT = bar.t;
  }

  /** The 30m indicators for a closed 30m bar (MMD too unless updateMmd ran for it). */
  /** MLMI and NW-RQK outputs of the last update (reused objects; read within the same step) */
  get lastMlmi(): MlmiOut | null { return this.#ml; }
  get lastNwrqk(): NwRqkOut | null { return this.#nw; }

  update(bar: Bar): IndicatorRow {
    const ml = (this.#ml = this.mlmi.update(bar));
    const nw = (this.#nw = this.nwrqk.update(bar));
    const lv = (this.#lv = this.lvn.update(bar));
    if (this.#mdT !== bar.t) this.updateMmd(bar);
    const md = this.#md!;
    const vo = (this.#vo = this.volatility.update(bar));
    const sk = (this.#sk = this.skew.update(bar));
    const ac = (this.#ac = this.accel.update(bar));
    const tod = timeOfDay(bar.t, this.#tz, this.#tod);
    const lvnKnown = lv.ready || lv.empty;
    const row: IndicatorRow = {
      mlmi: ml.ready ? ml.value : null,
      mlmi_ma: ml.maReady ? ml.ma : null,
      mlmi_signal: ml.signalReady ? ml.signal : null,
      mlmi_records: ml.records,
      nwrqk: nw.ready ? nw.yhat1 : null,
      nwrqk_yhat2: nw.ready ? nw.yhat2 : null,
      nwrqk_slope: nw.slopeReady ? nw.slope : null,
      nwrqk_signal: nw.signalReady ? nw.signal : null,
      lvn_price: lv.ready ? lv.nearestPrice : null,
      lvn_strength: lv.ready ? lv.strength : null,
      lvn_distance: lv.ready ? lv.distance : null,
      lvn_poc: lvnKnown ? lv.poc : null,
    };
    for (let i = 0; i < MMD_VECTOR_SIZE; i++) row[MMD_COLUMNS[i]!] = md.ready ? md.vector[i]! : null;
    row.volatility_30 = vo.ready ? vo.value : null;
    row.volume_profile_skew = sk.ready ? sk.value : null;
    row.price_acceleration_30 = ac.ready ? ac.value : null;
    row.hour_sin = tod.sin;
    row.hour_cos = tod.cos;
    return row;
  }

  /** The 30m structure and regime matrix rows of the bar of the last update (SPEC §1.6 step 3). */
  appendMatrixRows(bar: Bar): void {
    const ml = this.#ml, nw = this.#nw, lv = this.#lv, md = this.#md, vo = this.#vo, sk = this.#sk, ac = this.#ac;
    if (!ml || !nw || !lv || !md || !vo || !sk || !ac) return;
    const tod = this.#tod;
    const lvnKnown = lv.ready || lv.empty;
    this.matrix30.update({
      barStart: bar.t, close: bar.c,
      mlmiReady: ml.ready && ml.signalReady, mlmiValue: ml.value, mlmiSignal: ml.signal, mlmiK: this.#k,
      nwrqkReady: nw.ready && nw.slopeReady, yhat1: nw.yhat1, nwrqkSlope: nw.slope,
      lvnReady: lvnKnown, lvnEmpty: lv.empty, lvnDistance: lv.distance, lvnStrength: lv.strength,
      hourSin: tod.sin, hourCos: tod.cos,
    });
    this.regime.update({
      barStart: bar.t, mmdReady: md.ready, mmd: md.vector,
      feat30Ready: vo.ready && sk.ready && ac.ready,
      volatility30: vo.value, volumeProfileSkew: sk.value, priceAcceleration30: ac.value,
    });
  }

  /** Back to a fresh state after a failure (indicators and matrices; skipMmdBefore is kept). */
  reset(): void {
    for (const s of [this.mlmi, this.nwrqk, this.lvn, this.mmd, this.volatility, this.skew, this.accel, this.matrix30, this.regime]) s.reset();
    this.#md = this.#ml = this.#nw = this.#lv = this.#vo = this.#sk = this.#ac = null;
    this.#mdT = NaN;
  }
}
