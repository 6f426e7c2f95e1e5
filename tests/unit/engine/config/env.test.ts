import { describe, it, expect } from 'vitest';
import { applyOverrides, envName, parseEnvValue, readEnvOverrides } from '../../../../src-main/engine/config/env.ts';
import { configSources } from '../../../../src-main/engine/config/sources.ts';
import { validateConfig } from '../../../../src-main/engine/config/validate.ts';
import { leafPaths } from '../../../../src-main/engine/config/schema-paths.ts';

describe('environment overrides', () => {
  it('names every key ALGOSPACE_<PATH> upper-cased with . → _', () => {
    expect(envName('risk.risk_per_trade')).toBe('ALGOSPACE_RISK_RISK_PER_TRADE');
    expect(envName('indicators.mlmi.k')).toBe('ALGOSPACE_INDICATORS_MLMI_K');
  });

  it('parses values as JSON when possible, else as text', () => {
    expect(parseEnvValue('0.02')).toBe(0.02);
    expect(parseEnvValue('true')).toBe(true);
    expect(parseEnvValue('null')).toBe(null);
    expect(parseEnvValue('max')).toBe('max');
    expect(parseEnvValue('"150"')).toBe('150');
  });

  it('overrides a number, a boolean, a nested indicator key and an enum', () => {
    const env = readEnvOverrides({
      ALGOSPACE_RISK_RISK_PER_TRADE: '0.02',
      ALGOSPACE_INDICATORS_NWRQK_SMOOTH_COLORS: 'true',
      ALGOSPACE_INDICATORS_MLMI_K: '150',
      ALGOSPACE_REPLAY_DEFAULT_SPEED: 'max',
      PATH: '/usr/bin',
    });
    expect(env.problems).toEqual([]);
    const file = { risk: { risk_per_trade: 0.005, stop_atr: 3 } };
    const v = validateConfig(applyOverrides(file, env));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.config.risk.risk_per_trade).toBe(0.02); // env beats the file
    expect(v.config.risk.stop_atr).toBe(3);
    expect(v.config.indicators.nwrqk.smooth_colors).toBe(true);
    expect(v.config.indicators.mlmi.k).toBe(150);
    expect(v.config.replay.default_speed).toBe('max');
    expect(file.risk.risk_per_trade).toBe(0.005); // the file value is not mutated
    expect(env.vars.get('indicators.mlmi.k')).toBe('ALGOSPACE_INDICATORS_MLMI_K');
  });

  it('reports a variable that names no key, and one with a bad value; both are ignored', () => {
    const env = readEnvOverrides({
      ALGOSPACE_RISK_RISK_PER_TRAD: '0.02',
      ALGOSPACE_RISK_MAX_CONTRACTS: '2.5',
      ALGOSPACE_RISK_STOP_ATR: '3',
    });
    expect(env.problems).toEqual([
      {
        code: 'config-env-invalid', field: 'risk.max_contracts', expected: 'an integer', got: '2.5',
        message: 'ALGOSPACE_RISK_MAX_CONTRACTS: risk.max_contracts: must be an integer, got 2.5; the override is ignored',
      },
      {
        code: 'config-env-unknown', field: 'ALGOSPACE_RISK_RISK_PER_TRAD', got: 'ALGOSPACE_RISK_RISK_PER_TRAD',
        expected: 'ALGOSPACE_<SECTION>_<KEY> of a config key',
        message: 'ALGOSPACE_RISK_RISK_PER_TRAD: names no config key (did you mean ALGOSPACE_RISK_RISK_PER_TRADE?); the override is ignored',
      },
    ]);
    expect([...env.values]).toEqual([['risk.stop_atr', 3]]);
  });

  it('leaves the app\'s own ALGOSPACE_* variables alone', () => {
    const env = readEnvOverrides({ ALGOSPACE_PORT: '8080', ALGOSPACE_WORKER: '/x.ts', ALGOSPACE_MMD_THREADS: '1', ALGOSPACE_SHARED_DATA: '/d' });
    expect(env.problems).toEqual([]);
    expect(env.values.size).toBe(0);
  });
});

describe('sources', () => {
  it('env beats file beats default, for every leaf key', () => {
    const env = readEnvOverrides({ ALGOSPACE_RISK_STOP_ATR: '3' });
    const s = configSources({ risk: { stop_atr: 2, target_rr: 2 }, indicators: { mlmi: { k: 100 } } }, env.values);
    expect(Object.keys(s)).toEqual(leafPaths());
    expect(s['risk.stop_atr']).toBe('env');
    expect(s['risk.target_rr']).toBe('file');
    expect(s['indicators.mlmi.k']).toBe('file');
    expect(s['indicators.mlmi.ma_slow']).toBe('default');
    expect(s['logging.level']).toBe('default');
    expect(Object.values(s).filter((x) => x !== 'default')).toHaveLength(3);
  });
});
