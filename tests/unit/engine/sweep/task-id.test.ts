// A task's hash changes with what decides its result (data, trading config, model, code version, timeframe,
// instrument) and with nothing else (key order, replay pacing).
import { describe, it, expect } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { resolveInstrument } from '../../../../src-shared/instruments.ts';
import { taskConfig } from '../../../../src-main/engine/sweep/expand.ts';
import { canonicalJson, taskHash, type TaskIdentity } from '../../../../src-main/engine/sweep/task-id.ts';

const spec = resolveInstrument('BTC-PERP', [])!;
const base: TaskIdentity = { data: 'a'.repeat(64), config: taskConfig(DEFAULT_CONFIG, 'spec', { 'risk.target_rr': 2 }), model: 'b'.repeat(64), timeframe: '5m', spec };
const h = (over: Partial<TaskIdentity>) => taskHash({ ...base, ...over });

describe('task hash', () => {
  it('is a sha256, the same for the same task', () => {
    expect(h({})).toMatch(/^[0-9a-f]{64}$/);
    expect(h({})).toBe(h({}));
  });

  it('changes with the data, the config, the model, the code version, the timeframe and the instrument', () => {
    const all = [
      h({}), h({ data: 'c'.repeat(64) }), h({ config: taskConfig(DEFAULT_CONFIG, 'spec', { 'risk.target_rr': 2.5 }) }),
      h({ model: null }), h({ model: 'd'.repeat(64) }), h({ code: '9.9.9' }), h({ timeframe: '30m' }),
      h({ spec: resolveInstrument('ETH-PERP', [])! }), h({ config: taskConfig(DEFAULT_CONFIG, 'active', { 'risk.target_rr': 2 }) }),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('does not change with the order keys are written in, nor with settings that cannot change a trade', () => {
    const ab = taskConfig(DEFAULT_CONFIG, 'spec', { 'risk.target_rr': 2, 'synergy.window_bars': 12 });
    const ba = taskConfig(DEFAULT_CONFIG, 'spec', { 'synergy.window_bars': 12, 'risk.target_rr': 2 });
    expect(h({ config: ab })).toBe(h({ config: ba }));
    const fx1 = { ...ab, risk: { ...ab.risk, fx_rates: { USDT: 1, EUR: 1.1 } } };
    const fx2 = { ...ab, risk: { ...ab.risk, fx_rates: { EUR: 1.1, USDT: 1 } } };
    expect(h({ config: fx1 })).toBe(h({ config: fx2 }));
    expect(h({ config: { ...ab, replay: { ...ab.replay, default_speed: 1 } } })).toBe(h({ config: ab }));
  });

  it('canonical JSON sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });
});
