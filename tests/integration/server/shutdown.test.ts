// Clean shutdown: a normal quit drains the engine, commits, checkpoints the WAL and closes the
// database, so no `-wal` data is left behind and everything stored is in the main file.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

describe('browser-mode server shutdown', () => {
  it('SIGTERM after the sample import leaves no WAL data and a complete database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'algospace-quit-'));
    const db = join(dir, 'quit.db');
    try {
      const child = spawn(process.execPath, ['src-main/server/main.ts', '--port', '0', '--db', db, '--sample', 'resources/sample', '--renderer', dir], {
        cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
      await new Promise<void>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no URL within 60 s\n${err}`)), 60_000);
        child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('http://127.0.0.1:')) { clearTimeout(timer); ok(); } });
      });
      // Wait until the sample and its indicators are committed (a reader sees them through the WAL,
      // which then holds pages not yet checkpointed into the main file).
      const stored = () => {
        if (!existsSync(db)) return false;
        const r = new Database(db, { readonly: true });
        try {
          const imports = (r.prepare('SELECT COUNT(*) AS n FROM imports').get() as { n: number }).n;
          const ind = (r.prepare('SELECT COUNT(*) AS n FROM indicator_values').get() as { n: number }).n;
          return imports === 15 && ind > 0;
        } catch { return false; } finally { r.close(); }
      };
      for (let i = 0; i < 600 && !stored(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(stored()).toBe(true);
      expect(statSync(`${db}-wal`).size).toBeGreaterThan(0);
      const code = await new Promise<number | null>((ok) => { child.on('exit', (c) => ok(c)); child.kill('SIGTERM'); });
      expect(code).toBe(0);
      const wal = existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0;
      expect(wal).toBe(0);
      const check = new Database(db, { readonly: true });
      const n = (check.prepare('SELECT COUNT(*) AS n FROM imports').get() as { n: number }).n;
      check.close();
      expect(n).toBe(15); // 14 ES days + 1 SPY tick day
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
