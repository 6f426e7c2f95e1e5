// The real app in browser mode: default data on the chart, timeframe switch, CSV import, replay.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, waitForBars, candlePixels, REPO, SCREENSHOTS } from './fixtures.ts';

const NQ_FILE = join(REPO, '../shared/data/firstratedata/nq_futures_2023-11/NQ_1min_sample.csv');
const NQ_ROWS = readFileSync(NQ_FILE, 'utf8').split('\n').filter((l) => /^\d{4}-\d{2}-\d{2}/.test(l)).length;
const fmt = (n: number) => n.toLocaleString('en-US');

test.describe.configure({ mode: 'serial' });

test('loads with the default data and draws 5-minute candles', async ({ app: { page, errors } }) => {
  const n = await waitForBars(page);
  expect(await page.evaluate(() => window.__algospace!.timeframe())).toBe('5m');
  await expect(page.getByTestId('bar-count')).toHaveText(fmt(n));
  await expect(page.getByTestId('tf-5m')).toHaveClass(/on/);
  // pixels, not only DOM: the canvas holds opaque candle colours
  await expect.poll(async () => {
    const px = await candlePixels(page);
    return px.up + px.down;
  }).toBeGreaterThan(400);
  const px = await candlePixels(page);
  expect(px.up).toBeGreaterThan(50);
  expect(px.down).toBeGreaterThan(50);
  // the read-out shows OHLCV of the bar under the cursor
  const box = (await page.getByTestId('chart').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
  await expect(page.getByTestId('readout')).toContainText(/O \S+\s+H \S+\s+L \S+\s+C \S+\s+V \S+/);
  await expect(page.getByTestId('connection')).toContainText('connected');
  // the session token left the address bar (and the history) and is no cookie (issue 16)
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  expect(await page.context().cookies()).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'app-loaded.png') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.waitForTimeout(300);
  expect((await candlePixels(page)).up).toBeGreaterThan(50);
  await page.screenshot({ path: join(SCREENSHOTS, 'app-loaded-1024.png') });
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});

test('timeframe switch changes the bar count', async ({ app: { page } }) => {
  const n5 = await waitForBars(page);
  const counts: Record<string, number> = { '5m': n5 };
  for (const [tf, via] of [['1m', 'click'], ['30m', 'key'], ['5m', 'key']] as const) {
    if (via === 'click') await page.getByTestId(`tf-${tf}`).click();
    else await page.keyboard.press(tf === '30m' ? '3' : '2');
    await expect.poll(() => page.evaluate(() => window.__algospace!.timeframe())).toBe(tf);
    await expect.poll(() => page.evaluate(() => window.__algospace!.barCount())).toBeGreaterThan(0);
    // the newest bars come first, older ones after (1m holds more than the first request): all of them
    await expect.poll(() => page.evaluate(() => window.__algospaceChart?.complete() ?? false)).toBe(true);
    counts[tf] = await page.evaluate(() => window.__algospace!.barCount());
    await expect(page.getByTestId('bar-count')).toHaveText(fmt(counts[tf]!));
  }
  expect(counts['5m']).toBe(n5);
  expect(counts['1m']!).toBeGreaterThan(n5);
  expect(n5).toBeGreaterThan(counts['30m']!);
});

test('wheel zooms and drag pans the chart', async ({ app: { page } }) => {
  await waitForBars(page);
  const box = (await page.getByTestId('chart').boundingBox())!;
  const at = { x: box.x + box.width * 0.5, y: box.y + box.height * 0.45 };
  const timeUnder = async () => {
    await page.mouse.move(at.x, at.y);
    return page.getByTestId('readout').locator('.time').textContent();
  };
  await expect.poll(async () => (await candlePixels(page)).up).toBeGreaterThan(50);
  const before = await timeUnder();
  await page.mouse.move(box.x + box.width * 0.8, at.y);
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 400); // zoom out around the cursor
  await page.waitForTimeout(200);
  const zoomed = await timeUnder();
  expect(zoomed).not.toBe(before);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + 250, at.y, { steps: 5 }); // drag right: earlier bars come into view
  await page.mouse.up();
  const panned = await timeUnder();
  expect(panned).not.toBe(zoomed);
  expect(panned! < zoomed!).toBe(true); // 'YYYY-MM-DD HH:MM' compares as text
  await page.getByTestId('help').hover();
  await expect(page.getByRole('tooltip')).toContainText('Space');
  await page.screenshot({ path: join(SCREENSHOTS, 'zoomed-help.png') });
});

test('imports a CSV with progress and a result', async ({ app: { page } }) => {
  await waitForBars(page);
  await page.getByTestId('import-file').setInputFiles(NQ_FILE);
  await expect(page.getByTestId('import-path')).not.toHaveValue('');
  await expect(page.getByTestId('import-inspection')).toBeVisible();
  await page.getByTestId('import-button').click();
  await expect(page.getByTestId('import-progress')).toBeVisible();
  const result = page.getByTestId('import-result');
  await expect(result).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('rows-read')).toHaveText(fmt(NQ_ROWS));
  await expect(page.getByTestId('rows-stored')).toHaveText(fmt(NQ_ROWS));
  await expect(page.getByTestId('rows-rejected')).toHaveText('0');
  await expect(result).not.toContainText('already imported');
  await expect(page.getByTestId('imports-list')).toContainText('NQ_1min_sample.csv');
  // the new instrument can be charted
  await expect(page.getByTestId('symbol').locator('option[value="NQ"]')).toHaveCount(1);
  await page.getByTestId('symbol').selectOption('NQ');
  await page.getByTestId('tf-1m').click();
  await expect.poll(() => page.evaluate(() => window.__algospace!.barCount())).toBeGreaterThan(NQ_ROWS * 0.9);
  await expect.poll(async () => (await candlePixels(page)).up).toBeGreaterThan(50);
  await page.screenshot({ path: join(SCREENSHOTS, 'after-import.png') });

  // the same file again: recognised, nothing added
  await page.getByTestId('import-button').click();
  await expect(result).toContainText(/already imported/i, { timeout: 45_000 });
});

test('replay play/pause advances the replay clock', async ({ app: { page } }) => {
  await waitForBars(page);
  const clock = page.getByTestId('replay-clock');
  await page.getByTestId('speed-100').click();
  await page.getByTestId('play').click();
  await expect(clock).not.toHaveText('--:--:--');
  await expect(page.getByTestId('pause')).toBeEnabled();
  const t1 = await clock.textContent();
  await expect.poll(() => clock.textContent(), { timeout: 20_000 }).not.toBe(t1);
  await expect.poll(() => page.evaluate(() => window.__algospace!.barCount()), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.waitForTimeout(1500);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeEnabled();
  const t2 = await clock.textContent();
  await page.waitForTimeout(1200);
  expect(await clock.textContent()).toBe(t2);
  expect(t2).not.toBe(t1);
  await expect(page.getByTestId('status-strip')).toContainText(/bars/);
  await page.screenshot({ path: join(SCREENSHOTS, 'replay.png') });
  // Space toggles too
  await page.keyboard.press('Space');
  await expect(page.getByTestId('pause')).toBeEnabled();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('play')).toBeEnabled();
});
