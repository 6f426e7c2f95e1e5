// Feature names and shapes of the three matrices (SPEC §3), in SPEC's column order. This is the one
// file that spells them: the assemblers import the names, and a decision model records
// `featureSchemaHash()` at training time and refuses to run on a different schema.
import { createHash } from 'node:crypto';
import type { MatrixConfig } from '../../../src-shared/config.ts';

/** SPEC §3.1, 48 × 8 */
export const FEATURES_30M = [
  'mlmi_value',
  'mlmi_signal',
  'nwrqk_value',
  'nwrqk_slope',
  'lvn_distance_points',
  'lvn_nearest_strength',
  'time_hour_sin',
  'time_hour_cos',
] as const;

/** SPEC §3.2, 60 × 7 (settings.yaml order; fvg_gap_size_pct, not fvg_age) */
export const FEATURES_5M = [
  'fvg_bullish_active',
  'fvg_bearish_active',
  'fvg_nearest_level',
  'fvg_mitigation_signal',
  'price_momentum_5',
  'volume_ratio',
  'fvg_gap_size_pct',
] as const;

/** SPEC §3.3, 96 × 26: the 23-dim MMD vector of §2.5, then three 30m features of §2.6 */
export const FEATURES_REGIME = [
  'mmd_normal_market',
  'mmd_bull_market',
  'mmd_bear_market',
  'mmd_high_volatility',
  'mmd_low_volatility',
  'mmd_trending',
  'mmd_mean_reverting',
  'return',
  'log_return',
  'range',
  'volatility',
  'momentum_20',
  'momentum_50',
  'volume_ratio',
  'return_skewness',
  'return_kurtosis',
  'momentum_5',
  'momentum_10',
  'rsi14',
  'volatility_ratio',
  'volume_spike',
  'price_acceleration',
  'mmd_mean',
  'volatility_30',
  'volume_profile_skew',
  'price_acceleration_30',
] as const;

export type Feature30m = (typeof FEATURES_30M)[number];
export type Feature5m = (typeof FEATURES_5M)[number];
export type FeatureRegime = (typeof FEATURES_REGIME)[number];

export const MATRIX_NAMES = ['structure_30m', 'tactical_5m', 'regime_30m'] as const;
export type MatrixName = (typeof MATRIX_NAMES)[number];

export interface MatrixSchema {
  readonly name: MatrixName;
  readonly rows: number;
  readonly features: readonly string[];
}

/**
 * Bump when a column's normalisation changes without a name or shape change: a model trained on
 * the old meaning must then fail the hash check too.
 */
export const NORMALISATION_VERSION = 1;

export const DEFAULT_ROWS: Readonly<Record<MatrixName, number>> = { structure_30m: 48, tactical_5m: 60, regime_30m: 96 };

/** The three schemas for the configured windows (`matrices.window_*`), SPEC's N by default. */
export function featureSchema(windows: Partial<MatrixConfig> = {}): readonly MatrixSchema[] {
  return [
    { name: 'structure_30m', rows: windows.window_30m ?? DEFAULT_ROWS.structure_30m, features: FEATURES_30M },
    { name: 'tactical_5m', rows: windows.window_5m ?? DEFAULT_ROWS.tactical_5m, features: FEATURES_5M },
    { name: 'regime_30m', rows: windows.window_regime ?? DEFAULT_ROWS.regime_30m, features: FEATURES_REGIME },
  ];
}

/** SPEC's shapes: 48 × 8, 60 × 7, 96 × 26. */
export const FEATURE_SCHEMA: readonly MatrixSchema[] = featureSchema();

/** sha256 (hex) of the canonical JSON of names and shapes (+ dtype and NORMALISATION_VERSION). */
export function featureSchemaHash(schema: readonly MatrixSchema[] = FEATURE_SCHEMA): string {
  // fixed key order, so the hash does not depend on how the objects were built
  const canonical = {
    version: NORMALISATION_VERSION,
    dtype: 'float32',
    matrices: schema.map((m) => ({ name: m.name, rows: m.rows, features: [...m.features] })),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
