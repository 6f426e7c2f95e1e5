// Issue 13 on the path a trader takes (CLI replay → journal) with a US equity: commission per share by
// IBKR's fixed model, not exec.commission_per_contract per share (500 SPY shares used to pay $1,250 a
// side), and each round trip's P&L recomputed here in whole cents from the journal's own fill prices:
// d·(exit − entry)·shares − both sides' commission. The stored figure must equal it exactly (no float tail).
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
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'algospace-equity-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** IBKR US fixed, in cents: $0.005 a share, at least $1, at most 1 % of the trade's value. */
const perShareCents = (shares: number, priceCents: number) => Math.min(Math.max(0.5 * shares, 100), 0.01 * shares * priceCents);

describe('SPY through the CLI: per-share commission and P&L to the cent', () => {
  it('every round trip equals the hand formula in cents; realized P&L is their sum', () => {
    const db = join(dir, 'spy.db');
    const r = cli('replay', dataFile('firstratedata/spy_etf_2026-01/SPY_1min_sample.csv'), '--timeframe', '5m', '--profile', 'active',
      '--db', db, '--auto-approve', '--model', 'none');
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { fills: number; realized_pnl: number; currency: string };
    expect(summary.currency).toBe('USD');
    expect(summary.fills).toBeGreaterThanOrEqual(2);
    const j = cli('journal', '--db', db);
    expect(j.status, j.stderr).toBe(0);
    const rows = j.stdout.trim().split('\n').slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [JOURNAL_COLUMNS[i], v])));
    const trips = rows.filter((x) => x.exit_fill_price !== '');
    expect(trips.length).toBeGreaterThan(0);
    let sumCents = 0;
    for (const x of trips) {
      const shares = Number(x.size), d = x.direction === 'long' ? 1 : -1;
      expect(Number.isInteger(shares)).toBe(true);
      const inC = Math.round(Number(x.entry_fill_price) * 100), outC = Math.round(Number(x.exit_fill_price) * 100);
      const cents = d * (outC - inC) * shares - perShareCents(shares, inC) - perShareCents(shares, outC);
      // exactly: the stored number is the decimal a person writes (before the fix, −485.000000000018)
      expect(Number(x.pnl)).toBe(cents / 100);
      expect(x.pnl).toBe(String(cents / 100));
      expect(x.instrument_currency).toBe('USD');
      expect(Number(x.pnl_instrument)).toBe(cents / 100);
      // never the old per-contract rate per share: 500 shares would have paid $1,250 a side
      expect(perShareCents(shares, inC)).toBeLessThanOrEqual(0.5 * shares);
      sumCents += cents;
    }
    // no position left open on this sample: realized P&L is the trips' sum (entry commissions included)
    expect(Math.round(summary.realized_pnl * 100)).toBe(sumCents);
  });
});
