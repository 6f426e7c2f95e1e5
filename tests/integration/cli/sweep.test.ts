// `sweep` (issue 15): a small grid on two slices (8,000 rows each) of the BTC perpetual's 1-minute file (active profile, 5m
// steps, the shipped model). With 1 worker and with 2 the stored results are identical byte for byte; each
// task's metrics and trades are those of a plain `replay --auto-approve` + `report --json` of the same
// file and config; running the command again runs nothing; a bad key refuses the sweep before it runs.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { dataFile } from '../../helpers/data.ts';
import { openDb, closeDb } from '../../../src-main/store/db.ts';
import { sweepTasks, sweepTaskTrades } from '../../../src-main/store/sweeps.ts';
import { SWEEP_METRICS } from '../../../src-shared/sweep.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
/** 1-minute rows per slice: enough for the indicators to warm up and a few trades, a few seconds per run */
const ROWS = 8_000;
const TARGETS = [1.5, 2.5];

let dir: string;
const sweepFile = () => join(dir, 'sweep.yaml');

/** Every stored task (metrics as stored) and its trades, in task order: what must not depend on the worker count. */
function stored(db: string): string {
  const h = openDb(db);
  try {
    const rows = sweepTasks(h, 1);
    return JSON.stringify(rows.map((r) => ({ ...r, finished_at: null, trades: sweepTaskTrades(h, r.id) })));
  } finally {
    closeDb(h);
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-sweep-cli-'));
  const lines = readFileSync(dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'), 'utf8').split('\n');
  writeFileSync(join(dir, 'btc-perp-a.csv'), [lines[0], ...lines.slice(1, 1 + ROWS)].join('\n') + '\n');
  writeFileSync(join(dir, 'btc-perp-b.csv'), [lines[0], ...lines.slice(1 + ROWS, 1 + 2 * ROWS)].join('\n') + '\n');
  // the instrument is quoted in USDT: the account (USD) needs a stated rate
  writeFileSync(join(dir, 'config.yaml'), 'risk:\n  fx_rates: {USDT: 1}\n');
  writeFileSync(sweepFile(), ['name: btc target', 'timeframe: 5m', 'profile: active', 'instrument: BTC-PERP', 'config: config.yaml',
    'data: [btc-perp-a.csv, btc-perp-b.csv]', `grid:\n  risk.target_rr: [${TARGETS.join(', ')}]`, ''].join('\n'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli sweep', () => {
  it('1 worker and 2 workers store the same results; a second run runs nothing', () => {
    const one = cli('sweep', sweepFile(), '--db', join(dir, 'w1.db'), '--workers', '1');
    expect(one.status, one.stderr).toBe(0);
    const two = cli('sweep', sweepFile(), '--db', join(dir, 'w2.db'), '--workers', '2');
    expect(two.status, two.stderr).toBe(0);
    expect(stored(join(dir, 'w2.db'))).toBe(stored(join(dir, 'w1.db')));
    expect(two.stdout).toBe(one.stdout);

    // the table: a header, one row per task in expansion order (target × file), then the sweep id
    const rows = one.stdout.trim().split('\n');
    expect(rows).toHaveLength(1 + 4 + 1);
    expect(rows.slice(1, 5).map((r) => r.split('\t').slice(0, 4))).toEqual([
      ['0', 'risk.target_rr=1.5', 'btc-perp-a.csv', 'done'], ['1', 'risk.target_rr=1.5', 'btc-perp-b.csv', 'done'],
      ['2', 'risk.target_rr=2.5', 'btc-perp-a.csv', 'done'], ['3', 'risk.target_rr=2.5', 'btc-perp-b.csv', 'done'],
    ]);
    expect(rows.at(-1)).toBe('sweep 1');

    const before = stored(join(dir, 'w1.db'));
    const again = cli('sweep', sweepFile(), '--db', join(dir, 'w1.db'), '--workers', '2');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/4 tasks, 4 already done, 0 to run/);
    expect(again.stdout).toBe(one.stdout);
    expect(stored(join(dir, 'w1.db'))).toBe(before);
  }, 300_000);

  it('each task\'s metrics and trades are those of replay --auto-approve + report --json of the same file and config', () => {
    const h = openDb(join(dir, 'w1.db'));
    const tasks = sweepTasks(h, 1).map((r) => ({ ...r, trades: sweepTaskTrades(h, r.id) }));
    closeDb(h);
    // one task of each file and target (the first and the last): each a full replay + report to compare with
    const compared = [tasks[0]!, tasks.at(-1)!];
    expect(compared.some((t) => t.trades.length > 0)).toBe(true); // something to compare
    for (const t of compared) {
      const target = (JSON.parse(t.params_json) as Record<string, number>)['risk.target_rr'];
      const cfg = join(dir, `config-${t.idx}.yaml`), db = join(dir, `replay-${t.idx}.db`);
      writeFileSync(cfg, `risk:\n  fx_rates: {USDT: 1}\n  target_rr: ${target}\n`);
      const r = cli('replay', t.data_file, '--timeframe', '5m', '--profile', 'active', '--instrument', 'BTC-PERP', '--db', db, '--auto-approve', '--config', cfg);
      expect(r.status, r.stderr).toBe(0);
      const rep = cli('report', '--db', db, '--json');
      expect(rep.status, rep.stderr).toBe(0);
      const report = JSON.parse(rep.stdout) as Record<string, unknown>;
      expect(t.metrics_json).toBe(JSON.stringify(Object.fromEntries(SWEEP_METRICS.map((k) => [k, report[k]]))));
      expect(t.trades).toEqual(report.trades_list);
    }
  }, 300_000);

  it('killed after its first result (SIGKILL, workers and all), the same command finishes the rest and stores what an unbroken run does', async () => {
    const db = join(dir, 'killed.db');
    const p = spawn(process.execPath, [CLI, 'sweep', sweepFile(), '--db', db, '--workers', '1'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let err = '';
    p.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    const exited = new Promise((done) => p.on('exit', done));
    const t0 = Date.now();
    while (!/1\/4 done/.test(err) && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 20));
    expect(err).toMatch(/1\/4 done/);
    process.kill(-p.pid!, 'SIGKILL');
    await exited;
    const again = cli('sweep', sweepFile(), '--db', db, '--workers', '1');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/4 tasks, [1-3] already done, [1-3] to run/);
    expect(stored(db)).toBe(stored(join(dir, 'w1.db')));
  }, 300_000);

  it('a key the config does not have refuses the sweep, exit 2, before anything is stored', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(sweepFile(), 'utf8').replace('risk.target_rr', 'risk.target_r'));
    const db = join(dir, 'bad.db');
    const r = cli('sweep', bad, '--db', db);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/'risk\.target_r'.*did you mean 'risk\.target_rr'/);
    expect(existsSync(db)).toBe(false);
  });
});
