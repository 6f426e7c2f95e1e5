import { afterAll, describe, expect, it } from 'vitest';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, rm } from 'node:fs/promises';
import { createUploadRoot, handleUpload } from '../../../src-main/server/upload.ts';

const root = await createUploadRoot();
const server = createServer((req, res) => void handleUpload(root, req, res, new URL(req.url!, 'http://x'), 10));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(root, { recursive: true, force: true });
});

/** Sends a chunked body (no Content-Length), so the limit must be enforced while streaming. */
function send(parts: string[]): Promise<{ status: number; body: string } | 'reset'> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/upload?name=a.csv' }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', () => resolve('reset'));
    for (const p of parts) req.write(p);
    req.end();
  });
}

describe('upload limit', () => {
  it('accepts a body within the limit', async () => {
    const r = await send(['12345', '67890']);
    expect(r).not.toBe('reset');
    if (r !== 'reset') expect(r.status).toBe(200);
  });

  it('stops an oversized streamed body and leaves nothing behind', async () => {
    const before = (await readdir(root)).length;
    const r = await send(['123456', '789012']);
    if (r !== 'reset') expect(r.status).toBe(413);
    await new Promise((res) => setTimeout(res, 50));
    expect((await readdir(root)).length).toBe(before);
  });
});
