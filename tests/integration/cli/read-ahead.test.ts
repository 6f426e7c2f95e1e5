// `replay`, `indicators` and `bars` read their file ahead on another thread (read-ahead.ts); what they
// print must be what they print reading on the calling thread (ALGOSPACE_READ_AHEAD=0): every bar, every
// indicator value, the counts and the problems — on a real LEAN tick day and on a CSV with bad rows.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { dataFile } from '../../helpers/data.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
function run(ahead: boolean, ...args: string[]) {
  const env = { ...process.env, ALGOSPACE_READ_AHEAD: ahead ? '1' : '0' };
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, maxBuffer: 64 * 2 ** 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** replay's JSON line without its timings */
const untimed = (s: string) => { const j = JSON.parse(s.trim().split('\n').at(-1)!); delete j.seconds; delete j.ticks_per_s; delete j.rows_per_s; return j; };

const SPY = dataFile('lean/equity/usa/tick/spy/20131007_trade.zip');
let dir: string, bad: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-cli-ahead-'));
  const lines = readFileSync(dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), 'utf8').trimEnd().split('\n');
  // every 97th row broken: problems and rejected counts to carry across the threads
  bad = join(dir, 'nq-bad.csv');
  writeFileSync(bad, lines.map((l, i) => (i > 0 && i % 97 === 0 ? l.replace(/,[^,]*$/, ',-5') : l)).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI commands reading ahead', () => {
  it('replay: the same bars, synergies and counts (SPY ticks; NQ CSV with bad rows)', () => {
    for (const args of [[SPY], [bad, '--instrument', 'NQ']]) {
      const [a, b] = [run(true, 'replay', ...args), run(false, 'replay', ...args)];
      expect(a.status, a.stderr).toBe(b.status);
      expect(untimed(a.stdout)).toEqual(untimed(b.stdout));
      expect(a.stderr).toBe(b.stderr);
    }
    expect(untimed(run(true, 'replay', bad, '--instrument', 'NQ').stdout).rejected).toBeGreaterThan(10);
  }, 120_000);

  it('indicators: the same CSV and stderr (SPY ticks at 5m; NQ CSV with bad rows at 30m)', () => {
    for (const args of [[SPY, '--timeframe', '5m'], [bad, '--instrument', 'NQ', '--timeframe', '30m']]) {
      const [a, b] = [run(true, 'indicators', ...args), run(false, 'indicators', ...args)];
      expect(a.status, a.stderr).toBe(b.status);
      expect(a.stdout.split('\n').length).toBeGreaterThan(10);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stderr).toBe(b.stderr);
    }
  }, 120_000);

  it('bars: the same bars and problems', () => {
    for (const args of [[SPY, '--timeframe', '1m'], [bad, '--instrument', 'NQ', '--timeframe', '5m']]) {
      const [a, b] = [run(true, 'bars', ...args), run(false, 'bars', ...args)];
      expect(a.status, a.stderr).toBe(b.status);
      expect(a.stdout.split('\n').length).toBeGreaterThan(100);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stderr).toBe(b.stderr);
    }
    expect(run(true, 'bars', bad, '--instrument', 'NQ', '--timeframe', '5m').stderr).toMatch(/rejected/);
  }, 120_000);
});
