// A long history's overlays (issue 17): the chart asks `indicators.range` for the newest rows first
// (limit), then for all of them, so the first screen's overlays do not wait for the whole history; once
// loaded the renderer holds every stored 5m and 30m row — checked against the engine's own answer.
// 45,031 real BTC-PERP 1m bars: 9,006 5m rows, more than the first request's 5,000. On a server and
// database of its own: the shared one's other specs expect the bundled sample's symbols only.
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { test, expect, waitForBars, startServer, stopServer, REPO, SCREENSHOTS } from './fixtures.ts';

const FILE = join(REPO, '../shared/data/nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv');

interface RangeReq { symbol: string; timeframe: string; columns: string[]; limit?: number }

test('a long history: the newest indicator rows first, then all of them', async ({ page }) => {
  test.setTimeout(180_000);
  const { server, dir } = await startServer();
  try {
    await page.goto(server.url);
    await longHistory(page);
  } finally {
    await stopServer(server.proc);
    rmSync(dir, { recursive: true, force: true });
  }
});

async function longHistory(page: Page): Promise<void> {
  await waitForBars(page);
  await page.getByTestId('import-path').fill(FILE);
  await page.getByTestId('import-path').press('Tab');
  await expect(page.getByTestId('import-inspection')).toBeVisible();
  await page.getByTestId('import-button').click();
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('rows-stored')).toHaveText('45,031');

  // a fresh connection (the page again, BTC-PERP at 1m remembered) whose calls are watched
  await page.getByTestId('symbol').selectOption('BTC-PERP');
  await page.keyboard.press('1'); // 1m
  await expect.poll(() => page.evaluate(() => window.__algospace!.timeframe())).toBe('1m');
  const asked: RangeReq[] = [];
  const received = { binary: [] as number[], largestText: 0 };
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      const m = typeof f.payload === 'string' ? JSON.parse(f.payload) as { name?: string; req?: RangeReq } : {};
      if (m.name === 'indicators.range') asked.push(m.req!);
    });
    ws.on('framereceived', (f) => {
      if (typeof f.payload === 'string') received.largestText = Math.max(received.largestText, f.payload.length);
      else received.binary.push(f.payload.length);
    });
  });
  await page.reload();
  await waitForBars(page);
  await expect.poll(() => page.evaluate(() => window.__algospace!.indicatorsReady()), { timeout: 60_000 }).toBe(true);
  await expect.poll(() => asked.length).toBe(2);
  expect(asked.map((r) => [r.symbol, r.timeframe, r.limit ?? null])).toEqual([['BTC-PERP', '1m', 5000], ['BTC-PERP', '1m', null]]);
  // columns cross as binary messages (8 bytes a value): the newest bars, the older ones, both overlay
  // answers; no JSON text message anywhere near the size of a column
  await expect.poll(() => received.binary.length).toBeGreaterThanOrEqual(4); // the last answer may still be on its way
  await expect.poll(() => received.binary.reduce((a, b) => a + b, 0)).toBeGreaterThan(45_031 * 6 * 8); // every bar's six columns
  expect(received.largestText).toBeLessThan(100_000);

  // every stored row is held: the first and last of each frame as the engine answers without a limit
  const engine = await page.evaluate(async () => {
    const call = (window.__algospace as unknown as { call(n: string, q: unknown): Promise<{ ok: boolean; value: { frames: { timeframe: '5m' | '30m'; n: number; t: Float64Array }[] } }> }).call;
    const res = await call('indicators.range', { symbol: 'BTC-PERP', timeframe: '1m', columns: ['atr'] });
    return res.value.frames.map((f) => ({ tf: f.timeframe, n: f.n, first: f.t[0]!, last: f.t[f.t.length - 1]! }));
  });
  expect(engine.find((f) => f.tf === '5m')!.n).toBeGreaterThan(5000);
  for (const f of engine) {
    expect(await page.evaluate((tf) => window.__algospace!.indicatorFirstT(tf), f.tf)).toBe(f.first);
    expect(await page.evaluate((tf) => window.__algospace!.indicatorLastT(tf), f.tf)).toBe(f.last);
  }
  await page.screenshot({ path: join(SCREENSHOTS, 'indicators-long-history.png') });
}
