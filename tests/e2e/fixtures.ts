// Starts the real browser-mode server (with its engine worker) on a fresh database, once per
// worker, and hands tests a page opened on its URL. Set ALGOSPACE_SERVER_ENTRY to run another
// entry file with the same command line (for instance while the server is being written).
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(REPO, 'tests/e2e/screenshots');

export interface Server { url: string; proc: ChildProcess; stderr: () => string }

const URL_LINE = /AlgoSpace Workstation \(browser mode\): (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;

/**
 * Start a server on `dir`'s database (a new temporary folder by default; pass one again to restart
 * on it), with `env` added to this process's environment.
 */
export async function startServer(dir = mkdtempSync(join(tmpdir(), 'algospace-e2e-')), env: Record<string, string> = {}): Promise<{ server: Server; dir: string }> {
  const entry = process.env.ALGOSPACE_SERVER_ENTRY ?? 'src-main/server/main.ts';
  const proc = spawn(process.execPath, [entry, '--port', '0', '--db', join(dir, 'e2e.db'), '--sample', 'resources/sample'], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-20_000); });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server printed no URL within 30 s\n${err}`)), 30_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = URL_LINE.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]!); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited (${code}) before printing its URL\n${err}`)); });
  });
  return { server: { url, proc, stderr: () => err }, dir };
}

export async function stopServer(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGTERM');
  const t = setTimeout(() => proc.kill('SIGKILL'), 8_000);
  await exited;
  clearTimeout(t);
}

export interface AppPage { page: Page; errors: string[] }

export const test = base.extend<{ app: AppPage }, { server: Server }>({
  server: [
    async ({}, use) => {
      const { server, dir } = await startServer();
      try {
        await use(server);
      } finally {
        await stopServer(server.proc);
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  app: async ({ page, server }, use, testInfo) => {
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await use({ page, errors });
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server-stderr', { body: server.stderr(), contentType: 'text/plain' });
    }
  },
});

export { expect };

/** A contract command through the page's own client (App.svelte's test hooks); its problem thrown. */
export async function call<T = unknown>(page: Page, name: string, req: unknown): Promise<T> {
  type Res = { ok: true; value: unknown } | { ok: false; problem: { message: string } };
  const r = await page.evaluate(([n, q]) => (window.__algospace as unknown as { call(n: string, q: unknown): Promise<Res> }).call(n, q), [name, req] as const);
  if (!r.ok) throw new Error(`${name}: ${r.problem.message}`);
  return r.value as T;
}

export const replayState = (page: Page) => call<{ status: string; clock: number | null; symbol: string | null }>(page, 'replay.get', {});

/** Pause with the Pause button; the replay is then not playing. */
export async function pauseReplay(page: Page): Promise<void> {
  const button = page.getByTestId('pause');
  // the replay may stop by itself between the look and the click (held at a decision, or at its end):
  // then the button is disabled and the click has nothing to do; the state is checked below either way
  if (await button.isEnabled()) await button.click({ timeout: 5_000 }).catch(async (e: unknown) => { if (await button.isEnabled()) throw e; });
  await expect.poll(async () => (await replayState(page)).status, { timeout: 10_000 }).not.toBe('playing');
}

/** Wait until the chart holds bars (the engine may still be importing the bundled sample). */
export async function waitForBars(page: Page, timeout = 45_000): Promise<number> {
  await expect.poll(() => page.evaluate(() => window.__algospace?.barCount() ?? 0), { timeout }).toBeGreaterThan(0);
  return page.evaluate(() => window.__algospace!.barCount());
}

/** Pixels of the candle colours (opaque up-green / down-red) on the chart's canvas. */
export async function candlePixels(page: Page): Promise<{ up: number; down: number; total: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="chart"] canvas');
    if (!canvas) return { up: 0, down: 0, total: 0 };
    // only the plot area (.u-over), not the price axis with its last-price tag
    const over = document.querySelector<HTMLElement>('[data-testid="chart"] .u-over')!.getBoundingClientRect();
    const cr = canvas.getBoundingClientRect();
    const k = canvas.width / cr.width;
    const x0 = Math.max(0, Math.floor((over.left - cr.left) * k));
    const y0 = Math.max(0, Math.floor((over.top - cr.top) * k));
    const w = Math.min(canvas.width - x0, Math.floor(over.width * k));
    const h = Math.min(canvas.height - y0, Math.floor(over.height * k));
    if (w <= 0 || h <= 0) return { up: 0, down: 0, total: 0 };
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(x0, y0, w, h);
    const near = (i: number, r: number, g: number, b: number) =>
      Math.abs(data[i]! - r) < 12 && Math.abs(data[i + 1]! - g) < 12 && Math.abs(data[i + 2]! - b) < 12 && data[i + 3]! > 240;
    let up = 0;
    let down = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (near(i, 0x26, 0xa6, 0x9a)) up++;
      else if (near(i, 0xef, 0x53, 0x50)) down++;
    }
    return { up, down, total: w * h };
  });
}

declare global {
  interface Window {
    __algospace?: {
      barCount(): number; timeframe(): string; indicatorsReady(): boolean; indicatorLastT(tf: '5m' | '30m'): number | null;
      indicatorFirstT(tf: '5m' | '30m'): number | null;
      markersDrawn(): Record<string, number>;
    };
  }
}
