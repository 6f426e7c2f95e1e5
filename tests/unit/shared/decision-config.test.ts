import { describe, expect, it } from 'vitest';
import { Config, DecisionConfig, DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { validateConfig } from '../../../src-main/engine/config/validate.ts';

describe('decision.rule_threshold', () => {
  it('defaults to 0.4, not SPEC\'s 0 (issue 12)', () => {
    expect(DecisionConfig.parse({}).rule_threshold).toBe(0.4);
    expect(DEFAULT_CONFIG.decision.rule_threshold).toBe(0.4);
  });

  it('refuses 0 and below, and above 1, with a message that says why', () => {
    const zero = DecisionConfig.safeParse({ rule_threshold: 0 });
    expect(zero.success).toBe(false);
    expect(zero.error!.issues[0]!.message).toBe('must be > 0: at 0 the rule path accepts every synergy');
    expect(DecisionConfig.safeParse({ rule_threshold: -0.1 }).success).toBe(false);
    expect(DecisionConfig.safeParse({ rule_threshold: 1.01 }).success).toBe(false);
    expect(DecisionConfig.safeParse({ rule_threshold: Number.NaN }).success).toBe(false);
  });

  it('accepts any value in (0, 1]', () => {
    for (const v of [1e-9, 0.33, 0.4, 1]) expect(DecisionConfig.parse({ rule_threshold: v }).rule_threshold).toBe(v);
  });

  it('the app\'s config validation names the key and the bound', () => {
    const r = validateConfig({ ...DEFAULT_CONFIG, decision: { ...DEFAULT_CONFIG.decision, rule_threshold: 0 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([expect.objectContaining({
      code: 'config-too-small', field: 'decision.rule_threshold', message: 'decision.rule_threshold: must be > 0, got 0', expected: '> 0', got: '0',
    })]);
    expect(Config.safeParse({ decision: { rule_threshold: 0 } }).success).toBe(false);
  });
});
