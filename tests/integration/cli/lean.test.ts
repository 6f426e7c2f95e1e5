// LEAN files through the CLI (issue 13): the zone comes from the market, and a day listed twice in an
// entry is reported like other dropped rows (stderr problem line, rejected count, exit 1, import report).
// The doubled entry is built from the real ES 2013-10-08 201312 entry (no real file has the defect).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { dataFile } from '../../helpers/data.ts';
import { makeZip } from '../../unit/engine/feed/helpers.ts';
import { zipEntries, zipRead } from '../../../src-main/engine/feed/zip.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
const ENTRY = '20131008_es_minute_trade_201312.csv';

let dir: string, doubled: string, n: number;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-cli-lean-'));
  const buf = readFileSync(dataFile('lean/future/cme/minute/es/20131008_trade.zip'));
  const rows = zipRead(buf, zipEntries(buf).find((e) => e.name === ENTRY)!).toString('latin1').trim().split(/\r?\n/);
  n = rows.length;
  const adjusted = rows.map((l) => l.split(',').map((f, i) => (i >= 1 && i <= 4 ? String(Number(f) + 14.75) : f)).join(','));
  const tree = join(dir, 'future/cme/minute/es');
  mkdirSync(tree, { recursive: true });
  doubled = join(tree, '20131008_trade.zip');
  writeFileSync(doubled, makeZip([{ name: ENTRY, text: [...adjusted, ...rows].join('\n') + '\n', deflate: true }]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli with a LEAN day listed twice', () => {
  it('bars: the real bars only; the dropped block is one problem line and counted as rejected', () => {
    const real = cli('bars', dataFile('lean/future/cme/minute/es/20131008_trade.zip'), '--timeframe', '1m', '--contract', '201312');
    const r = cli('bars', doubled, '--timeframe', '1m');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(real.stdout);
    expect(r.stderr).toContain(`20131008_trade.zip:1: time: lines 1-${n}: the day is listed again later`);
    expect(r.stderr).toContain(`bars: ${2 * n} rows read, ${n} rejected, ${n} 1m bars`);
    expect(r.stderr).toContain('LEAN cme data in UTC');
  });

  it('import: the report counts the dropped rows and stores one listing', () => {
    const r = cli('import', doubled, '--db', join(dir, 'imp.db'));
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ symbol: 'ES', rows_read: 2 * n, rows_rejected: n, rows_stored: n, source_tz: 'UTC' });
    expect(r.stderr).toContain('the day is listed again later');
  });
});
