// The overview follows a running replay: zoomed out past the bars the chart holds (its cap set small),
// the chart shows candles of 16 bars; playing on from there, new bars fold into its newest candles and
// open new ones, and once paused they equal the engine's own bucket answer at the replay clock (the
// store's levels, the bucket the clock cuts aggregated from its bars) — the newest candle may hold the
// forming bar as well. Nothing after the clock, and the overview is not reloaded to get there.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Page } from '@playwright/test';
import { test, expect, startServer, stopServer, waitForBars, call, replayState as replay, pauseReplay, SCREENSHOTS, type Server } from './fixtures.ts';

const MIN = 60_000, B = 16 * MIN;
type CallRes = { ok: true; value: any } | { ok: false; problem: { message: string } };
type Cols = { t: number[]; o: number[]; h: number[]; l: number[]; c: number[]; v: number[] };
interface Hooks {
  call(name: string, req: unknown): Promise<CallRes>;
  chartBars(): Cols & { symbol: string | null };
  chartWindow(): { n: number; olderLeft: boolean; overview: number; paging: boolean; pageError: string | null };
  setChartCap(n: number): void;
}

const chartWindow = (page: Page) => page.evaluate(() => (window.__algospace as unknown as Hooks).chartWindow());
const held = (page: Page) => page.evaluate(() => (window.__algospace as unknown as Hooks).chartBars());

let dir = '';
let server: Server | null = null;
test.afterAll(async () => {
  if (server) await stopServer(server.proc);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the overview follows a running replay: its candles equal the engine\'s buckets at the clock', async ({ page }) => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'algospace-e2e-overview-replay-'));
  ({ server } = await startServer(dir, { ALGOSPACE_MODEL: join(dir, 'no-model.onnx') }));
  await page.goto(server.url);
  await waitForBars(page);
  await page.keyboard.press('1'); // 1m
  await expect.poll(() => page.evaluate(() => window.__algospace!.timeframe())).toBe('1m');
  const symbol = (await held(page)).symbol!;
  const times = (await call<{ bars: { t: number[] } }>(page, 'bars.get', { symbol, timeframe: '1m', limit: 1_000_000 })).bars.t;
  expect(times.length).toBeGreaterThan(2_000);
  // held: fewer than the third of the history before the clock; the overview's buckets 16 bars (the finest level in cap / 2)
  const CAP = Math.round(times.length / 12);
  await call(page, 'trading.setAutoApprove', { on: true }); // no hold at a decision

  // a replay loaded at a third of the history, the chart holding at most CAP bars, zoomed out to the overview
  const start = times[Math.floor(times.length / 3)]!;
  await call(page, 'replay.load', { symbol, from: start });
  await expect.poll(async () => (await replay(page)).clock, { timeout: 10_000 }).not.toBeNull();
  await page.evaluate((cap) => (window.__algospace as unknown as Hooks).setChartCap(cap), CAP);
  await expect.poll(() => chartWindow(page)).toMatchObject({ n: CAP, olderLeft: true, overview: 0, paging: false });
  await page.evaluate((n) => window.__algospaceChart!.setWindow(-10, n + 30), CAP);
  await expect.poll(() => chartWindow(page)).toMatchObject({ overview: B, paging: false, pageError: null });
  const before = (await held(page)).t.length;

  // play at full speed until two thirds of the history, then pause
  await page.getByTestId('speed-max').click();
  await page.getByTestId('play').click();
  const until = times[Math.floor((times.length * 2) / 3)]!;
  await expect.poll(async () => (await replay(page)).clock ?? 0, { timeout: 45_000 }).toBeGreaterThanOrEqual(until);
  await pauseReplay(page);
  const clock = (await replay(page)).clock!;

  // the engine's candles at the clock, against the chart's (still the overview, never reloaded)
  const engine = await page.evaluate(async ([s, b]) => {
    const r = await (window.__algospace as unknown as Hooks).call('bars.range', { symbol: s, timeframe: '1m', bucket: b, limit: 1_000_000 });
    if (!r.ok) throw new Error(r.problem.message);
    return Object.fromEntries(Object.entries(r.value.cols as Record<string, Float64Array>).map(([k, a]) => [k, Array.from(a)])) as Cols;
  }, [symbol, B] as const);
  await expect.poll(async () => (await held(page)).t.length).toBeGreaterThanOrEqual(engine.t.length);
  expect(await chartWindow(page)).toMatchObject({ overview: B, pageError: null });
  const { symbol: _s, timeframe: _tf, ...chart } = await held(page) as Cols & { symbol: string; timeframe: string };
  expect(engine.t.length).toBeGreaterThan(before + 10); // the replay went on for many candles
  const n = engine.t.length;
  expect(chart.t.length - n).toBeLessThanOrEqual(1); // at most a candle of the forming bar on its own
  const closed = (c: Cols) => Object.fromEntries(Object.entries(c).map(([k, a]) => [k, a.slice(0, n - 1)]));
  expect(closed(chart)).toEqual(closed(engine));
  // the newest candle of the engine's: the chart's holds it, and maybe the forming bar too
  const i = n - 1;
  expect([chart.t[i], chart.o[i]]).toEqual([engine.t[i], engine.o[i]]);
  expect(chart.h[i]).toBeGreaterThanOrEqual(engine.h[i]!);
  expect(chart.l[i]).toBeLessThanOrEqual(engine.l[i]!);
  expect(chart.v[i]).toBeGreaterThanOrEqual(engine.v[i]!);
  expect(chart.t[chart.t.length - 1]).toBeLessThanOrEqual(clock); // nothing after the clock
  await page.screenshot({ path: join(SCREENSHOTS, 'chart-overview-replay.png') });
});
