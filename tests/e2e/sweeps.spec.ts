// The Sweeps panel on the real app (browser mode): a sweep made with the CLI into the app's own database
// (a 2×2 grid of risk.target_rr × synergy.cooldown_bars on 6,000 one-minute BTC rows, two walk-forward folds),
// then W opens the panel. Its tables hold what `sweep.get` (and the store) hold; a metric header sorts; the
// heat map's cells are the sets' pooled figures; the in-sample warning sits beside the walk-forward result; a
// task's report (replayed by the engine) carries the metrics the sweep stored; Apply records a config change.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { SweepDetail } from '../../src-shared/sweep-view.ts';
import { test, expect, startServer, stopServer, call, REPO, SCREENSHOTS, type Server } from './fixtures.ts';

const ROWS = 6_000;
let dir = '';
let server: Server | null = null;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-e2e-sweeps-'));
  const lines = readFileSync(join(REPO, '../shared/data/nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'), 'utf8').split('\n');
  writeFileSync(join(dir, 'btc-a.csv'), [lines[0], ...lines.slice(1, 1 + ROWS)].join('\n') + '\n');
  writeFileSync(join(dir, 'base.yaml'), 'risk:\n  fx_rates: {USDT: 1}\n');
  writeFileSync(join(dir, 'sweep.yaml'), ['name: btc rr x cooldown', 'timeframe: 5m', 'profile: active', 'instrument: BTC-PERP', 'config: base.yaml',
    'data: [btc-a.csv]', 'grid:', '  risk.target_rr: [1.5, 2.5]', '  synergy.cooldown_bars: [3, 6]', 'folds: {count: 2}', ''].join('\n'));
  // the app's database: startServer puts it at <dir>/e2e.db
  execFileSync(process.execPath, ['src-main/cli/main.ts', 'sweep', join(dir, 'sweep.yaml'), '--db', join(dir, 'e2e.db'), '--workers', '2'],
    { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  ({ server } = await startServer(dir));
});

