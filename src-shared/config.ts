// The config schema (zod) with SPEC's defaults. Sections grow with the pipeline; every key is
// `section.key` as SPEC writes it. Later issues add synergy, decision, risk, replay, alerts, logging.
import { z } from './zod.ts';
import { CALENDAR_IDS } from './instruments/types.ts';

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

const frac = () => z.number().finite().min(0).max(1);

/** SPEC §4: the synergy detector (Gate 1). Windows and cooldowns count 5m bars (market time). */
export const SynergyConfig = z.object({
  window_bars: int(1).default(10),
  cooldown_bars: int(0).default(5),
  required_signals: int(3).max(3).default(3),
  /** an MLMI signal counts when d·mlmi > mlmi_threshold·k */
  mlmi_threshold: frac().default(0.5),
  /** |relative NW-RQK slope| needed (⚠ SPEC: 0; the original's 0.3 was unreachable) */
  nwrqk_threshold: z.number().finite().min(0).default(0),
  nwrqk_max_slope: pos().default(0.001),
  fvg_min_size: frac().default(0.001),
  fvg_max_gap_pct: pos().default(0.01),
}).prefault({});

/** SPEC §5.1: the decision model's gate, and the rule path without a model. */
export const DecisionConfig = z.object({
  threshold: frac().default(0.65),
  mc_samples: int(1).default(50),
  /**
   * The rule path's bar on pattern_quality (SPEC §4.4). Issue 12 overrides SPEC's 0, which sent every
   * synergy to risk. 0.4 is the most the constant and timing terms give (0.1 + 0.3), so a synergy passes
   * only if its signals' strength pays for the bars it took (mean strength ≥ bars / (2·window_bars)).
   * `active` profile, the 66 synergies of the 5m training files: 21 pass (at 0: all 66); of the 47 with
   * ready matrices the rule passes 14, the shipped model at active's threshold 0.4 passes 19.
   */
  rule_threshold: z.number().finite().gt(0, { error: 'must be > 0: at 0 the rule path accepts every synergy' }).max(1).default(0.4),
  /** a decision waiting for the trader expires after this many bars of the replay's step (market time) */
  approval_expiry_bars: int(1).max(10_000).default(6),
}).prefault({});

/** SPEC §5.2: deterministic risk engine. Fractions are of account equity. */
export const RiskConfig = z.object({
  account_equity: pos().default(100_000),
  risk_per_trade: frac().default(0.01),
  max_risk_per_trade: frac().default(0.02),
  stop_atr: pos().default(2),
  target_rr: pos().default(1.5),
  min_rr: pos().default(1.5),
  max_contracts: int(1).default(5),
  max_open_positions: int(1).default(1),
  daily_loss_limit: frac().default(0.05),
  max_trades_per_day: int(1).default(10),
  max_consecutive_losses: int(1).default(3),
  max_drawdown: frac().default(0.15),
  max_bars_in_trade: int(1).default(100),
  /** the account's currency: equity, limits and booked P&L are in it (ISO 4217) */
  account_currency: z.string().regex(/^[A-Z]{3,4}$/, { error: 'an ISO 4217 code such as USD' }).default('USD'),
  /**
   * Stated conversion rates into the account currency: `EUR: 1.08` means 1 EUR = 1.08 USD. An instrument
   * in another currency trades only with its rate here (no silent 1:1).
   */
  fx_rates: z.record(z.string().regex(/^[A-Z]{3,4}$/), pos()).default({}),
}).prefault({});

export const ExecConfig = z.object({
  slippage_ticks: z.number().int().min(0).default(1),
  commission_per_contract: z.number().finite().min(0).default(2.5),
  /** paper mode only: approve every decision that passes risk without waiting (recorded per decision) */
  auto_approve: z.boolean().default(false),
}).prefault({});

export const ReplayConfig = z.object({
  default_speed: z.union([z.literal(1), z.literal(10), z.literal(100), z.literal('max')]).default(100),
  /**
   * Pause the replay at a synergy (before its decision can expire unseen, even at max speed) and go on
   * by itself when it needs no one: no decision, rejected by risk, or auto-approved. After the trader
   * approves or rejects the last pending decision, the replay resumes.
   */
  pause_on_decision: z.boolean().default(true),
}).prefault({});

