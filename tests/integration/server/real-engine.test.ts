// The real engine worker (src-main/engine/worker.ts) behind the real server, in-process.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../../src-main/server/server.ts';

const WORKER = fileURLToPath(new URL('../../../src-main/engine/worker.ts', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'as-real-'));
let running: RunningServer | null = null;
afterAll(async () => {
  await running?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(WORKER))('browser mode with the real engine', () => {
  it('answers app.info over the WebSocket and shuts down cleanly', async () => {
    running = await startServer({ port: 0, dbPath: join(dir, 'a.db'), sampleDir: join(dir, 'no-samples'), rendererDir: join(dir, 'r'), workerUrl: WORKER });
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/?token=${running.token}`);
    const ws = new WebSocket(`ws://127.0.0.1:${running.port}/ws?token=${running.token}`);
    await new Promise((res, rej) => { ws.once('open', res); ws.once('error', rej); });
    const res = await new Promise<any>((resolve) => {
      ws.on('message', (d) => {
        const f = JSON.parse(d.toString());
        if (f.type === 'result' && f.id === 7) resolve(f.res);
      });
      ws.send(JSON.stringify({ type: 'call', id: 7, name: 'app.info', req: {} }));
    });
    expect(res).toMatchObject({ ok: true, value: { mode: 'browser', dbPath: join(dir, 'a.db') } });
    const closed = new Promise((r) => ws.once('close', r));
    await running.close();
    await closed;
    expect(running.engine.alive).toBe(false);
  });
});
