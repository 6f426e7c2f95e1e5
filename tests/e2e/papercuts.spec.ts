// Issue 17, point 6: what a new user tripped over at 1280×720 (Debian Chromium), as flows that must
// not come back: Import works with one click on a typed path (and after a failed import), the toolbar
// keeps one row, Esc closes the help, the crosshair shows its price and time on the axes, zooming out
// keeps the latest bars at the right, the status strip counts the chart's bars, and the last symbol
// and timeframe come back after a reload. Runs on a server of its own (it imports NQ).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, waitForBars, REPO, SCREENSHOTS, startServer, stopServer, type Server } from './fixtures.ts';
import type { Page } from '@playwright/test';

const DATA = join(REPO, '../shared/data/firstratedata/nq_futures_2023-11');
const NQ_1M = join(DATA, 'NQ_1min_sample.csv');
const NQ_1M_ROWS = readFileSync(NQ_1M, 'utf8').split('\n').filter((l) => /^\d{4}-\d{2}-\d{2}/.test(l)).length;
const fmt = (n: number) => n.toLocaleString('en-US');
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `papercuts-${name}.png`) });

let server: Server;
let dir: string;
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 720 } });
test.beforeAll(async () => { ({ server, dir } = await startServer()); });
test.afterAll(async () => {
  await stopServer(server.proc);
  rmSync(dir, { recursive: true, force: true });
});

type Call = { call(name: string, req: unknown): Promise<{ ok: boolean; value?: unknown }> };
/** imports.list's length, asked through the page's own client (e2e hook, App.svelte) */
const importCount = async (): Promise<number> => {
  const r = await (window.__algospace as unknown as Call).call('imports.list', {});
  return r.ok ? (r.value as unknown[]).length : -1;
};

async function open(page: Page): Promise<number> {
  await page.goto(server.url);
  return waitForBars(page);
}

test('Import imports with one click on a typed path, and after a failed import an upload imports too', async ({ page }) => {
  await open(page);
  // typed, then straight to Import: the field's change (an inspection) must not swallow the click
  await page.getByTestId('import-path').fill(NQ_1M);
  await page.getByTestId('import-button').click();
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('rows-stored')).toHaveText(fmt(NQ_1M_ROWS));
  await shot(page, 'import-1280');

  // a failed import, then a file picked by upload: Import shows progress and a result
  await page.getByTestId('import-path').fill(join(REPO, 'package.json'));
  await page.getByTestId('import-button').click();
  await expect(page.locator('.import [role="alert"]')).toContainText('not supported');
  await expect(page.locator('.import [role="alert"]')).toBeInViewport(); // under the fold at 720 px: scrolled to
  await page.getByTestId('import-file').setInputFiles(join(DATA, 'NQ_5min_sample.csv'));
  await expect(page.getByTestId('import-inspection')).toContainText('NQ');
  await page.getByTestId('import-button').click();
  await expect(page.getByTestId('import-progress')).toBeInViewport();
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('import-result')).toBeInViewport();
  await expect(page.locator('.import [role="alert"]')).toHaveCount(0);
});

test('an upload shows MB sent, its rate and time left, and Cancel stops it with nothing imported', async ({ page }) => {
  await open(page);
  const before = await page.evaluate(importCount);
  // 3.1 MB at 400 kB/s: about 8 s of upload (the trial's 90 s of silence was a large upload with no progress)
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 400_000 });
  await page.getByTestId('import-file').setInputFiles(join(REPO, '../shared/data/algospace/NQ - 30 min - ETH.csv'));
  await expect(page.getByTestId('upload-line')).toBeInViewport();
  await expect(page.getByTestId('upload-line')).toContainText(/of 2\.98 MB/);
  await expect(page.getByTestId('upload-eta')).toContainText(/\d+ s left/, { timeout: 10_000 });
  // the pace shown is the link's (400 kB/s = 0.38 MiB/s), not the first buffer's
  await expect(page.getByTestId('upload-line')).toContainText(/ 0\.[2-5]\d MB\/s/);
  await shot(page, 'upload-1280');
  await page.getByTestId('upload-cancel').click();
  await expect(page.getByTestId('upload-line')).toHaveCount(0);
  await expect(page.locator('.import [role="alert"]')).toHaveCount(0);
  await expect(page.getByTestId('import-inspection')).toHaveCount(0);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  expect(await page.evaluate(importCount)).toBe(before);
});

test('a typed path of an unknown instrument and one click on Import ask for its definition (tick size …)', async ({ page }) => {
  await open(page);
  await page.getByTestId('import-path').fill(join(REPO, '../shared/data/nautilus_trader/binance/ADABTC-1m-2021-11-27.csv'));
  await page.getByTestId('import-button').click();
  await expect(page.getByTestId('instrument-form')).toBeInViewport();
  await expect(page.getByTestId('def-tick')).toHaveValue('0.00000001');
  await expect(page.locator('.import [role="alert"]')).toHaveCount(0); // the form says it; no catalogue-long refusal
  await shot(page, 'define-1280');
});