/** Alert thresholds; defaults from the original's production-readiness report (seed). */
export const AlertConfig = z.object({
  decision_latency_ms: pos().default(20),
  memory_growth_mb: pos().default(50),
  error_rate: frac().default(0.001),
  /** consecutive failures of a pipeline stage that open its circuit breaker */
  breaker_failures: int(1).max(1_000).default(5),
  /** 5m steps (market time, so replays are deterministic) an open breaker waits before a trial call */
  breaker_cooldown_bars: int(1).max(100_000).default(12),
}).prefault({});

export const LoggingConfig = z.object({
  level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  max_file_mb: pos().default(10),
  retain_files: int(1).default(5),
}).prefault({});

/**
 * Bounds on what is read (issue 16): a file past one is refused with a clear message, never read
 * into memory first. The config file itself is bounded by constants (1 MiB, 100 aliases: a key in a
 * file cannot bound the reading of that file).
 */
export const LimitsConfig = z.object({
  /** the largest market-data file to import or replay, and the most a zip or gzip entry may inflate to */
  max_file_mb: int(1).max(65_536).default(2048),
  /** the longest line of a CSV file: a longer one is rejected by itself (market-data rows are far shorter) */
  max_line_kb: int(1).max(16_384).default(64),
  /** browser mode: the largest single upload (read when the server starts) */
  max_upload_mb: int(1).max(65_536).default(512),
  /** browser mode: all uploads of one server session together (read when the server starts) */
  upload_quota_mb: int(1).max(262_144).default(2048),
}).prefault({});

/** The installed app's updates (electron-updater, from the release's publish feed): off unless the trader turns them on. */
export const UpdatesConfig = z.object({
  /** check for a newer release at start (packaged app only; read at start), download it and offer it on quit */
  check_on_start: z.boolean().default(false),
}).prefault({});

/** Mebibytes → bytes, for the `limits` keys. */
export const mib = (mb: number): number => mb * 1024 * 1024;

/** A user-defined instrument (issue 13): what the catalogue does not know, stated by the trader and checked like the rest. */
export const UserInstrument = z.object({
  symbol: z.string().regex(/^[A-Z0-9][A-Z0-9._/-]{0,23}$/, { error: 'upper-case letters, digits and . _ / -' }),
  name: z.string().min(1).optional(),
  kind: z.enum(['future', 'equity', 'fx', 'crypto']),
  exchange: z.string().min(1).default('user'),
  exchange_tz: z.string().min(1),
  tick_size: pos(),
  point_value: pos(),
  currency: z.string().regex(/^[A-Z]{3,4}$/, { error: 'an ISO 4217 code such as USD' }),
  /** null: the kind's usual step (1 contract/share, 1,000 FX units, 0.001 coins) */
  quantity_step: pos().nullable().default(null),
  /** null: the kind's usual lot (1 contract, 100 shares, 100,000 FX units, 1 coin) */
  lot_size: pos().nullable().default(null),
  calendar: z.enum(CALENDAR_IDS),
  commission: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('per_contract'), per_side: z.number().finite().min(0).nullable().default(null) }),
    z.object({ kind: z.literal('per_share'), per_share: z.number().finite().min(0), min_per_order: z.number().finite().min(0).default(0), max_pct_of_value: frac().default(1) }),
    z.object({ kind: z.literal('bps'), bps: z.number().finite().min(0), min_per_order: z.number().finite().min(0).default(0) }),
  ]),
});
export type UserInstrument = z.infer<typeof UserInstrument>;

export const Config = z.object({
  version: z.literal(1).default(1),
  indicators: IndicatorConfig.prefault({}),
  matrices: MatrixConfig,
  synergy: SynergyConfig,
  decision: DecisionConfig,
  risk: RiskConfig,
  exec: ExecConfig,
  replay: ReplayConfig,
  alerts: AlertConfig,
  logging: LoggingConfig,
  limits: LimitsConfig,
  updates: UpdatesConfig,
  /** instruments the catalogue does not have, defined by the trader */
  instruments: z.array(UserInstrument).default([]),
});
export type Config = z.infer<typeof Config>;

/** SPEC's defaults, the `spec` profile. */
export const DEFAULT_CONFIG: Config = Config.parse({});
