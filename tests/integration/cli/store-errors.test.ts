// A database that cannot be ours (issue 16): damaged bytes, a newer version's schema, a directory. Every
// command that opens it, and browser mode at start, says why in one line and exits 2, with no stack
// trace, and writes nothing to it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { dataFile } from '../../helpers/data.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const run = (script: string, ...args: string[]) => spawnSync(process.execPath, [join(ROOT, script), ...args], { encoding: 'utf8', timeout: 60_000 });
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-store-errors-'));
  writeFileSync(join(dir, 'damaged.db'), randomBytes(16_384));
  const future = new Database(join(dir, 'future.db'));
  future.pragma('user_version = 9999');
  future.exec('CREATE TABLE t (x)');
  future.close();
  mkdirSync(join(dir, 'folder.db'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES = [
  ['damaged.db', /is not an AlgoSpace database, or is damaged/],
  ['future.db', /made by a newer version of AlgoSpace \(database schema version 9999/],
  ['folder.db', /is a directory, not a database file/],
] as const;

describe('a database that cannot be ours', () => {
  it.each(CASES)('%s: one line, exit 2, untouched — import, report, health, serve', (name, why) => {
    const db = join(dir, name);
    const before = name === 'folder.db' ? null : sha(db);
    const runs = [
      run('src-main/cli/main.ts', 'import', dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'), '--db', db, '--instrument', 'BTC-PERP'),
      run('src-main/cli/main.ts', 'report', '--db', db),
      run('src-main/cli/main.ts', 'health', '--db', db),
      run('src-main/server/main.ts', '--db', db, '--port', '0'),
    ];
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    if (before) expect(sha(db)).toBe(before);
  }, 120_000);
});

describe('a database locked by another process', () => {
  it('import waits its 5 s, then says so in one line and exits 1; the holder\'s data stays, and it imports once free', async () => {
    const db = join(dir, 'locked.db');
    const file = dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv');
    expect(run('src-main/cli/main.ts', 'import', file, '--db', db, '--instrument', 'BTC-PERP').status).toBe(0);
    const holder = new Database(db);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, [join(ROOT, 'src-main/cli/main.ts'), 'import', dataFile('firstratedata/spy_etf_2026-01/SPY_1min_sample.csv'), '--db', db, '--instrument', 'SPY'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      const code = await new Promise<number | null>((res) => child.on('close', res));
      const lines = stderr.trim().split('\n').filter((l) => !/^\S+\.csv: (reading|bars|indicators|writing) /.test(l));
      expect(code, stderr).not.toBe(0);
      expect(lines.join('\n')).toMatch(/database is locked|SQLITE_BUSY/);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(lines).toHaveLength(1);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    const again = run('src-main/cli/main.ts', 'import', dataFile('firstratedata/spy_etf_2026-01/SPY_1min_sample.csv'), '--db', db, '--instrument', 'SPY');
    expect(again.status, again.stderr).toBe(0);
  }, 120_000);
});
