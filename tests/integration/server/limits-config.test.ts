// The input bounds are config keys (issue 16, point 3): limits.max_file_mb bounds what the CLI and the
// engine read (the refusal names the key, nothing is stored), limits.max_upload_mb and
// limits.upload_quota_mb bound browser mode's uploads (read from the store's config.yaml, or an
// ALGOSPACE_LIMITS_* override, when the server starts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '../../../src-main/server/server.ts';
import { uploadLimits } from '../../../src-main/server/upload-limits.ts';
import { dataFile } from '../../helpers/data.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const FAKE = fileURLToPath(new URL('./fake-worker.ts', import.meta.url));
const MiB = 1024 * 1024;
let dir = '';

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'as-limits-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'src-main/cli/main.ts'), ...args], { encoding: 'utf8', timeout: 120_000 });

describe('limits.max_file_mb', () => {
  it('a file over it is refused by the CLI import, naming the key; nothing is stored; within it, it imports', () => {
    const big = dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv');
    expect(statSync(big).size).toBeGreaterThan(3 * MiB);
    const cfg = join(dir, 'small.yaml');
    writeFileSync(cfg, 'limits:\n  max_file_mb: 3\n');
    const db = join(dir, 'cli.db');
    const r = cli('import', big, '--db', db, '--instrument', 'BTC-PERP', '--config', cfg);
    expect(r.status, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(/more than one file may hold \(3,145,728, limits\.max_file_mb\)/);
    const count = () => { const d = new Database(db, { readonly: true }); try { return (d.prepare('SELECT count(*) AS n FROM bars').get() as { n: number }).n; } finally { d.close(); } };
    expect(count()).toBe(0);

    writeFileSync(cfg, 'limits:\n  max_file_mb: 4\n');
    const ok = cli('import', big, '--db', db, '--instrument', 'BTC-PERP', '--config', cfg);
    expect(ok.status, ok.stderr).toBe(0);
    expect(count()).toBeGreaterThan(40_000);
  }, 180_000);

  it('an invalid value is refused with the key and the bound', () => {
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(cfg, 'limits:\n  max_file_mb: 0\n');
    const r = cli('import', dataFile('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'), '--db', join(dir, 'bad.db'), '--config', cfg);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/limits\.max_file_mb/);
  });
});

function upload(s: RunningServer, body: Buffer): Promise<{ status: number; error?: string }> {
  return new Promise((res, rej) => {
    const req = request({
      host: '127.0.0.1', port: s.port, method: 'POST', path: '/upload?name=x.csv',
      headers: { origin: `http://127.0.0.1:${s.port}`, 'x-algospace-token': s.token, 'content-length': body.length },
    }, (r) => {
      let out = '';
      r.on('data', (c: Buffer) => { out += c.toString(); });
      r.on('end', () => res({ status: r.statusCode ?? 0, error: r.statusCode === 200 ? undefined : JSON.parse(out).error }));
    });
    req.on('error', rej);
    req.end(body);
  });
}

describe('limits.max_upload_mb and limits.upload_quota_mb', () => {
  it('are read from the store\'s config.yaml when the server starts', async () => {
    const home = mkdtempSync(join(dir, 'srv-'));
    writeFileSync(join(home, 'config.yaml'), 'limits:\n  max_upload_mb: 1\n  upload_quota_mb: 2\n');
    const s = await startServer({ port: 0, dbPath: join(home, 'a.db'), sampleDir: join(home, 'none'), rendererDir: join(home, 'r'), workerUrl: FAKE, log: () => {} });
    try {
      const one = await upload(s, Buffer.alloc(MiB + 1, 65));
      expect(one.status).toBe(413);
      expect(one.error).toMatch(/file too large \(limit 1048576 bytes, limits\.max_upload_mb\)/);
      expect((await upload(s, Buffer.alloc(MiB - 10, 66))).status).toBe(200);
      expect((await upload(s, Buffer.alloc(MiB - 10, 67))).status).toBe(200);
      const third = await upload(s, Buffer.alloc(100, 68));
      expect(third.status).toBe(413);
      expect(third.error).toMatch(/limits\.upload_quota_mb/);
    } finally {
      await s.close();
    }
  });

  it('an ALGOSPACE_LIMITS_* override wins over the file; a broken config gives the defaults', () => {
    const home = mkdtempSync(join(dir, 'env-'));
    writeFileSync(join(home, 'config.yaml'), 'limits:\n  max_upload_mb: 1\n');
    expect(uploadLimits(join(home, 'a.db'), {})).toEqual({ fileBytes: MiB, quotaBytes: 2048 * MiB });
    expect(uploadLimits(join(home, 'a.db'), { ALGOSPACE_LIMITS_MAX_UPLOAD_MB: '7' }).fileBytes).toBe(7 * MiB);
    writeFileSync(join(home, 'config.yaml'), 'limits: [oops\n');
    expect(uploadLimits(join(home, 'a.db'), {})).toEqual({ fileBytes: 512 * MiB, quotaBytes: 2048 * MiB });
  });
});
