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

/** The command with and without reading ahead: the same exit code and stderr; both results, to compare their stdout. */
function both(cmd: string, args: string[]) {
  const a = run(true, cmd, ...args), b = run(false, cmd, ...args);
  expect(a.status, a.stderr).toBe(b.status);
  expect(a.stderr).toBe(b.stderr);
  return [a, b] as const;
}

/** …and the same stdout, of at least `minLines` lines; the read-ahead run's result. */
function sameOutput(cmd: string, args: string[], minLines: number) {
  const [a, b] = both(cmd, args);
  expect(a.stdout.split('\n').length).toBeGreaterThan(minLines);
  expect(a.stdout).toBe(b.stdout);
  return a;
}

describe('CLI commands reading ahead', () => {
  it('replay: the same bars, synergies and counts (SPY ticks; NQ CSV with bad rows)', () => {
    const [spyA, spyB] = both('replay', [SPY]);
    expect(untimed(spyA.stdout)).toEqual(untimed(spyB.stdout));
    const [badA, badB] = both('replay', [bad, '--instrument', 'NQ']);
    expect(untimed(badA.stdout)).toEqual(untimed(badB.stdout));
    expect(untimed(badA.stdout).rejected).toBeGreaterThan(10);
  }, 120_000);

  it('indicators: the same CSV and stderr (SPY ticks at 5m; NQ CSV with bad rows at 30m)', () => {
    sameOutput('indicators', [SPY, '--timeframe', '5m'], 10);
    sameOutput('indicators', [bad, '--instrument', 'NQ', '--timeframe', '30m'], 10);
  }, 120_000);

  it('bars: the same bars and problems', () => {
    sameOutput('bars', [SPY, '--timeframe', '1m'], 100);
    expect(sameOutput('bars', [bad, '--instrument', 'NQ', '--timeframe', '5m'], 100).stderr).toMatch(/rejected/);
  }, 120_000);
});
