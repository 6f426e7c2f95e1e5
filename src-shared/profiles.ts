// Built-in config profiles: presets applied over a config, not a config key of their own.
//
// `spec` is SPEC's defaults. With them synergies are rare (SPEC's appendix: ~440 MLMI gate passes in
// five years of NQ 30m); on every 5m-capable file in shared/data they give 0 synergies in a few weeks.
// `active` loosens the gates so a few weeks of 1-minute data give several decisions to look at:
//   synergy.mlmi_threshold 0      every MLMI line cross counts (SPEC gate: |mlmi| > 0.5·k)
//   synergy.window_bars 36        3 hours of 5m bars for the three signals (SPEC 10; notebooks 30)
//   synergy.cooldown_bars 3       (SPEC 5)
//   synergy.fvg_min_size 0.0001   and indicators.fvg.min_gap_pct 0.0001: gaps of 0.01 % count
//                                 (SPEC 0.1 %, "strict on index futures")
//   indicators.mlmi.ma_period 5   MLMI's signal line reacts in 5 bars, not 20
//   decision.threshold 0.35       the shipped model's threshold, chosen by the walk-forward procedure
//                                 inside its training window (models/decision.card.json `threshold`:
//                                 best inner out-of-sample mean R). Its p spans 0.334–0.363, so at
//                                 SPEC's 0.65 (or the old 0.4) the model path would approve nothing
//   decision.rule_threshold       left at its default (0.4): that default was chosen on the
//                                 synergies this profile finds (config.ts), so it needs no loosening
// Measured synergy counts per file are in README ("Profiles").
import type { Config } from './config.ts';

export const PROFILE_NAMES = ['spec', 'active'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];


interface Preset {
  synergy?: Partial<Config['synergy']>;
  decision?: Partial<Config['decision']>;
  fvg?: Partial<Config['indicators']['fvg']>;
  mlmi?: Partial<Config['indicators']['mlmi']>;
}

const OVERRIDES: Record<ProfileName, Preset> = {
  spec: {},
  active: {
    synergy: { mlmi_threshold: 0, window_bars: 36, cooldown_bars: 3, fvg_min_size: 0.0001 },
    decision: { threshold: 0.35 },
    fvg: { min_gap_pct: 0.0001 },
    mlmi: { ma_period: 5 },
  },
};

export function isProfileName(x: unknown): x is ProfileName {
  return typeof x === 'string' && (PROFILE_NAMES as readonly string[]).includes(x);
}

/**
 * `base` with the profile's gates. `spec` restores SPEC's values for exactly the keys `active`
 * changes, so switching back and forth is lossless for every other key.
 */
export function applyProfile(base: Config, name: ProfileName, defaults: Config): Config {
  const keys = OVERRIDES.active;
  const src: Preset = name === 'spec'
    ? {
      synergy: pick(defaults.synergy, keys.synergy), decision: pick(defaults.decision, keys.decision),
      fvg: pick(defaults.indicators.fvg, keys.fvg), mlmi: pick(defaults.indicators.mlmi, keys.mlmi),
    }
    : OVERRIDES[name];
  return {
    ...base,
    synergy: { ...base.synergy, ...src.synergy },
    decision: { ...base.decision, ...src.decision },
    indicators: {
      ...base.indicators,
      fvg: { ...base.indicators.fvg, ...src.fvg },
      mlmi: { ...base.indicators.mlmi, ...src.mlmi },
    },
  };
}

/** Which profile a config matches on the keys profiles set; 'custom' when neither. */
export function profileOf(c: Config, defaults: Config): ProfileName | 'custom' {
  for (const name of PROFILE_NAMES) {
    const p = applyProfile(c, name, defaults);
    if (JSON.stringify(p) === JSON.stringify(c)) return name;
  }
  return 'custom';
}

function pick<T extends object>(from: T, keysOf: Partial<T> | undefined): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(keysOf ?? {}) as (keyof T)[]) out[k] = from[k];
  return out;
}

