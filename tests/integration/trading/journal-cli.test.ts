// `journal --db` is a stable interface: the CSV columns in order, one row per decision, and money that
// adds up to the replay's realized_pnl (hand check: each round trip's pnl already has both commissions).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { dataFile } from '../../helpers/data.ts';
import { JOURNAL_COLUMNS } from '../../../src-shared/trading.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'algospace-journal-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli journal', () => {
  it('prints every decision with its action and fills; pnl sums to realized_pnl', () => {
    const db = join(dir, 'j.db');
    const r = cli('replay', dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), '--timeframe', '5m', '--profile', 'active', '--db', db, '--auto-approve', '--model', 'none');
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { decisions: number; approved: number; realized_pnl: number; open_positions: number; rejected_by_risk: number };
    const j = cli('journal', '--db', db);
    expect(j.status, j.stderr).toBe(0);
    const lines = j.stdout.trim().split('\n');
    expect(lines[0]).toBe(JOURNAL_COLUMNS.join(','));
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [JOURNAL_COLUMNS[i], v])));
    expect(rows.length).toBe(summary.decisions);
    expect(rows.filter((x) => x.status === 'approved').length).toBe(summary.approved);
    expect(rows.filter((x) => x.status === 'rejected_by_risk').length).toBe(summary.rejected_by_risk);
    for (const x of rows) {
      if (x.status === 'approved') {
        expect(x.action).toBe('auto_approve');
        expect(x.entry_fill_time).not.toBe('');
        expect(x.shown_hash).toMatch(/^[0-9a-f]{64}$/);
      }
      if (x.status === 'rejected_by_risk') expect(x.risk_reasons).not.toBe('');
    }
    expect(summary.open_positions).toBe(0);
    const pnl = rows.reduce((a, x) => a + (x.pnl ? Number(x.pnl) : 0), 0);
    expect(pnl).toBeCloseTo(summary.realized_pnl, 6);
    expect(cli('journal').status).toBe(2);
    expect(cli('journal', '--db', join(dir, 'missing.db')).status).toBe(1);
  }, 60_000);
});
