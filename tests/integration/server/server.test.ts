// Browser mode end to end: the real CLI (src-main/server/main.ts) as a child process, with the
// fake engine worker injected through ALGOSPACE_WORKER, a temp renderer and a temp database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const FAKE = fileURLToPath(new URL('./fake-worker.ts', import.meta.url));

let dir = '';
let child: ChildProcess;
let stderr = '';
let base = '';
let port = 0;
let token = '';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function http(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function openWs(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

type Frame = { type: string; id?: number; res?: any; topic?: string; payload?: any };

/** Collects every frame a socket receives; `call` sends one and waits for its result. */
function client(ws: WebSocket) {
  const frames: Frame[] = [];
  let nextId = 1;
  const waiters = new Map<number, (f: Frame) => void>();
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString()) as Frame;
    frames.push(f);
    if (f.type === 'result' && f.id !== undefined) waiters.get(f.id)?.(f);
  });
  return {
    frames,
    call(name: string, req: unknown): Promise<any> {
      const id = nextId++;
      return new Promise((resolve) => {
        waiters.set(id, (f) => resolve(f.res));
        ws.send(JSON.stringify({ type: 'call', id, name, req }));
      });
    },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'as-server-'));
  const renderer = join(dir, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>AlgoSpace</title>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'top secret');
  child = spawn(process.execPath, [join(REPO, 'src-main/server/main.ts'), '--port', '0', '--db', join(dir, 'db', 'test.db'), '--renderer', renderer, '--sample', join(dir, 'sample')], {
    cwd: REPO,
    env: { ...process.env, ALGOSPACE_WORKER: FAKE, ALGOSPACE_PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
  const m = /^AlgoSpace Workstation \(browser mode\): (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64}))\n$/.exec(line);
  expect(m, line).not.toBeNull();
  base = m![1]!;
  port = Number(m![2]);
  token = m![3]!;
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('browser mode HTTP', () => {
  it('serves the renderer without the token (nothing secret in it) and never sets a cookie', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', `/?token=${token}`, '/?token=wrong']) {
      const r = await http('GET', path);
      expect(r.status, path).toBe(200);
      // a cookie would reach every other server on 127.0.0.1: cookies ignore ports
      expect(r.headers['set-cookie'], path).toBeUndefined();
    }
    const r = await http('GET', '/');
    expect(r.body).toContain('<title>AlgoSpace</title>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:${port}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
    );
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    const asset = await http('GET', '/assets/app.js');
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    // refusals carry the headers too, and say nothing more
    const refused = await http('POST', '/upload?name=x.csv', { origin: `http://127.0.0.1:${port}` }, 'x');
    expect(refused.status).toBe(403);
    expect(refused.body).toBe('Forbidden');
    expect(refused.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    for (const bad of [{ 'x-algospace-token': 'wrong' }, { cookie: `algospace_token=${token}` }] as Record<string, string>[]) {
      expect((await http('POST', '/upload?name=x.csv', { origin: `http://127.0.0.1:${port}`, ...bad }, 'x')).status).toBe(403);
    }
  });

  it('refuses path traversal and foreign Host headers', async () => {
    const h = { 'x-algospace-token': token };
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/assets', '/nope.js']) {
      const r = await http('GET', path, h);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('top secret');
    }
    expect((await http('GET', '/', { ...h, host: 'evil.example:80' })).status).toBe(403);
    expect((await http('DELETE', '/', h)).status).toBe(405);
  });

  it('stores an upload under os.tmpdir()/algospace-uploads with a sanitised name', async () => {
    const bytes = Buffer.from('t,price,size\n1,2,3\n');
    const r = await http('POST', `/upload?name=${encodeURIComponent('../../ES evil?.csv')}&token=${token}`,
      { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/octet-stream' }, bytes);
    expect(r.status).toBe(200);
    const { path } = JSON.parse(r.body) as { path: string };
    expect(basename(path)).toBe('ES evil_.csv');
    expect(path.startsWith(join(tmpdir(), 'algospace-uploads'))).toBe(true);
    expect(await readFile(path)).toEqual(bytes);
    // the trader's files only: 0600, in a 0700 folder (the server sets its umask)
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(path))).mode & 0o777).toBe(0o700);
    // the page sends the token in a header, not in the URL
    const viaHeader = await http('POST', '/upload?name=h.csv', { origin: `http://127.0.0.1:${port}`, 'x-algospace-token': token }, bytes);
    expect(viaHeader.status).toBe(200);

    expect((await http('POST', `/upload?name=x.csv&token=${token}`, { origin: 'http://evil.example' }, 'x')).status).toBe(403);
    expect((await http('POST', '/upload?name=x.csv', {}, 'x')).status).toBe(403);
    expect((await http('GET', `/upload?token=${token}`)).status).toBe(405);
    const big = await http('POST', `/upload?name=x.csv&token=${token}`, { 'content-length': String(513 * 1024 * 1024) });
    expect(big.status).toBe(413);
  });
});

