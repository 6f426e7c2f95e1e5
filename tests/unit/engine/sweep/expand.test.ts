// Sweep expansion: a grid's product in the order written, a random sample reproducible from its seed and
// inside its bounds and steps, and every key and value checked against the config schema up front.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { SweepSpec } from '../../../../src-shared/sweep.ts';
import { checkKeys, expandTasks, paramSets, SweepError, taskConfig } from '../../../../src-main/engine/sweep/expand.ts';
import { loadSweep } from '../../../../src-main/engine/sweep/load.ts';

const spec = (extra: Record<string, unknown>) => SweepSpec.parse({ name: 's', timeframe: '5m', data: ['a.csv'], ...extra });

describe('sweep grid', () => {
  it('is the product of the values, the last key varying fastest, in the order written', () => {
    const sets = paramSets(spec({ grid: { 'risk.target_rr': [1.5, 2], 'synergy.window_bars': [10, 20, 30] } }));
    expect(sets).toEqual([
      { 'risk.target_rr': 1.5, 'synergy.window_bars': 10 }, { 'risk.target_rr': 1.5, 'synergy.window_bars': 20 },
      { 'risk.target_rr': 1.5, 'synergy.window_bars': 30 }, { 'risk.target_rr': 2, 'synergy.window_bars': 10 },
      { 'risk.target_rr': 2, 'synergy.window_bars': 20 }, { 'risk.target_rr': 2, 'synergy.window_bars': 30 },
    ]);
    const reversed = paramSets(spec({ grid: { 'synergy.window_bars': [10, 20, 30], 'risk.target_rr': [1.5, 2] } }));
    expect(reversed[1]).toEqual({ 'synergy.window_bars': 10, 'risk.target_rr': 2 });
  });

  it('× data files: every parameter set runs on every file (files vary fastest), each with its full config', () => {
    const tasks = expandTasks(spec({ profile: 'active', grid: { 'risk.target_rr': [1.5, 2] } }), DEFAULT_CONFIG, ['/d/a.csv', '/d/b.csv']);
    expect(tasks.map((t) => [t.idx, t.params['risk.target_rr'], t.data])).toEqual([[0, 1.5, '/d/a.csv'], [1, 1.5, '/d/b.csv'], [2, 2, '/d/a.csv'], [3, 2, '/d/b.csv']]);
    expect(tasks[2]!.config.risk.target_rr).toBe(2);
    expect(tasks[2]!.config.exec.auto_approve).toBe(true);
    expect(tasks[2]!.config.synergy.window_bars).toBe(36); // the active profile is applied
  });

  it('a parameter overrides the profile', () => {
    expect(taskConfig(DEFAULT_CONFIG, 'active', { 'synergy.window_bars': 12 }).synergy.window_bars).toBe(12);
  });
});

describe('sweep random sample', () => {
  const random = (seed: number) => spec({ random: { seed, samples: 50, params: {
    'risk.target_rr': { min: 1, max: 3, step: 0.25 }, 'risk.stop_atr': { min: 1, max: 2 }, 'synergy.window_bars': [10, 20, 36],
  } } });

  it('is the same for the same seed, and another for another seed', () => {
    expect(paramSets(random(7))).toEqual(paramSets(random(7)));
    expect(paramSets(random(8))).not.toEqual(paramSets(random(7)));
    expect(paramSets(random(7))).toHaveLength(50);
  });

  it('stays inside its bounds, on its steps, among its choices', () => {
    const sets = paramSets(random(7));
    for (const s of sets) {
      const rr = s['risk.target_rr'] as number, atr = s['risk.stop_atr'] as number;
      expect(rr).toBeGreaterThanOrEqual(1);
      expect(rr).toBeLessThanOrEqual(3);
      expect(Number.isInteger(rr / 0.25)).toBe(true);
      expect(atr).toBeGreaterThanOrEqual(1);
      expect(atr).toBeLessThanOrEqual(2);
      expect([10, 20, 36]).toContain(s['synergy.window_bars']);
    }
    // 50 draws over 9 steps reach both ends
    expect(new Set(sets.map((s) => s['risk.target_rr']))).toContain(3);
  });
});

describe('sweep keys and values are checked before anything runs', () => {
  it('an unknown key is named, with the nearest real one', () => {
    expect(() => checkKeys(['synergy.windowbars'])).toThrow(/'synergy\.windowbars'.*did you mean 'synergy\.window_bars'/);
    expect(() => expandTasks(spec({ grid: { 'risk.nope': [1] } }), DEFAULT_CONFIG, ['a'])).toThrow(SweepError);
  });

  it('keys that cannot change a trade, and auto-approve, are refused', () => {
    expect(() => checkKeys(['replay.default_speed'])).toThrow(/replay\.default_speed/);
    expect(() => checkKeys(['exec.auto_approve'])).toThrow(/always auto-approves/);
  });

  it('a value the config schema refuses names its key and the value', () => {
    expect(() => expandTasks(spec({ grid: { 'synergy.window_bars': [10, 0] } }), DEFAULT_CONFIG, ['a']))
      .toThrow(/synergy\.window_bars=0.*synergy\.window_bars: must be ≥ 1, got 0/);
    expect(() => expandTasks(spec({ grid: { 'indicators.mlmi.k': [2.5] } }), DEFAULT_CONFIG, ['a'])).toThrow(/indicators\.mlmi\.k: must be an integer/);
  });

  it('a sweep file with both grid and random, or a bad key shape, is refused as a whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'algospace-sweep-load-'));
    try {
      const f = join(dir, 'sweep.yaml');
      writeFileSync(f, 'name: s\ntimeframe: 5m\ndata: [a.csv]\ngrid: {risk.target_rr: [2]}\nrandom: {seed: 1, samples: 1, params: {risk.target_rr: [2]}}\n');
      expect(() => loadSweep(f)).toThrow(/either grid: or random:/);
      writeFileSync(f, 'name: s\ntimeframe: 15m\ndata: [a.csv]\ngrid: {risk.target_rr: [2]}\n');
      expect(() => loadSweep(f)).toThrow(/timeframe/);
      writeFileSync(f, 'name: s\ntimeframe: 5m\ndata: [a.csv]\ngrid: {risk.target_rr: [2]}\nmodel: none\n');
      const s = loadSweep(f);
      expect(s.data).toEqual([join(dir, 'a.csv')]);
      expect(s.model).toBeNull();
      expect(s.tasks).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
