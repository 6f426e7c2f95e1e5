// The CLI is a stable interface: these tests call it exactly as users and later checks do.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { dataFile } from '../../helpers/data.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'algospace-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = (csv: string) => csv.trim().split('\n');

describe('cli bars', () => {
  it('NQ 1m → 5m: header, then exactly the vendor 5-minute file (time in New York, OHLCV)', () => {
    const r = cli('bars', dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), '--timeframe', '5m', '--tz', 'America/New_York');
    expect(r.status).toBe(0);
    const ours = rows(r.stdout);
    const vendor = rows(readFileSync(dataFile('firstratedata/nq_futures_2023-11/NQ_5min_sample.csv'), 'utf8'));
    expect(ours[0]).toBe('time,open,high,low,close,volume');
    expect(ours).toHaveLength(vendor.length);
    for (let i = 1; i < vendor.length; i++) {
      const a = ours[i]!.split(','), b = vendor[i]!.split(',');
      expect(a[0]).toBe(b[0]);
      expect(a.slice(1).map(Number)).toEqual(b.slice(1).map(Number));
    }
    expect(r.stderr).toMatch(/rows read/);
  });

  it('LEAN SPY ticks → 30m: times are New York bar starts, nothing but CSV on stdout', () => {
    const r = cli('bars', dataFile('lean/equity/usa/tick/spy/20131007_trade.zip'), '--timeframe', '30m');
    expect(r.status).toBe(0);
    const out = rows(r.stdout);
    expect(out[0]).toBe('time,open,high,low,close,volume');
    expect(out[1]!.startsWith('2013-10-07 04:00:00,')).toBe(true);
    expect(out[out.length - 1]!.startsWith('2013-10-07 19:30:00,')).toBe(true);
    expect(out).toHaveLength(1 + 32);
    for (const line of out.slice(1)) expect(line).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(,-?[\d.]+){5}$/);
    // total volume equals the sum of all trade sizes in the file
    const vol = out.slice(1).reduce((s, l) => s + Number(l.split(',')[5]), 0);
    expect(vol).toBe(97_062_721); // unzip -p … | awk -F, '{s+=$3} END {print s}'
  });

  it('refuses a timeframe finer than the input bars, and bad usage exits 2', () => {
    const coarse = cli('bars', dataFile('firstratedata/nq_futures_2023-11/NQ_30min_sample.csv'), '--timeframe', '5m');
    expect(coarse.status).toBe(1);
    expect(coarse.stdout).toBe('');
    expect(coarse.stderr).toMatch(/30-minute bars/);
    expect(cli('bars', 'x.csv', '--timeframe', '7m').status).toBe(2);
    expect(cli('bars', 'x.csv', '--timeframe', '5m', '--bogus', '1').status).toBe(2);
    expect(cli('nosuchcommand').status).toBe(2);
  });
});

describe('cli import and replay', () => {
  it('import twice: the second run adds nothing', () => {
    const db = join(dir, 'imp.db');
    const file = dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv');
    const first = cli('import', file, '--db', db, '--instrument', 'NQ', '--tz', 'America/New_York');
    expect(first.status).toBe(0);
    const a = JSON.parse(first.stdout);
    expect(a).toMatchObject({ symbol: 'NQ', rows_rejected: 0, duplicate: false });
    expect(a.rows_stored).toBe(rows(readFileSync(file, 'utf8')).length - 1);
    const b = JSON.parse(cli('import', file, '--db', db).stdout);
    expect(b).toMatchObject({ duplicate: true, rows_stored: 0 });
  });

  it('import of a missing file is one clear error, exit 1', () => {
    const r = cli('import', join(dir, 'nope.csv'), '--db', join(dir, 'x.db'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/nope\.csv/);
  });

  it('replay prints a JSON summary with rows, rejected, bars per timeframe and ticks/s', () => {
    const r = cli('replay', dataFile('lean/equity/usa/tick/spy/20131007_trade.zip'), '--db', join(dir, 'rep.db'));
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ rows: 250_601, rejected: 0, bars: { '1m': 828, '5m': 191, '30m': 32 } });
    expect(s.ticks_per_s).toBeGreaterThan(0);
    expect(s.stored.rows_stored).toBe(250_601);
    // 5m bars also run the indicator pipeline and the synergy detector: with SPEC's gates a single
    // day yields none (MLMI has no crossover records yet); the key is there and counted
    expect(s.synergies).toBe(0);
    expect(s.synergies_by_pattern).toEqual({});
  });

  it('replay of bars coarser than 5 minutes counts bars only: the same keys, synergies null', () => {
    const r = cli('replay', dataFile('firstratedata/nq_futures_2023-11/NQ_30min_sample.csv'));
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s)).toEqual([
      'file', 'kind', 'symbol', 'source_tz', 'rows', 'rejected', 'bars', 'seconds', 'ticks_per_s', 'synergies', 'synergies_by_pattern', 'rows_per_s',
    ]);
    expect(s).toMatchObject({ rows: 491, rejected: 0, bars: { '30m': 491 }, ticks_per_s: null, synergies: null, synergies_by_pattern: null });
    expect(Object.keys(s.bars)).toEqual(['30m']);
  });
});

