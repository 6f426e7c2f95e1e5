// Long work never goes quiet (issue 17 point 5), in the app: an import shows its phase, rows/s and time
// left with a Cancel button; a cancelled import leaves nothing stored (instruments and imports as
// before); the same file imported again runs through every phase to its result; a profile switch shows
// the recompute of the stored indicator values where the profile was switched.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, waitForBars, REPO, SCREENSHOTS } from './fixtures.ts';

const FILE = join(REPO, '../shared/data/nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'); // 45,031 1m bars

test.use({ viewport: { width: 1280, height: 720 } });

type Call = (n: string, q: unknown) => Promise<{ ok: boolean; value?: unknown }>;
const call = (page: Page, name: string) => page.evaluate(async (n) => {
  const res = await (window.__algospace as unknown as { call: Call }).call(n, {});
  return res.value;
}, name);

/** every data-phase a job line of `testid` showed, recorded in the page */
async function recordPhases(page: Page, testid: string): Promise<void> {
  await page.evaluate((id) => {
    const seen: string[] = [];
    (window as unknown as { __phases: string[] }).__phases = seen;
    const look = () => {
      const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      const ph = el?.dataset.state === 'running' ? el.dataset.phase : undefined;
      if (ph && seen.at(-1) !== ph) seen.push(ph);
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase', 'data-state'] });
  }, testid);
}
const phases = (page: Page) => page.evaluate(() => (window as unknown as { __phases: string[] }).__phases);

test('import: phases, rows/s, time left; Cancel stores nothing; the next one finishes; a profile switch shows its recompute', async ({ app: { page } }) => {
  test.setTimeout(180_000);
  await waitForBars(page);
  const instrumentsBefore = await call(page, 'instruments.list');
  const importsBefore = await call(page, 'imports.list');

  await page.getByTestId('import-path').fill(FILE);
  await page.getByTestId('import-path').press('Tab');
  await expect(page.getByTestId('import-inspection')).toContainText('BTC-PERP');
  await recordPhases(page, 'import-job');
  await page.getByTestId('import-button').click();
  const job = page.getByTestId('import-job');
  await expect(job).toHaveAttribute('data-phase', 'indicators', { timeout: 60_000 });
  await expect(page.getByTestId('import-job-eta')).toHaveText(/^(<1|\d+) s left$|^\d+ m \d\d s left$/, { timeout: 20_000 });
  await expect(job).toContainText(/of 9,007 bars · [\d,]+ rows\/s/);
  await expect(page.getByTestId('import-progress')).toBeInViewport();
  await page.screenshot({ path: join(SCREENSHOTS, 'progress-import.png') });
  await page.getByTestId('import-job-cancel').click();
  await expect(job).toHaveAttribute('data-state', 'cancelled', { timeout: 20_000 });
  await expect(job).toContainText('cancelled: nothing of it was stored');
  await expect(page.getByTestId('import-result')).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'progress-import-cancelled.png') });
  expect(await call(page, 'instruments.list')).toEqual(instrumentsBefore);
  expect(await call(page, 'imports.list')).toEqual(importsBefore);
  expect((await phases(page)).slice(-1)).toEqual(['indicators']);

  // the same file again, to its end: every phase shown, then the result
  await recordPhases(page, 'import-job');
  await page.getByTestId('import-button').click();
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('rows-stored')).toHaveText('45,031');
  await expect(job).toHaveAttribute('data-state', 'done');
  await expect(job).toContainText('45031 rows stored');
  expect(await phases(page)).toEqual(expect.arrayContaining(['bars', 'indicators', 'writing']));
  expect((await call(page, 'instruments.list') as { symbol: string }[]).map((i) => i.symbol)).toContain('BTC-PERP');

  // a profile switch recomputes every instrument's stored indicator values: shown under the profile buttons
  const other = (await page.getByTestId('profile-spec').getAttribute('aria-pressed')) === 'true' ? 'active' : 'spec';
  await page.getByTestId(`profile-${other}`).click();
  const re = page.getByTestId('recompute-job');
  await expect(re).toHaveAttribute('data-phase', 'indicators', { timeout: 30_000 });
  await expect(re).toContainText(/instruments\)/);
  await expect(page.getByTestId('recompute-job-cancel')).toBeVisible();
  await expect(page.getByTestId('recompute-job-eta')).toHaveText(/ left$/, { timeout: 20_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'progress-recompute.png') });
  await expect(re).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(re).toContainText(/Indicator values of \d+ instruments? recomputed/);
  await expect(re).not.toContainText(/instruments\)/); // the running part's label ("NQ (2 of 3 instruments)") is gone
  await expect(page.getByTestId(`profile-${other}`)).toHaveAttribute('aria-pressed', 'true');
});
