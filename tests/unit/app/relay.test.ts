import { describe, expect, it, vi } from 'vitest';
import type { EngineHost } from '../../../src-main/server/engine-host.ts';

const handlers = new Map<string, (...a: any[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (ch: string, fn: (...a: any[]) => unknown) => { handlers.set(ch, fn); },
    removeHandler: (ch: string) => { handlers.delete(ch); },
  },
}));

const { registerRelay } = await import('../../../src-main/app/relay.ts');
const { IPC_CHANNEL: { call: CALL_CHANNEL } } = await import('../../../src-shared/ipc.ts');
const { isOwnPage, rendererCsp } = await import('../../../src-main/app/security.ts');

const INDEX = '/app/out/renderer/index.html';
const OWN = 'app://renderer/index.html';

let nextId = 1;
function fakeContents() {
  const mainFrame = { parent: null, url: OWN };
  return { id: nextId++, isDestroyed: () => false, send: vi.fn(), mainFrame };
}

function fakeEngine() {
  let listener: ((t: string, p: unknown) => void) | null = null;
  const engine = {
    call: vi.fn(async () => ({ ok: true, value: 'fine' })),
    onEvent: (fn: (t: string, p: unknown) => void) => { listener = fn; return () => { listener = null; }; },
    close: async () => {},
    alive: true,
  };
  return { engine: engine as unknown as EngineHost & { call: typeof engine.call }, emit: (t: string, p: unknown) => listener?.(t, p) };
}

describe('electron relay', () => {
  it('answers only our window main frame showing our page, and validates before forwarding', async () => {
    const wc = fakeContents();
    const { engine, emit } = fakeEngine();
    const off = registerRelay(engine, { contents: () => wc as never, log: () => {} });
    const handle = handlers.get(CALL_CHANNEL)!;
    const own = { sender: wc, senderFrame: wc.mainFrame };

    expect(await handle(own, 'status.get', {})).toEqual({ ok: true, value: 'fine' });
    expect(await handle(own, 'bars.get', { symbol: 'ES' })).toMatchObject({ ok: false, problem: { code: 'bad-request' } });
    expect(await handle(own, 'nope', {})).toMatchObject({ ok: false, problem: { code: 'unknown-command' } });
    expect(engine.call).toHaveBeenCalledTimes(1);

    const other = fakeContents();
    expect(await handle({ sender: other, senderFrame: other.mainFrame }, 'status.get', {})).toMatchObject({ ok: false, problem: { code: 'forbidden' } });
    expect(await handle({ sender: wc, senderFrame: { parent: {}, url: OWN } }, 'status.get', {})).toMatchObject({ ok: false, problem: { code: 'forbidden' } });
    expect(await handle({ sender: wc, senderFrame: { parent: null, url: 'https://evil.example/' } }, 'status.get', {})).toMatchObject({ ok: false, problem: { code: 'forbidden' } });
    expect(await handle({ sender: wc, senderFrame: null }, 'status.get', {})).toMatchObject({ ok: false, problem: { code: 'forbidden' } });
    expect(engine.call).toHaveBeenCalledTimes(1);

    emit('data.changed', { symbols: [] });
    expect(wc.send).toHaveBeenCalledWith('algospace:event', 'data.changed', { symbols: [] });
    off();
    expect(handlers.has(CALL_CHANNEL)).toBe(false);
  });

  it('knows its own page and builds a strict CSP', () => {
    expect(isOwnPage(OWN)).toBe(true);
    expect(isOwnPage(`${OWN}#/chart`)).toBe(true);
    // the built page is no longer a file:// page: a file URL (even of the built index) is not ours
    expect(isOwnPage(`file://${INDEX}`)).toBe(false);
    expect(isOwnPage('app://other/index.html')).toBe(false);
    expect(isOwnPage('app://renderer/evil.html')).toBe(false);
    expect(isOwnPage('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isOwnPage('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isOwnPage('not a url')).toBe(false);
    expect(rendererCsp()).toContain("script-src 'self';");
    expect(rendererCsp()).not.toContain('unsafe-eval');
    expect(rendererCsp()).toContain("object-src 'none'; base-uri 'none'");
    expect(rendererCsp('http://localhost:5173')).toContain('connect-src \'self\' http://localhost:5173 ws://localhost:5173');
  });
});
