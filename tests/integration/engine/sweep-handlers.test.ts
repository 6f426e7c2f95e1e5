// The app's sweep.* commands on a real Engine over a store holding a real sweep made by the CLI (a 2×2 grid
// of risk.target_rr × synergy.cooldown_bars on 6,000 one-minute BTC rows, two walk-forward folds): the list and
// the detail are what the store holds, a task's report (replayed in a child process) carries the metrics the
// sweep stored, and applying a set writes the sweep's profile and the set's keys into config.yaml as one
// recorded config change. Every refusal is a clear failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { Engine } from '../../../src-main/engine/engine.ts';
import { openDb, closeDb } from '../../../src-main/store/db.ts';
import { openSweep, saveTaskDone, saveTaskFailed, sweepTasks } from '../../../src-main/store/sweeps.ts';
import { commands } from '../../../src-shared/ipc.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { dataFile } from '../../helpers/data.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
const ROWS = 6_000;

let dir: string, dbPath: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-sweep-engine-'));
  const lines = readFileSync(dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'), 'utf8').split('\n');
  writeFileSync(join(dir, 'btc-a.csv'), [lines[0], ...lines.slice(1, 1 + ROWS)].join('\n') + '\n');
  writeFileSync(join(dir, 'base.yaml'), 'risk:\n  fx_rates: {USDT: 1}\n');
  writeFileSync(join(dir, 'sweep.yaml'), ['name: rr x cooldown', 'timeframe: 5m', 'profile: active', 'instrument: BTC-PERP', 'config: base.yaml',
    'data: [btc-a.csv]', 'grid:', '  risk.target_rr: [1.5, 2.5]', '  synergy.cooldown_bars: [3, 6]', 'folds: {count: 2}', ''].join('\n'));
  mkdirSync(join(dir, 'app'));
  dbPath = join(dir, 'app', 'app.db');
  const r = cli('sweep', join(dir, 'sweep.yaml'), '--db', dbPath, '--workers', '2');
  if (r.status !== 0) throw new Error(`sweep failed: ${r.stderr}`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function engineOn(path: string, env: Record<string, string> = {}): Engine {
  const samples = join(dir, 'samples');
  mkdirSync(samples, { recursive: true });
  return new Engine({ dbPath: path, sampleDir: samples, mode: 'browser', env, emit: () => {} });
}

/** The stored rows, read straight from the store (not through the handlers). */
function storedTasks() {
  const db = openDb(dbPath);
  try { return sweepTasks(db, 1); } finally { closeDb(db); }
}

describe('sweep.list / sweep.get', () => {
  it('list the CLI\'s sweep; its detail holds every stored task with the stored metrics', () => {
    const engine = engineOn(dbPath);
    try {
      const list = engine.handle('sweep.list', {});
      commands['sweep.list'].res.parse(list);
      expect(list.ok && list.value.map((s) => [s.id, s.name, s.tasks, s.done, s.failed, s.keys, s.folds]))
        .toEqual([[1, 'rr x cooldown', 8, 8, 0, ['risk.target_rr', 'synergy.cooldown_bars'], 2]]);
      const d = engine.handle('sweep.get', { id: 1 });
      commands['sweep.get'].res.parse(d);
      if (!d.ok) throw new Error(d.problem.message);
      const rows = storedTasks();
      expect(d.value.tasks.map((t) => [t.id, JSON.stringify(t.params), t.fold, t.status])).toEqual(rows.map((r) => [r.id, r.params_json, r.fold, r.status]));
      for (const t of d.value.tasks) {
        const m = JSON.parse(rows.find((r) => r.id === t.id)!.metrics_json!) as Record<string, unknown>;
        expect(t.metrics?.trades).toBe(m.trades);
        expect(t.metrics?.expectancy_r).toBe(m.expectancy_r);
      }
      expect(d.value.sets).toHaveLength(4);
      expect(d.value.walk_forward?.folds).toBe(2);
      const none = engine.handle('sweep.get', { id: 99 });
      expect(!none.ok && none.problem.code).toBe('unknown-sweep');
    } finally {
      engine.close();
    }
  });
});

describe('sweep.taskReport', () => {
  it('replays a done task in a child process: the report has the stored metrics; the engine answers meanwhile', async () => {
    const engine = engineOn(dbPath);
    try {
      const row = storedTasks().find((r) => (JSON.parse(r.metrics_json!) as { trades: number }).trades > 0)!;
      const stored = JSON.parse(row.metrics_json!) as Record<string, unknown>;
      const pending = engine.handle('sweep.taskReport', { taskId: row.id });
      expect(pending).toBeInstanceOf(Promise);
      // the engine is free while the child replays: another command answers at once
      const t0 = performance.now();
      expect(engine.handle('sweep.list', {}).ok).toBe(true);
      expect(performance.now() - t0).toBeLessThan(500);
      const r = await pending;
      commands['sweep.taskReport'].res.parse(r);
      if (!r.ok) throw new Error(r.problem.message);
      expect(r.value.trades).toBe(stored.trades);
      expect(r.value.expectancy_r).toBe(stored.expectancy_r);
      expect(r.value.end_equity).toBe(stored.end_equity);
      expect(r.value.run.symbol).toBe('BTC-PERP');
    } finally {
      engine.close();
    }
  }, 60_000);

  it('refuses an unknown task, a task not done, and one stored without its inputs, each with a clear reason', async () => {
    const path = join(dir, 'app', 'refusals.db');
    const db = openDb(path);
    const s = openSweep(db, { key: 'k', name: 'old', spec_json: JSON.stringify({ name: 'old', timeframe: '5m', data: ['x.csv'], grid: { 'risk.target_rr': [2] } }), created_at: 1 }, [
      { task_hash: 'a', idx: 0, data_file: 'x.csv', params_json: '{"risk.target_rr":2}', fold: null, window_from: null, window_to: null, input_json: null },
      { task_hash: 'b', idx: 1, data_file: 'y.csv', params_json: '{"risk.target_rr":2}', fold: null, window_from: null, window_to: null, input_json: null },
    ]);
    const [a, b] = sweepTasks(db, s.id);
    saveTaskDone(db, a!.id, JSON.stringify({ trades: 0 }), [], 2);
    saveTaskFailed(db, b!.id, 'boom', 2);
    closeDb(db);
    const engine = engineOn(path);
    try {
      const unknown = await engine.handle('sweep.taskReport', { taskId: 999 });
      expect(!unknown.ok && unknown.problem.code).toBe('unknown-task');
      const failed = await engine.handle('sweep.taskReport', { taskId: b!.id });
      expect(!failed.ok && [failed.problem.code, failed.problem.message]).toEqual(['task-not-done', `task ${b!.id} is failed (boom): only a done task has a report`]);
      const old = await engine.handle('sweep.taskReport', { taskId: a!.id });
      expect(!old.ok && old.problem.code).toBe('task-input-missing');
      expect(!old.ok && old.problem.message).toMatch(/older version .* run its sweep file again/);
    } finally {
      engine.close();
    }
  });
});

describe('sweep.apply', () => {
  // the set target_rr 2.5 × cooldown 6: the active profile, then the two keys (cooldown over the profile's 3)
  const set = JSON.stringify({ 'risk.target_rr': 2.5, 'synergy.cooldown_bars': 6 });
  const expected: Record<string, unknown> = {
    'synergy.mlmi_threshold': 0, 'synergy.window_bars': 36, 'synergy.cooldown_bars': 6, 'synergy.fvg_min_size': 0.0001,
    'decision.threshold': 0.35, 'indicators.fvg.min_gap_pct': 0.0001, 'indicators.mlmi.ma_period': 5, 'risk.target_rr': 2.5,
  };
  const at = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], DEFAULT_CONFIG);

  it('previews, then writes the profile and the set into config.yaml as one recorded change', () => {
    const path = join(dir, 'app', 'apply.db');
    writeFileSync(path, readFileSync(dbPath));
    const engine = engineOn(path);
    try {
      const before = engine.handle('config.history', {});
      const preview = engine.handle('sweep.apply', { sweepId: 1, set, dryRun: true });
      commands['sweep.apply'].res.parse(preview);
      if (!preview.ok) throw new Error(preview.problem.message);
      const changed = Object.fromEntries(preview.value.diff.map((x) => [x.path, x.to]));
      expect(changed).toEqual(Object.fromEntries(Object.entries(expected).filter(([k, v]) => at(k) !== v)));
      for (const x of preview.value.diff) expect(x.from).toEqual(at(x.path));
      expect(preview.value.change).toBeNull();
      expect(preview.value.notes.join('\n')).toMatch(/synergy\.cooldown_bars is a key the profiles set.*"custom"/);
      expect(engine.handle('config.history', {})).toEqual(before); // a preview changes nothing

      const r = engine.handle('sweep.apply', { sweepId: 1, set });
      if (!r.ok) throw new Error(r.problem.message);
      expect(r.value.change?.diff.map((x) => x.path).sort()).toEqual(Object.keys(changed).sort());
      expect(engine.config.risk.target_rr).toBe(2.5);
      expect(engine.config.synergy.cooldown_bars).toBe(6);
      const file = parse(readFileSync(join(dir, 'app', 'config.yaml'), 'utf8')) as { risk: { target_rr: number }; synergy: { cooldown_bars: number } };
      expect([file.risk.target_rr, file.synergy.cooldown_bars]).toEqual([2.5, 6]);
      const hist = engine.handle('config.history', {});
      expect(hist.ok && before.ok && hist.value.length).toBe(before.ok ? before.value.length + 1 : -1);
      // applying it again: nothing left to change, nothing recorded
      const again = engine.handle('sweep.apply', { sweepId: 1, set });
      expect(again.ok && again.value.change).toBeNull();
      expect(engine.handle('config.history', {})).toEqual(hist);
    } finally {
      engine.close();
    }
  });

  it('says when the environment overrides a swept key; refuses an unknown sweep or set', () => {
    const path = join(dir, 'app', 'env.db');
    writeFileSync(path, readFileSync(dbPath));
    const engine = engineOn(path, { ALGOSPACE_RISK_TARGET_RR: '3' });
    try {
      const p = engine.handle('sweep.apply', { sweepId: 1, set, dryRun: true });
      expect(p.ok && p.value.notes.some((n) => n.startsWith('risk.target_rr is set by the environment (ALGOSPACE_RISK_TARGET_RR)'))).toBe(true);
      const s = engine.handle('sweep.apply', { sweepId: 7, set });
      expect(!s.ok && s.problem.code).toBe('unknown-sweep');
      const k = engine.handle('sweep.apply', { sweepId: 1, set: '{"risk.target_rr":9}' });
      expect(!k.ok && k.problem.code).toBe('unknown-set');
    } finally {
      engine.close();
    }
  });
});
