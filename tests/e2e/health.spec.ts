// Health and logs on the real app: the health drawer lists every pipeline component the engine
// reports, a replay at max speed makes the replay / bars / indicator counts and rates grow, and the
// log view shows the engine's records, filtered by level and narrowed by a search.
// "An injected model failure shows degraded and an alert" is model-failure.spec.ts.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, waitForBars, SCREENSHOTS } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

interface Row { name: string; status: string; processed: number; perSec: number }

/** The health table as shown: one entry per `health-row-<name>`. */
async function tableRows(page: Page): Promise<Row[]> {
  return page.locator('[data-testid^="health-row-"]').evaluateAll((trs) => trs.map((tr) => {
    const name = tr.getAttribute('data-testid')!.slice('health-row-'.length);
    const text = (id: string) => tr.querySelector(`[data-testid="${id}-${CSS.escape(name)}"]`)?.textContent?.trim() ?? '';
    const num = (s: string) => {
      const m = /^([\d.,]+)\s*([KMB]?)$/.exec(s);
      return m ? Number(m[1]!.replace(/,/g, '')) * ({ '': 1, K: 1e3, M: 1e6, B: 1e9 } as Record<string, number>)[m[2]!]! : NaN;
    };
    return { name, status: text('health-status'), processed: num(text('health-processed')), perSec: num(text('health-rate')) };
  }));
}

/** Calls a command on the engine over a WebSocket of its own (the page's token, kept in its session storage), bypassing the UI. */
async function engineCall(page: Page, name: string, req: object): Promise<{ ok: boolean; value?: unknown }> {
  return page.evaluate(([name, req]) => new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(sessionStorage.getItem('algospace.token') ?? '')}`);
    ws.onopen = () => ws.send(JSON.stringify({ type: 'call', id: 1, name, req }));
    ws.onmessage = (ev) => {
      const f = JSON.parse(String(ev.data));
      if (f.type === 'result' && f.id === 1) { ws.close(); resolve(f.res); }
    };
    ws.onerror = () => reject(new Error('WebSocket error'));
  }), [name, req] as const) as Promise<{ ok: boolean; value?: unknown }>;
}

const GROUPS = { replay: /^replay$/, bars: /^bars/, indicators: /^indicators/ } as const;
type Group = keyof typeof GROUPS;
const groupSum = (rows: Row[], g: Group, k: 'processed' | 'perSec') =>
  rows.filter((r) => GROUPS[g].test(r.name)).reduce((s, r) => s + r[k], 0);

test('the health drawer lists every component; a max-speed replay makes counts and rates grow', async ({ app: { page, errors } }) => {
  await waitForBars(page);
  await page.locator('body').press('h');
  await expect(page.getByTestId('health-panel')).toBeVisible();

  // every component the engine reports has a row, with a status light and a count
  const res = await engineCall(page, 'health.get', {});
  expect(res.ok, 'health.get answered').toBe(true);
  const names = (res.value as { stages: { name: string }[] }).stages.map((s) => s.name);
  expect(names.length).toBeGreaterThan(0);
  for (const g of Object.keys(GROUPS) as Group[]) expect(names.some((n) => GROUPS[g].test(n)), `a ${g} component`).toBe(true);
  await expect.poll(async () => (await tableRows(page)).map((r) => r.name)).toEqual(names);
  for (const n of names) {
    await expect(page.getByTestId(`health-status-${n}`)).toHaveText(/^(idle|ok|degraded|failed)$/);
    await expect(page.getByTestId(`health-processed-${n}`)).toHaveText(/^[\d,]+$/);
  }
  await expect(page.getByTestId('health-process')).toContainText('Heap');
  await expect(page.getByTestId('alerts-active')).toBeVisible();

  // snapshot 1, then play at max speed (the drawer stays open; the toolbar is not covered)
  const before = await tableRows(page);
  await page.getByTestId('speed-max').click();
  await page.getByTestId('play').click();

  // snapshot 2: every group processed more, and showed a rate (over the last ~5 s) while doing it
  const seen: Record<Group, number> = { replay: 0, bars: 0, indicators: 0 };
  await expect.poll(async () => {
    const now = await tableRows(page);
    for (const g of Object.keys(GROUPS) as Group[]) seen[g] = Math.max(seen[g], groupSum(now, g, 'perSec'));
    return (Object.keys(GROUPS) as Group[]).filter((g) => !(groupSum(now, g, 'processed') > groupSum(before, g, 'processed') && seen[g] > 0));
  }, { timeout: 30_000, intervals: [100], message: 'components whose count or rate did not grow' }).toEqual([]);
  const after = await tableRows(page);
  for (const r of after) expect(r.processed, r.name).toBeGreaterThanOrEqual(before.find((b) => b.name === r.name)?.processed ?? 0);
  await expect(page.getByTestId('health-status-replay')).toHaveText(/^(ok|idle)$/);
  await page.screenshot({ path: join(SCREENSHOTS, 'health.png') });

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('health-panel')).toHaveCount(0);
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});

const rowLevels = (page: Page) => page.getByTestId('log-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
const rowCount = async (page: Page) => Number((await page.getByTestId('log-count').textContent())!.replace(/[^\d]/g, ''));

test('the log view tails the engine log, filters by level and narrows by search', async ({ app: { page, errors } }) => {
  await waitForBars(page); // the bundled sample has been imported: its records are in the log
  await page.locator('body').press('g');
  await expect(page.getByTestId('log-panel')).toBeVisible();
  await expect(page.getByTestId('log-level')).toHaveValue('info');
  await expect.poll(() => rowCount(page)).toBeGreaterThan(0);
  await expect.poll(async () => (await rowLevels(page)).includes('info'), { message: 'info records shown' }).toBe(true);
  expect(await rowLevels(page)).not.toContain('debug');
  await expect(page.getByTestId('log-row').first()).toHaveText(/^\d{2}:\d{2}:\d{2}\.\d{3}/);
  const all = await rowCount(page);

  // warn and above: no info record left
  await page.getByTestId('log-level').selectOption('warn');
  await expect.poll(async () => (await rowLevels(page)).filter((l) => l === 'info' || l === 'debug')).toEqual([]);
  expect(await rowCount(page)).toBeLessThan(all);

  // back to info, then a word from a shown message narrows the list to records containing it
  await page.getByTestId('log-level').selectOption('info');
  await expect.poll(() => rowCount(page)).toBeGreaterThanOrEqual(all);
  const msg = (await page.getByTestId('log-row').first().locator('.m').textContent())!;
  const word = msg.split(/[^A-Za-z]+/).filter((w) => w.length >= 4).sort((a, b) => b.length - a.length)[0]!;
  await page.getByTestId('log-search').fill(word);
  await expect.poll(() => rowCount(page)).toBeLessThan(all);
  expect(await rowCount(page)).toBeGreaterThan(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'logs.png') });
  await page.getByTestId('log-search').fill('no-such-text-in-any-record');
  await expect(page.getByTestId('log-empty')).toBeVisible();
  await expect(page.getByTestId('log-row')).toHaveCount(0);

  await page.getByTestId('log-search').fill('');
  await expect.poll(() => rowCount(page)).toBeGreaterThanOrEqual(all);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('log-panel')).toHaveCount(0);
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});
