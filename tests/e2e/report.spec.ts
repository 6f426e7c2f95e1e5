// The Report panel on the real app (browser mode, bundled ES sample, its own server: it makes runs).
// An auto-approved replay at max speed until there are fills; P opens the report of that run, whose
// trade count and expectancy are the engine's `report.get` (and the CLI's `report --json`, from the
// same database); the plots are canvases. A second run (a replay from the start again, further) joins the run list, and
// comparing the two shows both columns. Screenshots at 1400×900 and 1280×720.
//
// The servers run the rule path with rule_threshold 0.33 (as trading.spec.ts does), so the ES
// sample's synergies become the same decisions on every run whatever models/decision.onnx says.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { RunListItem, RunReport } from '../../src-shared/report.ts';
import { test, expect, startServer, stopServer, waitForBars, call, REPO, SCREENSHOTS, type Server } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

let dir = '';
let server: Server | null = null;
const ruleOnly = (d: string) => ({ ALGOSPACE_MODEL: join(d, 'no-model.onnx'), ALGOSPACE_DECISION_RULE_THRESHOLD: '0.33' });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-e2e-report-'));
  ({ server } = await startServer(dir, ruleOnly(dir)));
});

test.afterAll(async () => {
  if (server) await stopServer(server.proc);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const trading = (page: Page) => call<{ run_id: number | null; counts: { fills: number } }>(page, 'trading.get', {});
const replayStatus = async (page: Page) => (await call<{ status: string }>(page, 'replay.get', {})).status;

/** From the first stored bar at max speed until the run has `fills` fills (or the data ends); paused after. */
async function replayUntilFills(page: Page, fills: number): Promise<number> {
  const from = page.getByTestId('replay-from');
  await from.fill((await from.getAttribute('min'))!);
  await page.getByRole('button', { name: 'Jump' }).click();
  // (on a busy machine a click can land while the jump is still settling: check that it took)
  await expect(async () => {
    await page.getByTestId('speed-max').click();
    expect((await call<{ speed: unknown }>(page, 'replay.get', {})).speed).toBe('max');
  }).toPass({ timeout: 15_000 });
  if (await page.getByTestId('play').isEnabled()) await page.getByTestId('play').click();
  await expect.poll(async () => (await trading(page)).counts.fills >= fills || (await replayStatus(page)) === 'ended',
    { timeout: 60_000, message: `the run reaches ${fills} fills` }).toBe(true);
  if (await page.getByTestId('pause').isEnabled()) await page.getByTestId('pause').click();
  await expect.poll(() => replayStatus(page)).not.toBe('playing');
  const t = await trading(page);
  expect(t.counts.fills).toBeGreaterThan(0);
  return t.run_id!;
}

/** The value a metric row shows for run A or B (its data-value: the number, or '' for null). */
async function metric(page: Page, key: string, side: 'a' | 'b' = 'a'): Promise<number | null> {
  const v = await page.getByTestId(`metric-${key}`).getByTestId(`metric-${side}`).getAttribute('data-value');
  return v === '' || v === null ? null : Number(v);
}

function cliReport(dbPath: string, runId: number): RunReport {
  const out = execFileSync(process.execPath, ['src-main/cli/main.ts', 'report', '--db', dbPath, '--run', String(runId), '--json'],
    { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ALGOSPACE_LOG_CONSOLE: '0' } });
  return JSON.parse(out) as RunReport;
}

async function scrollBody(page: Page, to: 'top' | 'bottom'): Promise<void> {
  await page.getByTestId('report-panel').locator('.body').evaluate((el, end) => { el.scrollTop = end === 'top' ? 0 : el.scrollHeight; }, to);
}

let firstRun = 0;

test('the report of an auto-approved run equals report.get and the CLI', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server!.url);
  await waitForBars(page);

  // nothing traded yet: the empty state
  await page.keyboard.press('p');
  await expect(page.getByTestId('report-panel')).toBeVisible();
  await expect(page.getByTestId('report-empty')).toHaveText('No trading run yet: play a replay with decisions.');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('report-panel')).toHaveCount(0);

  // the active profile, paper auto-approve, a replay until there are fills
  await page.getByTestId('profile-active').click();
  await expect(page.getByTestId('profile-active')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('auto-approve').check();
  await expect(page.getByTestId('auto-approve')).toBeChecked();
  firstRun = await replayUntilFills(page, 2);

  await page.keyboard.press('p');
  const panel = page.getByTestId('report-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('report-run-info')).toHaveAttribute('data-run', String(firstRun));
  await expect(page.getByTestId('report-run')).toHaveValue(String(firstRun));
  await expect(page.getByTestId('report-status')).toHaveText('');
  const rep = await call<RunReport>(page, 'report.get', { runId: firstRun });
  expect(rep.trades).toBeGreaterThan(0);
  expect(await metric(page, 'trades')).toBe(rep.trades);
  expect(await metric(page, 'expectancy_r')).toBe(rep.expectancy_r);
  expect(await metric(page, 'max_drawdown')).toBe(Math.abs(rep.max_drawdown));
  expect(await page.getByTestId('value-added').first().getAttribute('data-value')).toBe(rep.decision_value_added_r === null ? '' : String(rep.decision_value_added_r));
  // the plots are canvases (uPlot); the histogram and the equity curve have data
  await expect(panel.getByTestId('report-equity').locator('canvas')).toHaveCount(1);
  await expect(panel.getByTestId('report-drawdown').locator('canvas')).toHaveCount(1);
  await expect(panel.getByTestId('report-histogram').locator('canvas')).toHaveCount(1);
  await expect(panel.getByTestId('report-by_pattern').getByTestId('breakdown-row')).toHaveCount(rep.by_pattern.length);
  await page.screenshot({ path: join(SCREENSHOTS, 'report-run-1400.png') });
  await scrollBody(page, 'bottom');
  await page.screenshot({ path: join(SCREENSHOTS, 'report-run-1400-bottom.png') });
  await scrollBody(page, 'top');

  // the CLI reads the same database and prints the same report
  const info = await call<{ dbPath: string }>(page, 'app.info', {});
  const cli = cliReport(info.dbPath, firstRun);
  expect({ trades: cli.trades, expectancy_r: cli.expectancy_r, max_drawdown: cli.max_drawdown })
    .toEqual({ trades: rep.trades, expectancy_r: rep.expectancy_r, max_drawdown: rep.max_drawdown });

  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});

