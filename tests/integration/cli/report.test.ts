// `report --db` is a stable interface. A real replay (the BTC perpetual's month of 1-minute bars, 5m
// steps, auto-approved) is reported, and its numbers are checked against the replay's own summary and
// against R recomputed independently from the `journal` CSV.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { dataFile } from '../../helpers/data.ts';
import { JOURNAL_COLUMNS } from '../../../src-shared/trading.ts';
import { RunReport } from '../../../src-shared/report.ts';
import { openDb, closeDb } from '../../../src-main/store/db.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });

let dir: string, db: string;
let summary: { synergies: number; decisions: number; fills: number; realized_pnl: number; equity: number; open_positions: number };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-report-cli-'));
  db = join(dir, 'r.db');
  // the file's instrument is quoted in USDT: the account (USD) needs a stated rate
  const cfg = join(dir, 'config.yaml');
  writeFileSync(cfg, 'risk:\n  fx_rates: {USDT: 1}\n');
  const r = cli('replay', dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'), '--timeframe', '5m', '--profile', 'active',
    '--db', db, '--auto-approve', '--config', cfg);
  if (r.status !== 0) throw new Error(`replay failed: ${r.stderr}`);
  summary = JSON.parse(r.stdout) as typeof summary;
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** RFC 4180 rows (quoted cells may hold commas), as objects by JOURNAL_COLUMNS. */
function journalRows(csv: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [], cell = '', quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += c;
  }
  expect(rows[0]).toEqual([...JOURNAL_COLUMNS]);
  return rows.slice(1).map((r) => Object.fromEntries(r.map((v, i) => [JOURNAL_COLUMNS[i], v])));
}

describe('cli report', () => {
  it('--json: the run\'s trades, money and R agree with the replay and the journal', () => {
    expect(summary.fills).toBeGreaterThanOrEqual(6); // several round trips to check
    const r = cli('report', '--db', db, '--json');
    expect(r.status, r.stderr).toBe(0);
    const raw = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of ['trades', 'win_rate', 'expectancy_r', 'expectancy_r_ci95', 'profit_factor', 'sharpe', 'sortino', 'max_drawdown',
      'max_drawdown_pct', 'exposure_pct', 'baseline_take_all_expectancy_r']) expect(raw).toHaveProperty(k);
    const rep = RunReport.parse(raw);

    const closed = journalRows(cli('journal', '--db', db).stdout).filter((x) => x.exit_fill_price !== '');
    expect(rep.trades).toBe(closed.length);
    expect(summary.open_positions).toBe(0);
    expect(rep.trades).toBe(summary.fills / 2);
    const pnl = rep.trades_list.reduce((a, t) => a + t.pnl, 0);
    expect(pnl).toBeCloseTo(summary.realized_pnl, 2);
    expect(rep.stats.total_pnl).toBeCloseTo(summary.realized_pnl, 2);
    expect(rep.end_equity).toBeCloseTo(summary.equity, 2);
    const rs = closed.map((x) => Number(x.pnl) / Number(x.risk_money));
    expect(rep.expectancy_r).toBeCloseTo(rs.reduce((a, x) => a + x, 0) / rs.length, 9);
    expect(rep.win_rate).toBeCloseTo(closed.filter((x) => Number(x.pnl) > 0).length / closed.length, 12);
    const [lo, hi] = rep.expectancy_r_ci95!;
    expect(lo).toBeLessThanOrEqual(rep.expectancy_r!);
    expect(hi).toBeGreaterThanOrEqual(rep.expectancy_r!);

    // baselines: every synergy, the selected ones at most the accepted (one decision per accepted synergy)
    expect(rep.baselines.synergies).toBe(summary.synergies);
    expect(rep.baselines.retraded + Object.values(rep.baselines.skipped).reduce((a, n) => a + n, 0)).toBe(summary.synergies);
    expect(rep.baselines.selected.stats.trades).toBeLessThanOrEqual(summary.decisions);
    expect(rep.baseline_take_all_expectancy_r).toBe(rep.baselines.take_all.stats.expectancy_r);
    // the equity curve covers every traded step, and its drawdown never exceeds the deepest one
    expect(rep.equity.t.length).toBe(rep.run.steps);
    expect(Math.min(...rep.equity.drawdown)).toBeCloseTo(-rep.max_drawdown, 6);
    expect(rep.exposure_pct).toBeGreaterThan(0);
    expect(rep.exposure_pct).toBeLessThan(100);

    // --run of the same run: the same report
    const again = cli('report', '--db', db, '--run', String(rep.run.id), '--json');
    expect(again.stdout).toBe(r.stdout);
  }, 60_000);

  it('text summary on stdout without --json', () => {
    const r = cli('report', '--db', db);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Run 1: BTC-PERP 5m/);
    for (const s of ['expectancy', 'profit factor', 'max drawdown', 'Sharpe', 'Baselines', 'take all', 'Decision value added', 'By pattern', 'Notes']) {
      expect(r.stdout).toContain(s);
    }
  }, 60_000);

  it('--html: one self-contained file with uPlot, the data and the tables, nothing fetched', () => {
    const out = join(dir, 'report.html');
    const r = cli('report', '--db', db, '--html', out, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const html = readFileSync(out, 'utf8');
    const rep = RunReport.parse(JSON.parse(r.stdout));
    expect(html).toContain(readFileSync(resolve(import.meta.dirname, '../../../node_modules/uplot/dist/uPlot.iife.min.js'), 'utf8').slice(0, 200));
    expect(html).toContain('new uPlot(');
    const embedded = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
    expect(embedded).not.toBeNull();
    expect(JSON.parse(embedded![1]!)).toEqual(rep);
    expect(html).toContain('Trades by R');
    expect(html).toContain(`<h2>Trades (${rep.trades})</h2>`);
    expect(html).not.toMatch(/src="http|href="http|src='http|href='http/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  }, 60_000);

  it('exit 2 on an unknown --run (listing the runs), a missing database (not created) and a database without runs', () => {
    const unknown = cli('report', '--db', db, '--run', '99');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no trading run 99.*runs: 1\b/);
    expect(unknown.stdout).toBe('');

    const missing = join(dir, 'missing.db');
    const m = cli('report', '--db', missing);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/no such database/);
    expect(existsSync(missing)).toBe(false);

    const empty = join(dir, 'empty.db');
    closeDb(openDb(empty));
    const e = cli('report', '--db', empty);
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/holds no trading run/);

    expect(cli('report').status).toBe(2); // no --db
    expect(cli('report', '--db', db, '--run', 'x').status).toBe(2);
  }, 60_000);
});
