// Issue 17 point 5: a long import never goes quiet on stderr (a line per phase, rows/s, time left), and
// Ctrl+C cancels it: one clear line, exit code 130, nothing of it stored.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { dataFile } from '../../helpers/data.ts';
import { openDb, closeDb } from '../../../src-main/store/db.ts';
import { listImports } from '../../../src-main/store/imports.ts';
import { countBars } from '../../../src-main/store/bars.ts';
import { listInstruments, storedInstrument } from '../../../src-main/store/instruments.ts';
import { barRange } from '../../../src-main/store/bar-range.ts';
import { generate } from '../../../scripts/gen-chart-bars.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
// 45,031 one-minute bars: seconds of indicator work after the reading
const FILE = dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv');
// 120,000 of FirstRate's NQ 1-minute bars tiled (scripts/gen-chart-bars.ts): an indicator phase of a
// few seconds, so lines with whole seconds left come mid-phase on a fast machine too (the BTC file's
// ~1.2 s phase gave one such line, or none in 1 of 6 runs)
const LONG_BARS = 120_000;

let dir: string, long: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-progress-'));
  long = join(dir, 'NQ_progress_1m.csv');
  writeFileSync(long, generate(LONG_BARS));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LINE = /^NQ_progress_1m\.csv: (reading|bars|indicators|writing) \((\d)\/4\): .* · [\d,]+ rows\/s · (time left unknown yet|(<1|\d+) s left|\d+ m \d\d s left)$/;

describe('cli import: progress and Ctrl+C', () => {
  it('prints a line for every phase (reading, bars, indicators, writing) with rows/s and time left', () => {
    const db = join(dir, 'full.db');
    // a line every 100 ms instead of 2 s: the indicator phase is shorter than 2 s on a fast machine
    const r = spawnSync(process.execPath, [CLI, 'import', long, '--db', db, '--tz', 'America/New_York', '--instrument', 'NQ'], { encoding: 'utf8', env: { ...process.env, ALGOSPACE_PROGRESS_MS: '100' } });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stderr.trim().split('\n');
    const phases = lines.map((l) => LINE.exec(l)?.[1]).filter(Boolean);
    expect([...new Set(phases)]).toEqual(['reading', 'bars', 'indicators', 'writing']);
    // the indicators run for seconds: their progress shows while they do (not only start and end),
    // counted in the 5m bars the store then holds
    const h = openDb(db);
    const bars5 = barRange(h, storedInstrument(h, 'NQ')!.id, 5).t.length;
    closeDb(h);
    const of = `of ${bars5.toLocaleString('en-US')} bars`;
    expect(lines.filter((l) => new RegExp(`indicators \\(3/4\\): [1-9][\\d,]* ${of} .* \\d+ s left`).test(l)).length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(new RegExp(`${LONG_BARS} rows stored after \\d+ s$`));
    expect(JSON.parse(r.stdout).rows_stored).toBe(LONG_BARS);
  }, 120_000);

  it('Ctrl+C during the indicators: one line, exit code 130, no import record, no bars', async () => {
    const db = join(dir, 'cancelled.db');
    const child = spawn(process.execPath, [CLI, 'import', FILE, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '', stdout = '', sent = false;
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // after a line of the indicator phase: the bars and ticks are written in the transaction by then
      if (!sent && /indicators \(3\/4\)/.test(stderr)) { sent = true; child.kill('SIGINT'); }
    });
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(sent).toBe(true);
    expect(code, stderr).toBe(130);
    const cancelLines = stderr.split('\n').filter((l) => /cancel/i.test(l));
    expect(cancelLines).toEqual(['btc-perp-20211231-20220201_1m.csv: import cancelled (Ctrl+C): nothing of it was stored']);
    expect(stdout).toBe('');
    const h = openDb(db);
    try {
      expect(listImports(h)).toEqual([]);
      expect(countBars(h)).toBe(0);
      expect(listInstruments(h)).toEqual([]);
    } finally {
      closeDb(h);
    }
    // and the same file imports afterwards as if never tried
    const again = spawnSync(process.execPath, [CLI, 'import', FILE, '--db', db], { encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ rows_stored: 45_031, duplicate: false });
  }, 120_000);
});
