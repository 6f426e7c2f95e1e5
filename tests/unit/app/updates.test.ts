// electron-updater wired but off by default (issue 16, point 6): a default start never loads it; an
// unpackaged app never checks; a packaged one with updates.check_on_start checks, and a failed check
// or a failed load is logged and goes no further (updates never stop the app).
import { describe, it, expect, vi } from 'vitest';
import { startUpdates, type Updater } from '../../../src-main/app/updates.ts';
import { DEFAULT_CONFIG, Config } from '../../../src-shared/config.ts';

function harness(check: () => Promise<unknown> = async () => null) {
  const updater: Updater = { checkForUpdatesAndNotify: vi.fn(check) };
  const load = vi.fn(async () => updater);
  const logs: string[] = [];
  return { updater, load, logs, log: (m: string) => logs.push(m) };
}

describe('updates', () => {
  it('are off by default: the updater is never loaded', async () => {
    expect(DEFAULT_CONFIG.updates.check_on_start).toBe(false);
    const h = harness();
    expect(await startUpdates({ enabled: DEFAULT_CONFIG.updates.check_on_start, packaged: true, load: h.load, log: h.log })).toBe('off');
    expect(h.load).not.toHaveBeenCalled();
    expect(h.logs).toEqual([]);
  });

  it('turned on in a source run: no check, and it says why', async () => {
    const h = harness();
    expect(await startUpdates({ enabled: true, packaged: false, load: h.load, log: h.log })).toBe('not-packaged');
    expect(h.load).not.toHaveBeenCalled();
    expect(h.logs[0]).toMatch(/not an installed app/);
  });

  it('turned on in a packaged app: checks once; a failed check is logged, not thrown', async () => {
    const h = harness(async () => { throw new Error('feed unreachable'); });
    expect(await startUpdates({ enabled: Config.parse({ updates: { check_on_start: true } }).updates.check_on_start, packaged: true, load: h.load, log: h.log })).toBe('checking');
    expect(h.updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(h.logs.at(-1)).toBe('updates: the check failed (feed unreachable)'));
  });

  it('an updater that cannot be loaded is logged, not thrown', async () => {
    const logs: string[] = [];
    const state = await startUpdates({ enabled: true, packaged: true, load: async () => { throw new Error('no module'); }, log: (m) => logs.push(m) });
    expect(state).toBe('failed');
    expect(logs).toEqual(['updates: electron-updater could not be loaded (no module)']);
  });

  it('electron-updater is installed as a runtime dependency (the packaged app carries it)', async () => {
    const pkg = (await import('../../../package.json', { with: { type: 'json' } })).default as { dependencies: Record<string, string> };
    expect(pkg.dependencies['electron-updater']).toMatch(/^\d+\.\d+\.\d+$/);
    const { createRequire } = await import('node:module');
    expect(createRequire(import.meta.url).resolve('electron-updater')).toMatch(/node_modules[\\/]electron-updater[\\/]/);
  });
});