test('the status strip counts the bars the chart holds', async ({ page }) => {
  const n = await open(page);
  await expect(page.getByTestId('status-bars')).toHaveText(fmt(n));
  await expect(page.getByTestId('bar-count')).toHaveText(fmt(n));
  await page.keyboard.press('3');
  await expect.poll(() => page.evaluate(() => window.__algospace!.timeframe())).toBe('30m');
  const n30 = await page.evaluate(() => window.__algospace!.barCount());
  expect(n30).not.toBe(n);
  await expect(page.getByTestId('status-bars')).toHaveText(fmt(n30));
});

test('the crosshair shows its price and time on the axes', async ({ page }) => {
  await open(page);
  const over = (await page.locator('[data-testid="chart"] .u-over').boundingBox())!;
  await page.mouse.move(over.x + over.width * 0.6, over.y + over.height * 0.3);
  const price = page.getByTestId('cursor-price');
  const time = page.getByTestId('cursor-time');
  await expect(price).toBeVisible();
  await expect(price).toHaveText(/^\d{1,3}(,\d{3})*\.\d{2}$/); // ES: two decimals
  await expect(time).toBeVisible();
  // the time tag is the read-out's bar time
  await expect(time).toHaveText((await page.getByTestId('readout').locator('.time').textContent())!.replace(/\s*\D+$/, ''));
  const p = (await price.boundingBox())!;
  const t = (await time.boundingBox())!;
  expect(p.x).toBeGreaterThanOrEqual(over.x + over.width - 1); // on the price axis
  expect(t.y).toBeGreaterThanOrEqual(over.y + over.height); // on the time axis
  await shot(page, 'crosshair-1280');
  // over the volume histogram there is no price to show; outside the plot no tag at all
  await page.mouse.move(over.x + over.width * 0.6, over.y + over.height * 0.95);
  await expect(price).toBeHidden();
  await page.mouse.move(over.x - 30, over.y - 30);
  await expect(time).toBeHidden();
});

test('zooming out past the data keeps the latest bars at the right edge', async ({ page }) => {
  await open(page);
  const over = (await page.locator('[data-testid="chart"] .u-over').boundingBox())!;
  const time = page.getByTestId('readout').locator('.time');
  await page.mouse.move(over.x - 30, over.y - 30); // nothing hovered: the read-out shows the last bar
  const last = await time.textContent();
  await page.mouse.move(over.x + over.width * 0.9, over.y + over.height * 0.4);
  for (let i = 0; i < 25; i++) await page.mouse.wheel(0, 200); // far past the whole data
  await page.waitForTimeout(200);
  // the bars at the right edge are still the last day's (it slid to the oldest bars, half the plot
  // empty); 2 px at this zoom are a few bars
  await page.mouse.move(over.x + over.width - 2, over.y + over.height * 0.4);
  await expect(time).toHaveText(new RegExp(`^${last!.slice(0, 10)} `));
  await shot(page, 'zoomed-out-1280');
});

test('the last symbol and timeframe come back after a reload', async ({ page }) => {
  await open(page);
  await page.getByTestId('symbol').selectOption('NQ');
  await page.getByTestId('tf-1m').click();
  await expect.poll(() => page.evaluate(() => window.__algospace!.timeframe())).toBe('1m');
  await page.reload();
  await waitForBars(page);
  await expect(page.getByTestId('symbol')).toHaveValue('NQ');
  await expect(page.getByTestId('tf-1m')).toHaveClass(/on/);
  await expect.poll(() => page.evaluate(() => window.__algospace!.timeframe())).toBe('1m');
  // back to the default for the screenshots below
  await page.getByTestId('symbol').selectOption('ES');
  await page.getByTestId('tf-5m').click();
});

test('the toolbar keeps one row at 1280×720; the help opens, stays on screen and Esc closes it', async ({ page }) => {
  await open(page);
  // the widest toolbar: a replay loaded, so the clock shows a date and time
  await page.getByTestId('replay-from').fill('2013-12-20T09:00');
  await page.getByRole('button', { name: 'Jump' }).click();
  await expect(page.getByTestId('replay-clock')).not.toHaveText('--:--:--');
  const rows = async () => page.locator('header.toolbar').evaluate((bar) => {
    const tops = new Set([...bar.children].filter((c) => (c as HTMLElement).offsetWidth > 0)
      .map((c) => Math.round(c.getBoundingClientRect().top + c.getBoundingClientRect().height / 2)));
    return { rows: tops.size, height: bar.getBoundingClientRect().height };
  });
  expect(await rows()).toEqual({ rows: 1, height: expect.any(Number) });
  expect((await rows()).height).toBeLessThan(48);
  await shot(page, 'toolbar-1280');

  await page.getByTestId('help').click();
  const pop = page.getByTestId('help-pop');
  await expect(pop).toBeVisible();
  const box = (await pop.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
  expect(box.y + box.height).toBeLessThanOrEqual(720);
  await shot(page, 'help-1280');
  await page.keyboard.press('Escape');
  await expect(pop).toBeHidden();
  // the ? key opens it again, Esc closes it again (the pointer still on the button)
  await page.keyboard.press('?');
  await expect(pop).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(pop).toBeHidden();

  await page.setViewportSize({ width: 1920, height: 1080 });
  expect((await rows()).rows).toBe(1);
  await shot(page, 'toolbar-1920');
});
