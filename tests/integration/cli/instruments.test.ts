// Instruments in the CLI (issue 13): the `instruments` listing, --config instruments, an unknown
// --instrument refused everywhere (exit 2, the catalogue's message), bar-only runs that say what they
// assume, and trading runs that refuse a file whose instrument nobody knows.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { dataFile } from '../../helpers/data.ts';
import { INSTRUMENTS, unknownInstrumentMessage } from '../../../src-shared/instruments.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });

const CONFIG = `instruments:
  - symbol: MYNQ
    name: My Nasdaq future
    kind: future
    exchange_tz: America/New_York
    tick_size: 0.25
    point_value: 20
    currency: USD
    calendar: cme-equity
    commission: { kind: per_contract, per_side: 2 }
`;

let dir: string, cfg: string, plain: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-cli-inst-'));
  cfg = join(dir, 'config.yaml');
  writeFileSync(cfg, CONFIG);
  // 400 real NQ 5-minute rows under a name that says no instrument
  plain = join(dir, 'sample.csv');
  const src = readFileSync(dataFile('firstratedata/nq_futures_2023-11/NQ_5min_sample.csv'), 'utf8').trim().split('\n');
  writeFileSync(plain, src.slice(0, 401).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli instruments', () => {
  it('a table of the catalogue: one line per instrument, with its economics', () => {
    const r = cli('instruments');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(INSTRUMENTS.length + 1);
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['symbol', 'name', 'kind', 'exchange', 'tick', 'point value', 'currency', 'quantity step', 'commission', 'calendar', 'from']);
    const es = lines.find((l) => l.startsWith('ES '))!.split(/\s{2,}/);
    expect(es).toEqual(['ES', 'E-mini S&P 500', 'future', 'CME', '0.25', '50', 'USD', '1', 'per contract: exec.commission_per_contract', 'cme-equity', 'catalogue']);
  });

  it('--json: every spec; --config adds the config\'s instruments', () => {
    const all = JSON.parse(cli('instruments', '--json').stdout);
    expect(all).toHaveLength(INSTRUMENTS.length);
    expect(all.find((s: { symbol: string }) => s.symbol === 'FESX')).toMatchObject({ currency: 'EUR', exchangeTz: 'Europe/Berlin', pointValue: 10, from: 'catalogue' });
    const mine = JSON.parse(cli('instruments', '--json', '--config', cfg).stdout);
    expect(mine).toHaveLength(INSTRUMENTS.length + 1);
    expect(mine.at(-1)).toMatchObject({ symbol: 'MYNQ', pointValue: 20, commission: { kind: 'per_contract', perSide: 2 }, from: 'config' });
  });

  it('a config that is not valid is refused, exit 2', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'instruments:\n  - symbol: X1\n    kind: future\n');
    const r = cli('instruments', '--config', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--config ${bad}: the config is not valid`);
  });
});

describe('cli --instrument', () => {
  it('an unknown symbol is refused by every file command: exit 2, the catalogue\'s message, nothing stored', () => {
    const db = join(dir, 'never.db');
    const runs = [
      ['bars', plain, '--timeframe', '30m'], ['replay', plain], ['indicators', plain, '--timeframe', '30m'],
      ['import', plain, '--db', db], ['replay', plain, '--timeframe', '5m', '--db', db, '--model', 'none'],
    ];
    for (const args of runs) {
      const r = cli(...args, '--instrument', 'XYZ');
      expect([args[0], r.status, r.stderr]).toEqual([args[0], 2, `${unknownInstrumentMessage('XYZ')}\n`]);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(db)).toBe(false);
  });

  it('a config instrument is accepted (bars aligned in its zone)', () => {
    const r = cli('bars', plain, '--timeframe', '30m', '--tz', 'America/New_York', '--instrument', 'MYNQ', '--config', cfg);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('; MYNQ');
    expect(r.stderr).not.toContain('instrument unknown');
  });
});

describe('cli without a known instrument', () => {
  it('bar-only commands run and say what they assume', () => {
    const bars = cli('bars', plain, '--timeframe', '30m');
    expect(bars.status).toBe(0);
    expect(bars.stderr).toContain('bars: instrument unknown: bars aligned to the clock of the source zone America/New_York');
    const ind = cli('indicators', plain, '--timeframe', '5m');
    expect(ind.status).toBe(0);
    expect(ind.stderr).toContain('indicators: instrument unknown; bars aligned to the clock of the source zone America/New_York; LVN uses a 0.01 price grid');
    const rep = cli('replay', plain);
    expect(rep.status).toBe(0);
    expect(rep.stderr).toContain('replay: instrument unknown');
    expect(JSON.parse(rep.stdout)).toMatchObject({ symbol: null, rows: 400 });
  });

  it('a trading run refuses, before any database is made', () => {
    const db = join(dir, 'trade.db');
    const r = cli('replay', plain, '--timeframe', '5m', '--db', db, '--model', 'none');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('sample.csv: the file does not say which instrument it holds');
    expect(existsSync(db)).toBe(false);
    // a file name that reads like an unknown symbol gets the catalogue's message
    const foo = join(dir, 'FOOBAR_5min.csv');
    writeFileSync(foo, readFileSync(plain));
    const named = cli('replay', foo, '--timeframe', '5m', '--db', db, '--model', 'none');
    expect([named.status, named.stderr]).toEqual([2, `${unknownInstrumentMessage('FOOBAR')}\n`]);
  });

  it('a known instrument that cannot trade under the config is refused the same way: no stack trace, nothing stored', () => {
    const db = join(dir, 'untradable.db');
    // the real BTC perpetual file: quoted in USDT, and the default config states no USDT rate
    const btc = cli('replay', dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'), '--timeframe', '5m', '--db', db, '--model', 'none');
    expect([btc.status, btc.stderr]).toEqual([2,
      'replay: btc-perp-20211231-20220201_1m.csv: BTC-PERP is quoted in USDT and the account is in USD: add risk.fx_rates.USDT (USD per 1 USDT)\n']);
    const spx = cli('replay', dataFile('firstratedata/spx_index_2023-03/SPX_1min.txt_sample.txt'), '--timeframe', '5m', '--db', db, '--model', 'none');
    expect(spx.status).toBe(2);
    expect(spx.stderr).toContain('SPX is an index: it is not tradable');
    expect(existsSync(db)).toBe(false);
  });
});
