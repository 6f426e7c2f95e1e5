// A config.yaml an earlier version wrote with its defaults holds `rule_threshold: 0`, which the schema
// now refuses: on reading, that one value becomes today's default (with a comment), every other
// setting is kept, and the file validates.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Config, DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { parseYaml, readOrCreate, upgradeYaml } from '../../../../src-main/engine/config/load.ts';

const old = () => stringify({ ...DEFAULT_CONFIG, decision: { ...DEFAULT_CONFIG.decision, rule_threshold: 0 }, risk: { ...DEFAULT_CONFIG.risk, risk_per_trade: 0.02 } });

describe('config upgrade', () => {
  it('an old default rule_threshold 0 becomes the new default; other settings stay; the file validates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'as-cfg-'));
    try {
      const path = join(dir, 'config.yaml');
      writeFileSync(path, old());
      expect(Config.safeParse(parseYaml(old()).value).success).toBe(false);
      const { text } = readOrCreate(path);
      expect(readFileSync(path, 'utf8')).toBe(text);
      const v = parseYaml(text).value as typeof DEFAULT_CONFIG;
      expect(v.decision.rule_threshold).toBe(DEFAULT_CONFIG.decision.rule_threshold);
      expect(v.decision.rule_threshold).toBeGreaterThan(0);
      expect(v.risk.risk_per_trade).toBe(0.02);
      expect(Config.safeParse(v).success).toBe(true);
      expect(text).toMatch(/rule_threshold: [\d.]+ # was 0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves a chosen non-zero value and other keys named alike alone', () => {
    const t = 'decision:\n  rule_threshold: 0.25\n  threshold: 0\n';
    expect(upgradeYaml(t)).toBe(t);
  });
});
