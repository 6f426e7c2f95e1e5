// Indicators on the real app: overlays on the price chart (NW-RQK, FVG, LVN) change the plot's
// pixels when toggled, the MLMI / MMD panels show and hide and share the crosshair and zoom, the
// read-out shows indicator values, and a replay streams new values.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, waitForBars, SCREENSHOTS } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

/** FNV-1a hash of the plot area's pixels of the canvas inside `[data-testid=testId]`. */
async function plotHash(page: Page, testId = 'chart'): Promise<string> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate((id) => {
    const root = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const canvas = root?.querySelector('canvas');
    const over = root?.querySelector<HTMLElement>('.u-over');
    if (!canvas || !over) return 'none';
    const o = over.getBoundingClientRect();
    const cr = canvas.getBoundingClientRect();
    const k = canvas.width / cr.width;
    const { data } = canvas.getContext('2d')!.getImageData(
      Math.floor((o.left - cr.left) * k), Math.floor((o.top - cr.top) * k), Math.floor(o.width * k), Math.floor(o.height * k));
    let h = 0x811c9dc5;
    for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i]!, 0x01000193);
    return `${data.length}:${(h >>> 0).toString(16)}`;
  }, testId);
}

/** Share of the panel's plot pixels that differ from the background (lines drawn). */
async function inkShare(page: Page, testId: string): Promise<number> {
  return page.evaluate((id) => {
    const root = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const canvas = root?.querySelector('canvas');
    if (!canvas) return 0;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && data[i]! + data[i + 1]! + data[i + 2]! > 150) ink++;
    return ink / (data.length / 4);
  }, testId);
}

async function waitForIndicators(page: Page): Promise<void> {
  await waitForBars(page);
  await expect.poll(() => page.evaluate(() => window.__algospace!.indicatorsReady()), {
    timeout: 45_000, message: 'the engine returned no indicator values for ES (indicators.get)',
  }).toBe(true);
}

const pressed = (page: Page, key: string) => page.getByTestId(`overlay-${key}`);

test('overlays change the price chart when toggled (buttons and keys)', async ({ app: { page, errors } }) => {
  await waitForIndicators(page);
  const chart = page.getByTestId('chart');
  const box = (await chart.boundingBox())!;
  // FVG zones may be sparse: show all bars so that every zone is on screen
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 600);
  await page.mouse.move(box.x + 2, box.y + box.height + 40); // cursor off the plot: no crosshair in the hash
  for (const [key, hotkey] of [['nwrqk', 'N'], ['fvg', 'F'], ['lvn', 'L']] as const) {
    await expect(pressed(page, key)).toHaveAttribute('aria-pressed', 'true');
    const on = await plotHash(page);
    await pressed(page, key).click();
    await expect(pressed(page, key)).toHaveAttribute('aria-pressed', 'false');
    const off = await plotHash(page);
    expect(off, `${key} off changes the plot`).not.toBe(on);
    await page.keyboard.press(hotkey);
    await expect(pressed(page, key)).toHaveAttribute('aria-pressed', 'true');
    expect(await plotHash(page), `${key} on again draws the same`).toBe(on);
  }
  // the choice survives a reload
  await pressed(page, 'lvn').click();
  await page.reload();
  await waitForIndicators(page);
  await expect(pressed(page, 'lvn')).toHaveAttribute('aria-pressed', 'false');
  await expect(pressed(page, 'nwrqk')).toHaveAttribute('aria-pressed', 'true');
  await pressed(page, 'lvn').click();
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});

test('MLMI and MMD panels show, hide and resize the price chart', async ({ app: { page } }) => {
  await waitForIndicators(page);
  const price = page.getByTestId('chart');
  if (!(await page.getByTestId('panel-mlmi').isVisible())) await page.keyboard.press('M');
  if (await page.getByTestId('panel-mmd').isVisible()) await page.keyboard.press('D');
  await expect(page.getByTestId('panel-mlmi')).toBeVisible();
  await expect(page.getByTestId('panel-mmd')).toHaveCount(0);
  const h1 = (await price.boundingBox())!.height;
  await expect.poll(() => inkShare(page, 'panel-mlmi')).toBeGreaterThan(0.002);

  await page.getByTestId('overlay-mmd').click();
  await expect(page.getByTestId('panel-mmd')).toBeVisible();
  await expect.poll(() => inkShare(page, 'panel-mmd')).toBeGreaterThan(0.002);
  await expect.poll(async () => (await price.boundingBox())!.height).toBeLessThan(h1 - 50);

  await page.keyboard.press('M');
  await page.keyboard.press('D');
  await expect(page.getByTestId('panel-mlmi')).toHaveCount(0);
  await expect(page.getByTestId('panel-mmd')).toHaveCount(0);
  await expect.poll(async () => (await price.boundingBox())!.height).toBeGreaterThan(h1 + 50);
  await page.keyboard.press('M');
  await expect(page.getByTestId('panel-mlmi')).toBeVisible();
});

