import { beforeAll, describe, expect, it, vi } from 'vitest';

const exposed: Record<string, any> = {};
const ipc = vi.hoisted(() => ({ invoke: vi.fn(async () => ({ ok: true, value: 'x' })), on: vi.fn(), removeListener: vi.fn() }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => { exposed[key] = api; } },
  ipcRenderer: ipc,
}));

beforeAll(async () => {
  await import('../../../src-main/preload/index.ts');
});

describe('preload bridge', () => {
  it('exposes exactly invoke and on', () => {
    expect(Object.keys(exposed)).toEqual(['algospace']);
    expect(Object.keys(exposed.algospace).sort()).toEqual(['invoke', 'on']);
  });

  it('refuses unknown command names without touching IPC', async () => {
    for (const name of ['no.such', '__proto__', 'toString', 42, undefined]) {
      await expect(exposed.algospace.invoke(name, {})).rejects.toThrow(/unknown command/);
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('forwards known commands on the one call channel', async () => {
    expect(await exposed.algospace.invoke('status.get', {})).toEqual({ ok: true, value: 'x' });
    expect(ipc.invoke).toHaveBeenCalledWith('algospace:call', 'status.get', {});
  });

  it('refuses unknown topics and delivers only the subscribed topic', () => {
    expect(() => exposed.algospace.on('no.such', () => {})).toThrow(/unknown event topic/);
    expect(() => exposed.algospace.on('hasOwnProperty', () => {})).toThrow(/unknown event topic/);
    expect(() => exposed.algospace.on('data.changed', 'not a function')).toThrow(/function/);
    expect(ipc.on).not.toHaveBeenCalled();

    const fn = vi.fn();
    const off = exposed.algospace.on('data.changed', fn);
    expect(ipc.on).toHaveBeenCalledTimes(1);
    const [channel, listener] = ipc.on.mock.calls[0] as unknown as [string, (...a: unknown[]) => void];
    expect(channel).toBe('algospace:event');
    listener({}, 'status.changed', { other: true });
    listener({}, 'data.changed', { symbols: ['ES'] });
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith({ symbols: ['ES'] });
    off();
    expect(ipc.removeListener).toHaveBeenCalledWith('algospace:event', listener);
  });
});
