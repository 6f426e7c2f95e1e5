import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { defaultWorkerUrl, startEngine, type EngineHost } from '../../../src-main/server/engine-host.ts';

const FAKE = fileURLToPath(new URL('../../integration/server/fake-worker.ts', import.meta.url));
const hosts: EngineHost[] = [];
const logs: string[] = [];

function start(sampleDir = '/sample', extra: { shutdownTimeoutMs?: number } = {}): EngineHost {
  const host = startEngine({ dbPath: '/tmp/x.db', sampleDir, mode: 'browser', workerUrl: FAKE, log: (m) => logs.push(m), ...extra });
  hosts.push(host);
  return host;
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  logs.length = 0;
});

describe('engine host', () => {
  it('round-trips a call and hands the worker its workerData', async () => {
    const host = start();
    expect(await host.call('app.info', {})).toEqual({
      ok: true, value: { version: '0.0.0-fake', mode: 'browser', dbPath: '/tmp/x.db', sampleDir: '/sample' },
    });
  });

  it('answers an invalid request itself: it never reaches the worker', async () => {
    const host = start();
    const bad = await host.call('bars.get', { symbol: '', timeframe: '1m' });
    expect(bad).toMatchObject({ ok: false, problem: { code: 'bad-request', field: 'symbol' } });
    const status = await host.call('status.get', {});
    expect(status.ok && status.value.barsSoFar).toBe(1); // only status.get itself arrived
  });

  it('turns a response that breaks the contract into bad-response', async () => {
    const host = start();
    expect(await host.call('imports.list', {})).toMatchObject({ ok: false, problem: { code: 'bad-response' } });
    expect(logs.some((l) => l.includes('imports.list'))).toBe(true);
  });

  it('passes valid events on and drops invalid ones', async () => {
    const host = start();
    const seen: [string, unknown][] = [];
    const off = host.onEvent((topic, payload) => seen.push([topic, payload]));
    await host.call('replay.play', {});
    expect(seen).toHaveLength(1);
    expect(seen[0]![0]).toBe('replay.changed');
    expect(logs.filter((l) => l.startsWith('dropped event'))).toHaveLength(2);
    off();
    await host.call('replay.play', {});
    expect(seen).toHaveLength(1);
  });

  it('resolves pending calls with engine-crashed when the worker dies', async () => {
    const host = start();
    const hanging = host.call('replay.pause', {});
    const crashing = host.call('replay.stop', {});
    expect(await crashing).toMatchObject({ ok: false, problem: { code: 'engine-crashed' } });
    expect(await hanging).toMatchObject({ ok: false, problem: { code: 'engine-crashed' } });
    expect(host.alive).toBe(false);
    const after = await host.call('status.get', {});
    expect(after).toMatchObject({ ok: false, problem: { code: 'engine-crashed' } });
    if (!after.ok) expect(after.problem.message).toContain('fake engine boom');
  });

  it('close() lets the worker exit and fails calls still pending', async () => {
    const host = start();
    const hanging = host.call('replay.pause', {});
    await host.call('status.get', {});
    await host.close();
    expect(host.alive).toBe(false);
    expect(await hanging).toMatchObject({ ok: false, problem: { code: 'engine-closed' } });
    expect(await host.call('status.get', {})).toMatchObject({ ok: false, problem: { code: 'engine-closed' } });
    expect(logs.some((l) => l.includes('terminating'))).toBe(false);
  });

  it('close() terminates a worker that ignores the shutdown request', async () => {
    const host = start('ignore-shutdown', { shutdownTimeoutMs: 200 });
    await host.call('status.get', {});
    const t0 = Date.now();
    await host.close();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    expect(host.alive).toBe(false);
    expect(logs.some((l) => l.includes('terminating'))).toBe(true);
  });

  it('finds the worker next to the source or the bundle, or where ALGOSPACE_WORKER says', () => {
    const saved = process.env.ALGOSPACE_WORKER;
    delete process.env.ALGOSPACE_WORKER;
    try {
      expect(defaultWorkerUrl('file:///repo/src-main/server/engine-host.ts').href).toBe('file:///repo/src-main/engine/worker.ts');
      expect(defaultWorkerUrl('file:///nowhere/out/main/index.js').href).toBe('file:///nowhere/out/main/worker.js');
      process.env.ALGOSPACE_WORKER = FAKE;
      expect(fileURLToPath(defaultWorkerUrl())).toBe(FAKE);
    } finally {
      if (saved === undefined) delete process.env.ALGOSPACE_WORKER;
      else process.env.ALGOSPACE_WORKER = saved;
    }
  });
});
