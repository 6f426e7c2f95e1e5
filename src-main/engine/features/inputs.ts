// Plain per-bar input records for the matrix assemblers (SPEC §3). The assemblers never import the
// indicator classes: the pipeline copies the indicator readings of one bar into one record, so the
// assemblers can be fed and tested on their own. Names follow SPEC §2 and §3.
// Values of a not-ready group are ignored (indicators report 0 then); once a matrix has its first
// row, every group must stay ready (see assembler.ts).

/** One 30m bar close (SPEC §3.1). */
export interface Row30mInput {
  /** 30m bar start, UTC epoch ms; must increase strictly from call to call */
  readonly barStart: number;
  /** P: the standard 30m close, > 0 */
  readonly close: number;
  readonly mlmiReady: boolean;
  /** kNN vote sum, in [−k, k] */
  readonly mlmiValue: number;
  /** −1 / 0 / +1 */
  readonly mlmiSignal: number;
  /** the configured neighbour count k (indicators.mlmi.k) */
  readonly mlmiK: number;
  readonly nwrqkReady: boolean;
  readonly yhat1: number;
  readonly nwrqkSlope: number;
  readonly lvnReady: boolean;
  /** true when the LVN set is empty: distance and strength are then ignored and their columns are 0 */
  readonly lvnEmpty: boolean;
  /** |price − nearest LVN| in points */
  readonly lvnDistance: number;
  /** strength score, 0–100 */
  readonly lvnStrength: number;
  /** sin(2πh/24), h = hour + minute/60 of the bar start in exchange time (see hourSin) */
  readonly hourSin: number;
  readonly hourCos: number;
}

/** One 5m bar close (SPEC §3.2). FVG values are ready from the FVG's own bar 0 on. */
export interface Row5mInput {
  /** 5m bar start, UTC epoch ms; must increase strictly */
  readonly barStart: number;
  /** P: the 5m close, > 0 */
  readonly close: number;
  readonly fvgBullActive: boolean;
  readonly fvgBearActive: boolean;
  /** nearest active gap's mid level; 0 (or less) = none */
  readonly fvgNearestLevel: number;
  readonly fvgMitigation: boolean;
  readonly momentum5Ready: boolean;
  /** price_momentum_5 in percent, already clipped to ±10 by the feature */
  readonly momentum5: number;
  readonly volumeRatioReady: boolean;
  readonly volumeRatio: number;
  /** gap size of the nearest gap in percent of price */
  readonly fvgGapSizePct: number;
}

/** One 30m bar close for the regime matrix (SPEC §3.3). */
export interface RowRegimeInput {
  /** 30m bar start, UTC epoch ms; must increase strictly */
  readonly barStart: number;
  readonly mmdReady: boolean;
  /** the 23 raw MMD-vector values of SPEC §2.5, in its order */
  readonly mmd: ArrayLike<number>;
  /** volatility_30, volume_profile_skew and price_acceleration_30 (SPEC §2.6) */
  readonly feat30Ready: boolean;
  readonly volatility30: number;
  readonly volumeProfileSkew: number;
  readonly priceAcceleration30: number;
}

export const MMD_DIMS = 23;

/** Thrown on a broken input invariant (NaN, a bar out of order, readiness lost). State is unchanged. */
export class FeatureInputError extends Error {
  override name = 'FeatureInputError';
}

/** h = hour + minute/60 of the bar start in exchange time → the time_hour_sin column (SPEC §2.6). */
export function hourSin(h: number): number {
  return Math.sin((2 * Math.PI * h) / 24);
}

export function hourCos(h: number): number {
  return Math.cos((2 * Math.PI * h) / 24);
}

/** The name of the first non-finite field among `names`, or null. */
export function firstNonFinite<T>(input: T, names: readonly (keyof T & string)[]): string | null {
  for (const k of names) if (!Number.isFinite(input[k] as unknown as number)) return k;
  return null;
}
