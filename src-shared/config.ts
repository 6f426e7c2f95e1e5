// The config schema (zod) with SPEC's defaults. Sections grow with the pipeline; every key is
// `section.key` as SPEC writes it. Later issues add synergy, decision, risk, replay, alerts, logging.
import { z } from './zod.ts';

const pos = () => z.number().finite().positive();
const int = (min: number) => z.number().int().min(min);

export const IndicatorConfig = z.object({
  /** 30m oscillator source price (SPEC §2.0): Heikin-Ashi close (= OHLC4) or the plain close */
  source30: z.enum(['ha_close', 'close']).default('ha_close'),
  mlmi: z.object({
    k: int(1).default(200),
    ma_quick: int(1).default(5),
    ma_slow: int(2).default(20),
    rsi_quick: int(1).default(5),
    rsi_slow: int(2).default(20),
    momentum_window: int(1).default(20),
    ma_period: int(1).default(20),
    max_records: int(1).default(10_000),
  }).prefault({}),
  nwrqk: z.object({
    h: pos().default(8),
    r: pos().default(8),
    x0: int(1).default(25),
    lag: int(0).default(2),
    smooth_colors: z.boolean().default(false),
  }).prefault({}),
  fvg: z.object({
    body_lookback: int(1).default(10),
    body_multiplier: pos().default(1.5),
    body_floor: pos().default(0.001),
    min_gap_pct: z.number().min(0).max(1).default(0.001),
    max_age: int(1).default(50),
  }).prefault({}),
  lvn: z.object({
    profile_window: int(2).default(20),
    /** price grid step; null = the instrument's tick size */
    tick_size: pos().nullable().default(null),
    strength_threshold: z.number().min(0).max(1).default(0.7),
    history: int(2).default(100),
    interaction_lookback: int(1).default(50),
    test_threshold: z.number().min(0).max(1).default(0.5),
  }).prefault({}),
  mmd: z.object({
    test_window: int(3).default(100),
    ref_samples: int(10).default(1000),
    sigma_samples: int(2).default(200),
    seed: z.number().int().default(42),
  }).prefault({}),
  atr: z.object({ period: int(1).default(14) }).prefault({}),
});
export type IndicatorConfig = z.infer<typeof IndicatorConfig>;

export const MatrixConfig = z.object({
  window_30m: int(1).default(48),
  window_5m: int(1).default(60),
  window_regime: int(1).default(96),
}).prefault({});
export type MatrixConfig = z.infer<typeof MatrixConfig>;

export const Config = z.object({
  version: z.literal(1).default(1),
  indicators: IndicatorConfig.prefault({}),
  matrices: MatrixConfig,
});
export type Config = z.infer<typeof Config>;

/** SPEC's defaults, the `spec` profile. */
export const DEFAULT_CONFIG: Config = Config.parse({});
