// Bounded config files (issue 16): a "billion laughs" file, one with thousands of aliases, a huge one or
// a directory in place of config.yaml is refused with a reason at once; the engine starts on the
// defaults with that reason shown, and a later bad file on disk leaves the config in force.
import { describe, it, expect } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb } from '../../../../src-main/store/db.ts';
import { MAX_CONFIG_BYTES, defaultYaml, nestingDepth, parseYaml } from '../../../../src-main/engine/config/load.ts';
import { ConfigService } from '../../../../src-main/engine/config/config-service.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';

/** 9 levels of 9 aliases each: 9^9 ≈ 387 million strings once expanded, from under 1 KB of text */
function billionLaughs(): string {
  const lines = ['a0: &a0 "lol"'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

describe('config bounds', () => {
  it('a billion-laughs file is refused before it is expanded, in milliseconds', () => {
    const t0 = performance.now();
    const r = parseYaml(billionLaughs());
    expect(performance.now() - t0).toBeLessThan(1000); // the expansion would take minutes and gigabytes
    expect(r.value).toBeUndefined();
    // 81 aliases: under the count bound, stopped by the expansion bound (yaml's maxAliasCount)
    expect(r.problems[0]).toMatchObject({ code: 'config-aliases' });
  });

  it('50,000 aliases in half a megabyte are refused as such; a few aliases are fine', () => {
    const many = `base: &b {x: 1}\nlist:\n${Array.from({ length: 50_000 }, () => '  - *b').join('\n')}\n`;
    expect(many.length).toBeGreaterThan(300_000);
    const t0 = performance.now();
    expect(parseYaml(many).problems[0]).toMatchObject({ code: 'config-aliases', got: '50000' });
    expect(performance.now() - t0).toBeLessThan(1000);
    const few = 'risk: &r\n  risk_per_trade: 0.01\nother: *r\n';
    expect(parseYaml(few).problems).toEqual([]);
  });

  it('a file over the size bound is refused', () => {
    expect(parseYaml(`# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`).problems[0]).toMatchObject({ code: 'config-too-large' });
  });

  it('at start, a directory or a billion-laughs file in place of config.yaml: defaults in force, the reason shown; a later bad file changes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'algospace-config-bounds-'));
    const db = openDb(':memory:');
    try {
      mkdirSync(join(dir, 'config.yaml'));
      const asDir = new ConfigService({ path: join(dir, 'config.yaml'), db, env: {} });
      expect(asDir.config).toEqual(DEFAULT_CONFIG);
      expect(asDir.state().fileProblems[0]).toMatchObject({ code: 'config-not-a-file', got: 'a directory' });

      const path = join(dir, 'laughs.yaml');
      writeFileSync(path, billionLaughs());
      const laughs = new ConfigService({ path, db, env: {} });
      expect(laughs.config).toEqual(DEFAULT_CONFIG);
      expect(laughs.state().fileProblems[0]).toMatchObject({ code: 'config-aliases' });

      const good = join(dir, 'good.yaml');
      writeFileSync(good, 'risk:\n  risk_per_trade: 0.005\n');
      const svc = new ConfigService({ path: good, db, env: {} });
      expect(svc.config.risk.risk_per_trade).toBe(0.005);
      expect(svc.apply(billionLaughs(), 'file').ok).toBe(false);
      expect(svc.config.risk.risk_per_trade).toBe(0.005);
    } finally {
      closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('config nesting depth', () => {
  it('a deeply nested file (flow or block) is refused by its depth before parsing, in milliseconds', () => {
    for (const [text, depth] of [
      ['['.repeat(500_000), 500_000],
      [`a:\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 1)}b${i}:`).join('\n')}\n`, 300],
      [`${'- '.repeat(100_000)}x\n`, 100_000],
    ] as const) {
      const t0 = performance.now();
      const r = parseYaml(text);
      expect(performance.now() - t0).toBeLessThan(500);
      expect(r.value).toBeUndefined();
      expect(r.problems[0]).toMatchObject({ code: 'config-depth', got: String(depth), expected: 'at most 64 levels' });
    }
  });

  it('the default config and realistic nesting pass; brackets inside quotes and comments do not count', () => {
    expect(nestingDepth(defaultYaml())).toBeLessThanOrEqual(4);
    expect(parseYaml(defaultYaml()).problems).toEqual([]);
    const text = 'risk:\n  fx_rates: {EUR: 1.08}  # [[[[[[\n  note: "[[[[[[[[{{{{"\n';
    expect(nestingDepth(text)).toBe(1);
    expect(parseYaml(text).problems.filter((p) => p.code === 'config-depth')).toEqual([]);
  });
});