test('a second run joins the list; two runs side by side', async ({ page }) => {
  test.skip(firstRun === 0, 'needs the first test');
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server!.url);
  await waitForBars(page);

  // replayed from the start again, further this time: a new run (the open report follows it)
  await page.keyboard.press('p');
  await expect(page.getByTestId('report-panel')).toBeVisible();
  const second = await replayUntilFills(page, 4);
  expect(second).not.toBe(firstRun);
  const runs = await call<RunListItem[]>(page, 'report.runs', {});
  expect(runs.length).toBeGreaterThanOrEqual(2);
  expect(runs.map((r) => r.id)).toEqual(expect.arrayContaining([firstRun, second]));
  await expect(page.getByTestId('report-run-info')).toHaveAttribute('data-run', String(second), { timeout: 10_000 });
  // the pause refreshed it: it covers the run up to its last step, not just to its last fill
  const last = (await call<RunReport>(page, 'report.get', { runId: second })).run.last_t;
  await expect(page.getByTestId('report-run-info')).toHaveAttribute('data-last', String(last), { timeout: 10_000 });
  await expect(page.getByTestId('report-run').locator('option')).toHaveCount(runs.length);

  // compare with the first run: two columns of metrics, two curves per plot
  await page.getByTestId('report-compare').selectOption(String(firstRun));
  await expect(page.getByTestId('report-col-b')).toHaveText(`B #${firstRun}`);
  await expect(page.getByTestId('report-col-a')).toHaveText(`A #${second}`);
  await expect(page.getByTestId('report-run-info')).toHaveCount(2);
  const [a, b] = await Promise.all([
    call<RunReport>(page, 'report.get', { runId: second }), call<RunReport>(page, 'report.get', { runId: firstRun }),
  ]);
  expect(await metric(page, 'trades', 'a')).toBe(a.trades);
  expect(await metric(page, 'trades', 'b')).toBe(b.trades);
  expect(await metric(page, 'expectancy_r', 'b')).toBe(b.expectancy_r);
  await expect(page.getByTestId('report-baselines')).toHaveCount(2);
  await expect(page.getByTestId('report-equity').locator('canvas')).toHaveCount(1);
  await page.screenshot({ path: join(SCREENSHOTS, 'report-compare-1400.png') });
  await scrollBody(page, 'bottom');
  await page.screenshot({ path: join(SCREENSHOTS, 'report-compare-1400-bottom.png') });
  await scrollBody(page, 'top');

  // usable at 1280×720: the drawer scrolls inside, its header stays
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.getByTestId('report-col-b')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'report-compare-1280.png') });
  await page.getByTestId('report-histogram').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'report-compare-1280-plots.png') });

  // no comparison: back to one column
  await page.getByTestId('report-compare').selectOption('');
  await expect(page.getByTestId('report-col-b')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('report-panel')).toHaveCount(0);
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});
