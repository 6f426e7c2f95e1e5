import { describe, it, expect } from 'vitest';
import { validateConfig } from '../../../../src-main/engine/config/validate.ts';
import { parseYaml, defaultYaml } from '../../../../src-main/engine/config/load.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import type { Problem } from '../../../../src-shared/result.ts';

/** Parse + validate a YAML text the way the config service does. */
function check(yaml: string): Problem[] {
  const p = parseYaml(yaml);
  if (p.problems.length) return p.problems;
  const v = validateConfig(p.value, p.lineOf);
  return v.ok ? [] : v.problems;
}

describe('config schema messages', () => {
  it('accepts the default file and an empty one, both giving SPEC defaults', () => {
    for (const text of [defaultYaml(), '', '# nothing\n']) {
      const p = parseYaml(text);
      expect(p.problems).toEqual([]);
      const v = validateConfig(p.value);
      expect(v.ok && v.config).toEqual(DEFAULT_CONFIG);
    }
  });

  it('wrong type', () => {
    expect(check('risk:\n  risk_per_trade: abc\n')).toEqual([{
      code: 'config-type', field: 'risk.risk_per_trade', line: 2,
      message: 'risk.risk_per_trade: must be a number, got "abc"', expected: 'a number', got: '"abc"',
    }]);
    expect(check('indicators:\n  nwrqk:\n    smooth_colors: 1\n')[0]).toMatchObject({
      field: 'indicators.nwrqk.smooth_colors', message: 'indicators.nwrqk.smooth_colors: must be true or false, got 1', line: 3,
    });
    expect(check('risk: 5\n')[0]).toMatchObject({ code: 'config-type', field: 'risk', message: 'risk: must be a mapping of keys, got 5' });
    expect(check('- 1\n- 2\n')[0]).toMatchObject({ code: 'config-type', message: 'the config must be a mapping of sections (indicators, risk, …), got a list' });
  });

  it('above max and below min, inclusive and exclusive', () => {
    expect(check('risk:\n  risk_per_trade: 1.5\n')).toEqual([{
      code: 'config-too-big', field: 'risk.risk_per_trade', line: 2,
      message: 'risk.risk_per_trade: must be ≤ 1, got 1.5', expected: '≤ 1', got: '1.5',
    }]);
    expect(check('risk:\n  max_contracts: 0\n')[0]).toMatchObject({
      code: 'config-too-small', field: 'risk.max_contracts', message: 'risk.max_contracts: must be ≥ 1, got 0', expected: '≥ 1', got: '0',
    });
    expect(check('risk:\n  account_equity: 0\n')[0]).toMatchObject({
      code: 'config-too-small', field: 'risk.account_equity', message: 'risk.account_equity: must be > 0, got 0', expected: '> 0',
    });
    expect(check('synergy:\n  required_signals: 4\n')[0]).toMatchObject({ message: 'synergy.required_signals: must be ≤ 3, got 4' });
  });

  it('not an integer, not finite', () => {
    expect(check('indicators:\n  mlmi:\n    k: 2.5\n')).toEqual([{
      code: 'config-not-integer', field: 'indicators.mlmi.k', line: 3,
      message: 'indicators.mlmi.k: must be an integer, got 2.5', expected: 'an integer', got: '2.5',
    }]);
    expect(check('risk:\n  stop_atr: .inf\n')[0]).toMatchObject({
      code: 'config-not-finite', field: 'risk.stop_atr', message: 'risk.stop_atr: must be a finite number, got Infinity',
    });
  });

  it('unknown key, with a suggestion when close to a real one', () => {
    const ps = check('risk:\n  stop_atr: 2\n  stop_atrr: 3\n  colour: red\nextra: 1\n');
    expect(ps.map((p) => [p.code, p.field, p.line, p.message])).toEqual([
      ['config-unknown-key', 'risk.stop_atrr', 3, "risk.stop_atrr: unknown key (did you mean 'stop_atr'?)"],
      ['config-unknown-key', 'risk.colour', 4, 'risk.colour: unknown key'],
      ['config-unknown-key', 'extra', 5, 'extra: unknown key'],
    ]);
    expect(ps[0]!.expected).toMatch(/^one of account_equity, risk_per_trade, /);
  });

  it('unknown enum value, literal union, version', () => {
    expect(check('indicators:\n  source30: open\n')).toEqual([{
      code: 'config-enum', field: 'indicators.source30', line: 2,
      message: `indicators.source30: must be one of 'ha_close', 'close', got "open"`, expected: `one of 'ha_close', 'close'`, got: '"open"',
    }]);
    expect(check('replay:\n  default_speed: 5\n')[0]).toMatchObject({
      code: 'config-enum', field: 'replay.default_speed', message: `replay.default_speed: must be one of 1, 10, 100, 'max', got 5`,
    });
    expect(check('logging:\n  level: verbose\n')[0]!.message).toBe(`logging.level: must be one of 'debug', 'info', 'warn', 'error', got "verbose"`);
    expect(check('version: 2\n')[0]).toMatchObject({ code: 'config-enum', field: 'version', message: 'version: must be 1, got 2' });
  });

  it('null where a number is needed; null allowed where the schema says so', () => {
    expect(check('indicators:\n  nwrqk:\n    h: null\n')[0]!.message).toBe('indicators.nwrqk.h: must be a number, got null');
    expect(check('indicators:\n  lvn:\n    tick_size: null\n')).toEqual([]);
  });

  it('reports every problem, not just the first', () => {
    expect(check('risk:\n  risk_per_trade: 2\n  max_contracts: 0.5\nexec:\n  slippage_ticks: -1\n').map((p) => p.field))
      .toEqual(['risk.risk_per_trade', 'risk.max_contracts', 'exec.slippage_ticks']);
  });

  it('YAML syntax errors carry their line', () => {
    expect(check('risk:\n  stop_atr: 2\n  stop_atr: 3\n')).toEqual([{
      code: 'config-syntax', line: 3, message: 'line 3, column 3: Map keys must be unique', expected: 'valid YAML', got: 'DUPLICATE_KEY',
    }]);
    const [p] = check('risk:\n  stop_atr: 2\n  target_rr: [1.5\nexec: {}\n');
    expect(p).toMatchObject({ code: 'config-syntax', line: 4 });
    expect(p!.message).toMatch(/^line 4, column 1: Flow sequence/);
  });
});
