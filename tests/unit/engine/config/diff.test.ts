import { describe, it, expect } from 'vitest';
import { diffConfig } from '../../../../src-main/engine/config/diff.ts';
import { configJsonSchema } from '../../../../src-main/engine/config/schema-json.ts';
import { DEFAULT_CONFIG, Config } from '../../../../src-shared/config.ts';

describe('config diff', () => {
  it('lists changed leaves with their dotted path, nothing for equal configs', () => {
    expect(diffConfig(DEFAULT_CONFIG, structuredClone(DEFAULT_CONFIG))).toEqual([]);
    const next = Config.parse({ indicators: { nwrqk: { h: 10 }, lvn: { tick_size: 0.25 } }, logging: { level: 'debug' } });
    expect(diffConfig(DEFAULT_CONFIG, next)).toEqual([
      { path: 'indicators.nwrqk.h', from: 8, to: 10 },
      { path: 'indicators.lvn.tick_size', from: null, to: 0.25 },
      { path: 'logging.level', from: 'info', to: 'debug' },
    ]);
  });

  it('a key that appears or disappears reads as null', () => {
    expect(diffConfig({ a: { b: 1 } }, { a: { c: 2 } })).toEqual([{ path: 'a.b', from: 1, to: null }, { path: 'a.c', from: null, to: 2 }]);
  });
});

describe('config JSON schema', () => {
  it('describes every section with types, defaults and bounds, and refuses unknown keys', () => {
    const s = configJsonSchema() as { properties: Record<string, { properties: Record<string, Record<string, unknown>>; additionalProperties: unknown }> };
    expect(Object.keys(s.properties)).toEqual(['version', 'indicators', 'matrices', 'synergy', 'decision', 'risk', 'exec', 'replay', 'alerts', 'logging', 'limits', 'updates', 'instruments']);
    expect(s.properties.risk!.additionalProperties).toBe(false);
    // an instruments entry refuses unknown keys too (strict inside the list)
    const entry = (s.properties.instruments as unknown as { items: { additionalProperties: unknown } }).items;
    expect(entry.additionalProperties).toBe(false);
    expect(s.properties.risk!.properties.risk_per_trade).toEqual({ default: 0.01, type: 'number', minimum: 0, maximum: 1 });
    expect(s.properties.risk!.properties.max_contracts).toEqual({ default: 5, type: 'integer', minimum: 1 });
    expect(JSON.stringify(s)).not.toContain(String(Number.MAX_SAFE_INTEGER));
  });
});