test.afterAll(async () => {
  if (server) await stopServer(server.proc);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The report's way of writing R, written again here: `+0.23R`, `−1.16R`, `—`. */
const fmtR = (n: number | null) => (n === null ? '—' : `${n < 0 ? '−' : n > 0 ? '+' : ''}${Math.abs(n).toFixed(2)}R`);
const column = (table: Locator, key: string) => table.locator(`tbody td[data-col="${key}"]`).allTextContents();
const parseR = (s: string) => (s === '—' ? null : Number(s.replace('−', '-').replace('R', '')));

test('sweeps panel: tables equal the store, sort, heat map, in-sample warning, a task report, apply a set', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server!.url);
  await expect(page.getByTestId('connection')).toBeVisible();
  const detail = await call<SweepDetail>(page, 'sweep.get', { id: 1 });
  expect(detail.tasks.length).toBe(8);
  const withTrades = detail.tasks.filter((t) => ((t.metrics?.trades as number | null) ?? 0) > 0);
  expect(withTrades.length).toBeGreaterThan(0); // something to compare

  await page.locator('body').press('w');
  const panel = page.getByTestId('sweep-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('sweep-list').locator('tbody tr')).toHaveCount(1);
  await expect(panel.getByTestId('sweep-list').locator('td[data-col="tasks"]')).toHaveText('8 / 8');

  // the task table: one row per stored task, in the store's order, with its stored figures
  const tasks = panel.getByTestId('sweep-tasks');
  await expect(tasks.locator('tbody tr')).toHaveCount(8);
  expect(await tasks.locator('tbody tr').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-row'))))).toEqual(detail.tasks.map((t) => t.id));
  expect(await column(tasks, 'trades')).toEqual(detail.tasks.map((t) => String(t.metrics!.trades)));
  expect(await column(tasks, 'expectancy_r')).toEqual(detail.tasks.map((t) => fmtR(t.metrics!.expectancy_r as number | null)));
  expect(await column(tasks, 'fold')).toEqual(detail.tasks.map((t) => String(t.fold)));

  // sort by E[R]: best first, then the other way; a missing value stays last
  const header = tasks.locator('th button[data-key="expectancy_r"]');
  await header.click();
  await expect(tasks.locator('th[aria-sort="descending"] button[data-key="expectancy_r"]')).toBeVisible();
  const desc = (await column(tasks, 'expectancy_r')).map(parseR);
  const want = detail.tasks.map((t) => t.metrics!.expectancy_r as number | null).filter((v): v is number => v !== null);
  expect(desc.filter((v) => v !== null)).toEqual([...want].sort((a, b) => b - a).map((v) => Number(v.toFixed(2))));
  await header.press('Enter'); // the keyboard flips it too
  await expect(tasks.locator('th[aria-sort="ascending"] button[data-key="expectancy_r"]')).toBeVisible();
  expect((await column(tasks, 'expectancy_r')).map(parseR).filter((v) => v !== null)).toEqual([...want].sort((a, b) => a - b).map((v) => Number(v.toFixed(2))));

  // the heat map: 2 × 2 cells, each the pooled E[R] of the set with those two values
  const cells = panel.getByTestId('heat-cell');
  await expect(cells).toHaveCount(4);
  for (const s of detail.sets) {
    const cell = panel.locator(`[data-testid="heat-cell"][data-x="${s.params['risk.target_rr']}"][data-y="${s.params['synergy.cooldown_bars']}"]`);
    await expect(cell).toHaveAttribute('data-value', s.expectancy_r === null ? '' : String(s.expectancy_r));
  }
  await expect(panel.getByTestId('heat-legend')).toBeVisible();

  // the best set is marked in-sample, and the walk-forward result is beside it
  await expect(panel.getByTestId('sweep-insample')).toContainText('chosen on the same data it is shown on');
  await expect(panel.getByTestId('sweep-wf-oos')).toContainText(fmtR(detail.walk_forward!.oos.expectancy_r));
  await expect(panel.getByTestId('sweep-sets').locator('tr.mark')).toHaveCount(detail.best ? 1 : 0);
  await page.screenshot({ path: join(SCREENSHOTS, 'sweeps.png') });

  // a task's report: progress while the engine replays it, then the stored figures
  const task = withTrades[0]!;
  await tasks.locator(`tr[data-row="${task.id}"] [data-testid="sweep-report-btn"]`).click();
  await expect(panel.getByTestId('sweep-report-progress')).toBeVisible();
  const metrics = panel.getByTestId('report-metrics');
  await expect(metrics).toBeVisible({ timeout: 30_000 });
  await expect(metrics.locator('[data-testid="metric-trades"] [data-testid="metric-a"]')).toHaveAttribute('data-value', String(task.metrics!.trades));
  await expect(metrics.locator('[data-testid="metric-expectancy_r"] [data-testid="metric-a"]')).toHaveAttribute('data-value', String(task.metrics!.expectancy_r));
  await page.screenshot({ path: join(SCREENSHOTS, 'sweeps-task-report.png') });
  await panel.getByTestId('sweep-report-back').click();

  await applySet(page, detail);
  expect(errors).toEqual([]);
});

/** Apply a set: the preview names what changes and changes nothing; Apply records one config change with the set's values. */
async function applySet(page: Page, detail: SweepDetail): Promise<void> {
  const panel = page.getByTestId('sweep-panel');
  const before = await call<unknown[]>(page, 'config.history', {});
  const set = detail.sets.find((s) => s.params['risk.target_rr'] === 2.5 && s.params['synergy.cooldown_bars'] === 6)!;
  await panel.getByTestId('sweep-sets').locator(`tr[data-row='${set.key}'] [data-testid="sweep-apply-btn"]`).click();
  const dialog = panel.getByTestId('sweep-apply');
  await expect(dialog.getByTestId('sweep-apply-diff')).toContainText('risk.target_rr');
  await expect(dialog.getByTestId('sweep-apply-notes')).toContainText('synergy.cooldown_bars is a key the profiles set');
  expect(await call<unknown[]>(page, 'config.history', {})).toHaveLength(before.length); // nothing yet
  await dialog.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'sweeps-apply.png') });
  await dialog.getByTestId('sweep-apply-confirm').click();
  await expect(dialog.getByTestId('sweep-apply-done')).toContainText('recorded in the config history');
  const after = await call<{ diff: { path: string; to: unknown }[] }[]>(page, 'config.history', {});
  expect(after).toHaveLength(before.length + 1);
  const change = Object.fromEntries(after.find((c) => c.diff.some((d) => d.path === 'risk.target_rr'))!.diff.map((d) => [d.path, d.to]));
  expect([change['risk.target_rr'], change['synergy.cooldown_bars']]).toEqual([2.5, 6]);
  const cfg = await call<{ config: { risk: { target_rr: number } } }>(page, 'config.get', {});
  expect(cfg.config.risk.target_rr).toBe(2.5);
}
