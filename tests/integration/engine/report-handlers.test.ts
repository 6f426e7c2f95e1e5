// The app's report.* commands on a real Engine give what the CLI gives for the same database and run:
// two CLI replays of the NQ sample (with the shipped model, and on the rule path) make two runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { Engine } from '../../../src-main/engine/engine.ts';
import { reportHandlers } from '../../../src-main/engine/report/commands.ts';
import { commands } from '../../../src-shared/ipc.ts';
import { dataFile } from '../../helpers/data.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
const NQ = dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv');

let dir: string, dbPath: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-report-engine-'));
  dbPath = join(dir, 'a.db');
  for (const model of [[], ['--model', 'none']]) {
    const r = cli('replay', NQ, '--timeframe', '5m', '--profile', 'active', '--db', dbPath, '--auto-approve', ...model);
    if (r.status !== 0) throw new Error(`replay failed: ${r.stderr}`);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function engineOn(path: string): Engine {
  const samples = join(dir, 'samples');
  mkdirSync(samples, { recursive: true });
  return new Engine({ dbPath: path, sampleDir: samples, mode: 'browser', env: {}, emit: () => {} });
}

describe('report.* handlers', () => {
  it('report.runs lists both runs, newest first; report.get equals the CLI\'s report --json', () => {
    const engine = engineOn(dbPath);
    try {
      const runs = engine.handle('report.runs', {});
      commands['report.runs'].res.parse(runs);
      expect(runs.ok && runs.value.map((r) => [r.id, r.symbol, r.model === null])).toEqual([[2, 'NQ', true], [1, 'NQ', false]]);
      expect(runs.ok && runs.value.every((r) => r.synergies > 0 && r.steps > 0)).toBe(true);

      // no runId and no current replay: the newest run, as the CLI's default
      const newest = engine.handle('report.get', {});
      commands['report.get'].res.parse(newest);
      expect(newest.ok).toBe(true);
      const cliNewest = cli('report', '--db', dbPath, '--json');
      expect(cliNewest.status, cliNewest.stderr).toBe(0);
      expect(newest.ok && JSON.parse(JSON.stringify(newest.value))).toEqual(JSON.parse(cliNewest.stdout));
      expect(newest.ok && newest.value.run.id).toBe(2);

      const first = engine.handle('report.get', { runId: 1 });
      commands['report.get'].res.parse(first);
      const cliFirst = cli('report', '--db', dbPath, '--run', '1', '--json');
      expect(first.ok && JSON.parse(JSON.stringify(first.value))).toEqual(JSON.parse(cliFirst.stdout));
      // the model run has model-path synergies to calibrate
      expect(first.ok && first.value.run.model).not.toBeNull();

      const unknown = engine.handle('report.get', { runId: 42 });
      expect(!unknown.ok && unknown.problem.code).toBe('unknown-run');
      expect(!unknown.ok && unknown.problem.message).toMatch(/runs: 1, 2/);

      // the current replay's run is the default when there is one
      const current = reportHandlers(() => ({ db: engine.db, currentRunId: 1 }))['report.get']({});
      expect(current.ok && current.value.run.id).toBe(1);
    } finally {
      engine.close();
    }
  }, 60_000);

  it('a database without runs: an empty list, and report.get is a Problem', () => {
    const engine = engineOn(join(dir, 'empty', 'e.db'));
    try {
      expect(engine.handle('report.runs', {})).toEqual({ ok: true, value: [] });
      const r = engine.handle('report.get', {});
      expect(!r.ok && r.problem.code).toBe('no-run');
    } finally {
      engine.close();
    }
  }, 30_000);
});
