import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigService } from '../../../../src-main/engine/config/config-service.ts';
import { defaultYaml } from '../../../../src-main/engine/config/load.ts';
import { openDb, closeDb, type WriteDb } from '../../../../src-main/store/db.ts';
import { DEFAULT_CONFIG, type Config } from '../../../../src-shared/config.ts';
import type { ConfigChange } from '../../../../src-shared/ipc.ts';
import type { Problem } from '../../../../src-shared/result.ts';

let dir: string;
let db: WriteDb;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-config-'));
  db = openDb(join(dir, 'a.db'));
  path = join(dir, 'config.yaml');
});
afterEach(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

function service(env: Record<string, string> = {}) {
  const applied: { next: Config; change: ConfigChange }[] = [];
  const rejected: { source: string; problems: Problem[] }[] = [];
  const s = new ConfigService({
    path, db, env, now: () => 1_700_000_000_000,
    onApplied: (next, change) => applied.push({ next, change }),
    onRejected: (source, problems) => rejected.push({ source, problems }),
  });
  return { s, applied, rejected };
}

describe('ConfigService', () => {
  it('creates the file from the defaults on first start, with nothing recorded', () => {
    const { s } = service();
    expect(readFileSync(path, 'utf8')).toBe(defaultYaml());
    expect(s.config).toEqual(DEFAULT_CONFIG);
    expect(s.state().fileProblems).toEqual([]);
    expect(s.history()).toEqual([]);
  });

  it('applies a valid change: file written, change recorded, hook called', () => {
    const { s, applied } = service();
    const yaml = defaultYaml().replace('  stop_atr: 2\n', '  stop_atr: 2.5\n');
    const r = s.apply(yaml, 'editor');
    expect(r.ok).toBe(true);
    const change = { at: 1_700_000_000_000, source: 'editor', diff: [{ path: 'risk.stop_atr', from: 2, to: 2.5 }] };
    expect(r.ok && r.change).toEqual(change);
    expect(s.config.risk.stop_atr).toBe(2.5);
    expect(readFileSync(path, 'utf8')).toBe(yaml);
    expect(existsSync(`${path}.${process.pid}.tmp`)).toBe(false);
    expect(applied.map((a) => a.change)).toEqual([change]);
    expect(s.history()).toEqual([change]);
    expect(s.state().sources['risk.stop_atr']).toBe('file');
  });

  it('refuses an invalid change with every problem and keeps the old config and file', () => {
    const { s, applied, rejected } = service();
    const before = readFileSync(path, 'utf8');
    const r = s.apply('risk:\n  risk_per_trade: 2\n  max_contracts: 0\n', 'editor');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.message)).toEqual([
      'risk.risk_per_trade: must be ≤ 1, got 2', 'risk.max_contracts: must be ≥ 1, got 0',
    ]);
    expect(s.config).toEqual(DEFAULT_CONFIG);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(applied).toEqual([]);
    expect(rejected.map((x) => x.source)).toEqual(['editor']);
    expect(s.history()).toEqual([]);
    expect(s.validate('risk: {stop_atr: 0}')).toMatchObject({ valid: false, problems: [{ field: 'risk.stop_atr' }] });
    expect(s.validate('risk: {stop_atr: 1}')).toEqual({ valid: true, problems: [] });
  });

  it('a text-only edit applies without a recorded change', () => {
    const { s, applied } = service();
    const r = s.apply(`# my note\n${defaultYaml()}`, 'editor');
    expect(r.ok && r.change).toBe(null);
    expect(applied[0]!.change.diff).toEqual([]);
    expect(s.history()).toEqual([]);
  });

  it('environment overrides win over the file and show as the source', () => {
    writeFileSync(path, 'risk:\n  risk_per_trade: 0.005\n');
    const { s } = service({ ALGOSPACE_RISK_RISK_PER_TRADE: '0.02', ALGOSPACE_RISK_NOPE: '1' });
    expect(s.config.risk.risk_per_trade).toBe(0.02);
    const st = s.state();
    expect(st.sources['risk.risk_per_trade']).toBe('env');
    expect(st.fileProblems.map((p) => p.code)).toEqual(['config-env-unknown']);
    // An edit of an overridden key is valid but the environment still wins.
    expect(s.apply('risk:\n  risk_per_trade: 0.01\n', 'editor').ok).toBe(true);
    expect(s.config.risk.risk_per_trade).toBe(0.02);
  });

  it('records edits made while the app was closed as a startup change', () => {
    service();
    writeFileSync(path, 'indicators:\n  nwrqk:\n    h: 12\n');
    const { s } = service();
    expect(s.config.indicators.nwrqk.h).toBe(12);
    expect(s.history()).toEqual([{ at: 1_700_000_000_000, source: 'startup', diff: [{ path: 'indicators.nwrqk.h', from: 8, to: 12 }] }]);
    service(); // same file again: nothing new
    expect(s.history()).toHaveLength(1);
  });

  it('starts on defaults when the file is broken, reporting why and leaving the file alone', () => {
    writeFileSync(path, 'risk:\n  stop_atr: -1\n');
    const { s } = service();
    expect(s.config).toEqual(DEFAULT_CONFIG);
    expect(s.state().fileProblems).toMatchObject([{ field: 'risk.stop_atr', line: 2 }]);
    expect(s.state().yaml).toBe('risk:\n  stop_atr: -1\n');
    expect(readFileSync(path, 'utf8')).toBe('risk:\n  stop_atr: -1\n');
  });
});
