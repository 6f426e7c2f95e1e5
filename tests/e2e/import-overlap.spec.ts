// Stored data never changes silently, in the app (issue 16): a second file overlapping stored NQ bars
// with five other closes keeps the stored bars and says so; the trader confirms Replace, and the file's
// bars take their place — checked against the engine's own bars.get. The same for a tick file over
// stored ticks: refused with the overlap, then the stored ticks in its span replaced after a confirmation.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, waitForBars, REPO, SCREENSHOTS } from './fixtures.ts';
import { zipEntries, zipRead } from '../../src-main/engine/feed/zip.ts';

const NQ = readFileSync(join(REPO, '../shared/data/firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), 'utf8').trim().split('\n');
const CHANGED = [10, 200, 400];

test('overlapping import: stored bars kept and listed, then replaced after a confirmation', async ({ app: { page } }) => {
  const dir = mkdtempSync(join(tmpdir(), 'algospace-overlap-e2e-'));
  const a = join(dir, 'NQ_a.csv'), b = join(dir, 'NQ_b.csv');
  writeFileSync(a, [NQ[0], ...NQ.slice(1, 1001)].join('\n') + '\n');
  writeFileSync(b, [NQ[0], ...NQ.slice(501, 1501).map((r, i) => {
    if (!CHANGED.includes(i)) return r;
    const f = r.split(',');
    f[4] = String(Number(f[4]) + 0.25); // close
    f[2] = String(Math.max(Number(f[2]), Number(f[4]))); // high holds it
    return f.join(',');
  })].join('\n') + '\n');
  await waitForBars(page);
  const importPath = async (path: string) => {
    await page.getByTestId('import-path').fill(path);
    await page.getByTestId('import-path').press('Tab');
    await expect(page.getByTestId('import-inspection')).toBeVisible();
    await page.getByTestId('import-button').click();
    await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 45_000 });
  };
  await importPath(a);
  await expect(page.getByTestId('rows-stored')).toHaveText('1,000');
  await importPath(b);
  await expect(page.getByTestId('bars-differing')).toContainText('3 kept as stored');
  await expect(page.getByTestId('import-result')).toContainText('is stored with other values');
  // the engine's own stored 1m bars (the contract's bars.get), the row of file b's line i
  const closeAt = async (i: number) => page.evaluate(async (k) => {
    const res = await (window.__algospace as unknown as { call(n: string, q: unknown): Promise<{ ok: boolean; value?: { bars: { c: number[] } } }> })
      .call('bars.get', { symbol: 'NQ', timeframe: '1m' });
    return res.value!.bars.c[k]!;
  }, 500 + i);
  const before = await Promise.all(CHANGED.map(closeAt));
  await page.screenshot({ path: join(SCREENSHOTS, 'import-overlap.png') });
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('replace-stored').click();
  await expect(page.getByTestId('bars-differing')).toContainText('3 replaced', { timeout: 45_000 });
  const after = await Promise.all(CHANGED.map(closeAt));
  after.forEach((c, k) => expect(c).toBeCloseTo(before[k]! + 0.25, 9));
});

test('a tick file over stored ticks: refused with the overlap, then replaced after a confirmation', async ({ app: { page } }) => {
  // real SPY trades of 2013-10-09 (not in the bundled sample) as two tick CSVs that overlap by 1,500 trades
  const buf = readFileSync(join(REPO, '../shared/data/lean/equity/usa/tick/spy/20131009_trade.zip'));
  const day = Date.UTC(2013, 9, 9) + 4 * 3_600_000; // midnight New York (EDT) in UTC
  const rows = zipRead(buf, zipEntries(buf)[0]!).toString('latin1').split('\n').map((l) => l.split(','))
    .filter((f) => f.length >= 6 && Number(f[0]) >= 36_000_000).slice(0, 4500) // from 10:00
    .map((f) => ({ t: day + Number(f[0]), p: Number(f[1]) / 10_000, s: Number(f[2]) }));
  const dir = mkdtempSync(join(tmpdir(), 'algospace-tick-replace-e2e-'));
  const write = (name: string, xs: typeof rows) => {
    const p = join(dir, name);
    writeFileSync(p, ['time,price,size', ...xs.map((x) => `${new Date(x.t).toISOString()},${x.p},${x.s}`)].join('\n') + '\n');
    return p;
  };
  const a = write('SPY_a.csv', rows.slice(0, 3000));
  const b = write('SPY_b.csv', rows.slice(1500).map((x) => ({ ...x, p: Math.round((x.p + 0.1) * 100) / 100 })));
  await waitForBars(page);
  const importPath = async (path: string) => {
    await page.getByTestId('import-path').fill(path);
    await page.getByTestId('import-button').click();
  };
  await importPath(a);
  await expect(page.getByTestId('rows-stored')).toHaveText('3,000', { timeout: 45_000 });
  await importPath(b);
  const refusal = page.getByRole('alert').filter({ hasText: 'SPY already has ticks stored for 2013-10-09' });
  await expect(refusal).toContainText('import with --replace', { timeout: 45_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'import-ticks-overlap.png') });
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('replace-ticks').click();
  await expect(page.getByTestId('rows-stored')).toHaveText('3,000', { timeout: 45_000 });
  await expect(page.getByTestId('import-result')).toContainText('the stored ticks for 2013-10-09');
  await expect(page.getByTestId('import-result')).toContainText('1,500 of SPY_a.csv');
});
