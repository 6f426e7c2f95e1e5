// Upload bounds (issue 16): one file at most MAX_UPLOAD_BYTES, all of a session's uploads together at
// most its quota (a refusal says which, and keeps what was stored), and the upload folders of a server
// that was killed are swept at the next start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../../../src-main/server/server.ts';
import { createUploadRoot } from '../../../src-main/server/upload.ts';

const FAKE = fileURLToPath(new URL('./fake-worker.ts', import.meta.url));
let dir = '', running: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'as-uploads-'));
  running = await startServer({
    port: 0, dbPath: join(dir, 'u.db'), sampleDir: join(dir, 'none'), rendererDir: join(dir, 'r'), workerUrl: FAKE,
    uploadRoot: join(dir, 'up'), uploadQuotaBytes: 1000, log: () => {},
  });
  await mkdir(join(dir, 'up'), { recursive: true });
});
afterAll(async () => {
  await running?.close();
  await rm(dir, { recursive: true, force: true });
});

function upload(name: string, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: running.port, method: 'POST', path: `/upload?name=${name}`,
      headers: { origin: `http://127.0.0.1:${running.port}`, 'x-algospace-token': running.token, 'content-length': body.length },
    }, (res) => {
      let out = '';
      res.on('data', (c: Buffer) => { out += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: out }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('upload bounds', () => {
  it('the session quota: 600 + 300 bytes pass, 200 more are refused with the reason, what was stored stays', async () => {
    const a = await upload('a.csv', Buffer.alloc(600, 65));
    expect(a.status).toBe(200);
    const b = await upload('b.csv', Buffer.alloc(300, 66));
    expect(b.status).toBe(200);
    const c = await upload('c.csv', Buffer.alloc(200, 67));
    expect(c.status).toBe(413);
    expect(JSON.parse(c.body).error).toMatch(/quota \(900 of 1000 bytes, limits\.upload_quota_mb\)/);
    expect((await readFile(JSON.parse(a.body).path)).length).toBe(600);
    // what fits still passes
    expect((await upload('d.csv', Buffer.alloc(100, 68))).status).toBe(200);
    expect((await upload('e.csv', Buffer.alloc(1, 69))).status).toBe(413);
  });

  it("a killed server's upload folder is swept at the next start; a live one's stays", async () => {
    const base = join(dir, 'sweep');
    await mkdir(join(base, 'session-999999-dead'), { recursive: true }); // no such process
    await mkdir(join(base, `session-${process.ppid}-live`), { recursive: true });
    const mine = await createUploadRoot(base);
    expect(existsSync(join(base, 'session-999999-dead'))).toBe(false);
    expect(existsSync(join(base, `session-${process.ppid}-live`))).toBe(true);
    expect(mine).toMatch(new RegExp(`session-${process.pid}-`));
  });
});