describe('cli indicators', () => {
  const nq5 = () => dataFile('firstratedata/nq_futures_2023-11/NQ_5min_sample.csv');
  const parse = (csv: string) => {
    const [head, ...body] = rows(csv);
    const cols = head!.split(',');
    return { cols, body, get: (line: string, name: string) => line.split(',')[cols.indexOf(name)]! };
  };

  it('has the stable columns, one row per bar, and SPEC appendix FVG counts (9 bullish, 15 bearish)', () => {
    const r = cli('indicators', nq5(), '--timeframe', '5m', '--tz', 'America/New_York');
    expect(r.status).toBe(0);
    const { cols, body, get } = parse(r.stdout);
    expect(cols.slice(0, 6)).toEqual(['time', 'open', 'high', 'low', 'close', 'volume']);
    for (const c of ['mlmi', 'mlmi_signal', 'nwrqk', 'nwrqk_signal', 'fvg_bull', 'fvg_bear']) expect(cols).toContain(c);
    expect(body).toHaveLength(2943);
    expect(body.filter((l) => get(l, 'fvg_bull') === '1')).toHaveLength(9);
    expect(body.filter((l) => get(l, 'fvg_bear') === '1')).toHaveLength(15);
    // empty while not ready: the first bar has no NW-RQK yet; late bars have one
    expect(get(body[0]!, 'nwrqk')).toBe('');
    expect(Number(get(body.at(-1)!, 'nwrqk'))).toBeGreaterThan(10_000);
  });

  it('the first N rows of a file give exactly the first N bars of the full run', () => {
    const full = rows(cli('indicators', nq5(), '--timeframe', '5m').stdout);
    const head = join(dir, 'NQ_5min_head.csv');
    const src = rows(readFileSync(nq5(), 'utf8'));
    for (const n of [700, 1501]) {
      writeFileSync(head, src.slice(0, n + 1).join('\n') + '\n');
      const part = rows(cli('indicators', head, '--timeframe', '5m', '--instrument', 'NQ').stdout);
      expect(part).toHaveLength(n + 1);
      expect(part).toEqual(full.slice(0, n + 1));
    }
  });

  it('a 5m row shows the 30m values of the last 30m bar that ended by the 5m bar\'s end', () => {
    const five = parse(cli('indicators', nq5(), '--timeframe', '5m').stdout);
    const thirty = parse(cli('indicators', dataFile('firstratedata/nq_futures_2023-11/NQ_30min_sample.csv'), '--timeframe', '30m').stdout);
    const ny = (s: string) => Date.parse(s.replace(' ', 'T') + 'Z'); // wall-clock ms: offsets cancel within a day
    const by30 = thirty.body.map((l) => ({ start: ny(thirty.get(l, 'time')), l }));
    let checked = 0;
    for (const l of five.body) {
      const end = ny(five.get(l, 'time')) + 5 * 60_000;
      const last = by30.filter((b) => b.start + 30 * 60_000 <= end).at(-1);
      if (!last) continue;
      for (const c of ['mlmi', 'mlmi_signal', 'nwrqk', 'nwrqk_signal', 'lvn_price']) expect(five.get(l, c)).toBe(thirty.get(last.l, c));
      checked++;
    }
    expect(checked).toBeGreaterThan(2800);
  });
});