test('crosshair and zoom are shared; the read-out shows indicator values', async ({ app: { page } }) => {
  await waitForIndicators(page);
  if (!(await page.getByTestId('panel-mlmi').isVisible())) await page.keyboard.press('M');
  const price = (await page.getByTestId('chart').boundingBox())!;
  const panel = (await page.getByTestId('panel-mlmi').boundingBox())!;
  const time = page.getByTestId('readout').locator('.time');
  const timeAt = async (box: { x: number; y: number; height: number; width: number }, fx: number) => {
    await page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.5);
    return time.textContent();
  };
  const priceT = await timeAt(price, 0.55);
  expect(await timeAt(panel, 0.55)).toBe(priceT); // hovering the panel moves the price crosshair
  await expect(page.locator('[data-testid="chart"] .u-cursor-x')).toBeVisible();

  // zoom in the panel: the price chart follows
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -300);
  const zoomedPanel = await timeAt(panel, 0.2);
  expect(await timeAt(price, 0.2)).toBe(zoomedPanel);

  // values of the bar under the cursor near the right end (30m indicators are ready there)
  await timeAt(price, 0.85);
  const ro = page.getByTestId('indicator-readout');
  await expect(ro.getByTestId('ro-nwrqk')).toContainText(/NW-RQK \d[\d,]*\.\d+/);
  await expect(ro.getByTestId('ro-mlmi')).toContainText(/MLMI -?\d+ MA -?\d+\.\d/);
  await expect(ro.getByTestId('ro-lvn')).toContainText(/LVN \d[\d,]*\.\d+/);
  await expect(ro.getByTestId('ro-fvg')).toContainText(/FVG bull (yes|no) bear (yes|no)/);
  await expect(ro.getByTestId('ro-mmd')).toContainText(/MMD \d+\.\d{3}/);
  await expect(ro.getByTestId('ro-atr')).toContainText(/ATR \d+\.\d+/);
});

test('screenshot: all overlays on, last ~150 5m bars', async ({ app: { page } }) => {
  await waitForIndicators(page);
  for (const key of ['nwrqk', 'fvg', 'lvn', 'mlmi', 'mmd']) {
    if ((await pressed(page, key).getAttribute('aria-pressed')) !== 'true') await pressed(page, key).click();
  }
  const box = (await page.getByTestId('chart').boundingBox())!;
  await page.mouse.dblclick(box.x + box.width * 0.5, box.y + box.height * 0.5); // latest bars
  await page.mouse.move(box.x + box.width - 80, box.y + box.height * 0.5);
  await page.mouse.wheel(0, 100);
  await page.mouse.wheel(0, 100);
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.45);
  await expect(page.getByTestId('ro-nwrqk')).toContainText(/\d/);
  await page.screenshot({ path: join(SCREENSHOTS, 'indicators.png') });
});

test('a replay streams indicator values', async ({ app: { page } }) => {
  await waitForIndicators(page);
  const last5 = () => page.evaluate(() => window.__algospace!.indicatorLastT('5m'));
  const stored = (await last5())!;
  // start (or seek) the replay at a known time: its reset drops the values from there on
  await page.getByTestId('replay-from').fill('2013-12-18T08:00');
  await page.getByRole('button', { name: 'Jump' }).click();
  await page.getByTestId('speed-100').click();
  await page.getByTestId('play').click();
  await expect(page.getByTestId('pause')).toBeEnabled();
  await expect.poll(last5, { timeout: 30_000, message: 'no reset of indicator values at the replay start' }).toBeLessThan(stored);
  // values of the bars the replay closes arrive with indicators.appended
  const after = (await last5()) ?? 0;
  await expect.poll(last5, { timeout: 30_000, message: 'no indicators.appended during the replay' }).toBeGreaterThan(after);
  await expect(page.getByTestId('ro-atr')).toContainText(/ATR \d/);
  await expect(page.getByTestId('ro-nwrqk')).toContainText(/NW-RQK \d/);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeEnabled();
  await page.screenshot({ path: join(SCREENSHOTS, 'indicators-replay.png') });
});
