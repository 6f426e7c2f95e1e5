import { describe, it, expect } from 'vitest';
import { Config, DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { applyProfile, profileOf } from '../../../src-shared/profiles.ts';

describe('config profiles', () => {
  it('spec is SPEC\'s defaults; active loosens exactly the documented gates', () => {
    expect(applyProfile(DEFAULT_CONFIG, 'spec', DEFAULT_CONFIG)).toEqual(DEFAULT_CONFIG);
    const a = applyProfile(DEFAULT_CONFIG, 'active', DEFAULT_CONFIG);
    expect(Config.parse(a)).toEqual(a); // still a valid config
    expect(a.synergy).toEqual({ ...DEFAULT_CONFIG.synergy, mlmi_threshold: 0, window_bars: 36, cooldown_bars: 3, fvg_min_size: 0.0001 });
    expect(a.decision).toEqual({ ...DEFAULT_CONFIG.decision, threshold: 0.35 });
    expect(a.indicators.fvg.min_gap_pct).toBe(0.0001);
    expect(a.indicators.mlmi.ma_period).toBe(5);
    expect(a.risk).toEqual(DEFAULT_CONFIG.risk);
    expect({ ...a.indicators, fvg: null, mlmi: null }).toEqual({ ...DEFAULT_CONFIG.indicators, fvg: null, mlmi: null });
  });

  it('switching back and forth keeps every other key, and profileOf names what a config matches', () => {
    const mine = { ...DEFAULT_CONFIG, risk: { ...DEFAULT_CONFIG.risk, risk_per_trade: 0.005 } };
    const act = applyProfile(mine, 'active', DEFAULT_CONFIG);
    expect(profileOf(act, DEFAULT_CONFIG)).toBe('active');
    const back = applyProfile(act, 'spec', DEFAULT_CONFIG);
    expect(back).toEqual(mine);
    expect(profileOf(back, DEFAULT_CONFIG)).toBe('spec');
    const custom = { ...act, synergy: { ...act.synergy, window_bars: 20 } };
    expect(profileOf(custom, DEFAULT_CONFIG)).toBe('custom');
  });
});