describe('browser mode WebSocket', () => {
  it('refuses an upgrade without the token or from a foreign origin', async () => {
    await expect(openWs('')).rejects.toThrow('HTTP 403');
    await expect(openWs('?token=nope')).rejects.toThrow('HTTP 403');
    await expect(openWs(`?token=${token}`, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(openWs(`?token=${token}`, { origin: `http://127.0.0.1:${port + 1}` })).rejects.toThrow('HTTP 403');
    const ok = await openWs(`?token=${token}`, { origin: `http://127.0.0.1:${port}` });
    ok.close();
  });

  it('answers unknown commands and invalid requests itself; valid calls round-trip', async () => {
    const ws = await openWs(`?token=${token}`);
    const c = client(ws);
    expect(await c.call('no.such.command', {})).toMatchObject({ ok: false, problem: { code: 'unknown-command' } });
    const before = (await c.call('status.get', {})).value.barsSoFar as number;
    const bad = await c.call('bars.get', { symbol: 'ES', timeframe: 'nope' });
    expect(bad).toMatchObject({ ok: false, problem: { code: 'bad-request', field: 'timeframe' } });
    expect((await c.call('status.get', {})).value.barsSoFar).toBe(before + 1); // the bad call never reached the worker
    const info = await c.call('app.info', {});
    expect(info).toEqual({ ok: true, value: { version: '0.0.0-fake', mode: 'browser', dbPath: join(dir, 'db', 'test.db'), sampleDir: join(dir, 'sample') } });
    expect(await c.call('imports.list', {})).toMatchObject({ ok: false, problem: { code: 'bad-response' } });
    // junk is ignored and the socket stays usable
    ws.send('not json');
    ws.send(JSON.stringify({ type: 'result', id: 1, res: {} }));
    expect((await c.call('instruments.list', {}))).toEqual({ ok: true, value: [] });
    ws.close();
  });

  it('broadcasts valid engine events to every socket', async () => {
    const a = client(await openWs(`?token=${token}`));
    const wsB = await openWs(`?token=${token}`);
    const b = client(wsB);
    await a.call('replay.play', {});
    await b.call('status.get', {}); // b's own round trip: the event frame arrived before it
    for (const c of [a, b]) {
      const evs = c.frames.filter((f) => f.type === 'event');
      expect(evs).toHaveLength(1); // the invalid payload and the unknown topic were dropped
      expect(evs[0]).toMatchObject({ topic: 'replay.changed', payload: { status: 'playing' } });
    }
    wsB.close();
  });
});

describe('browser mode shutdown', () => {
  it('exits 0 on SIGTERM after closing the engine and removing uploads', async () => {
    const ws = await openWs(`?token=${token}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const r = await http('POST', `/upload?name=x.csv&token=${token}`, {}, 'x');
    const uploaded = (JSON.parse(r.body) as { path: string }).path;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await closed).toBe(1001);
    expect(existsSync(dirname(dirname(uploaded)))).toBe(false);
    expect(stderr).not.toContain('worker exited unexpectedly');
  });
});
