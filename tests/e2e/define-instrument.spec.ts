// Issue 13, the trader's flow: a file of an instrument nobody defined (Binance ADABTC 1m klines) is
// not stored; the import form asks for the definition with the engine's guesses filled in; the trader
// fixes tick, point value and currency; the definition lands in config.yaml and the file is imported;
// the instruments list shows the values given.
// It runs on a server of its own: the instrument it defines must not become another spec's selection.
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { test, expect, waitForBars, SCREENSHOTS, REPO, startServer, stopServer } from './fixtures.ts';

const ADA_FILE = join(REPO, '../shared/data/nautilus_trader/binance/ADABTC-1m-2021-11-28.csv');

test('an unknown instrument is defined in the import form, then imported and listed', async ({ browser }) => {
  const { server, dir } = await startServer();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.goto(server.url);
    await defineAndImport(page, errors);
  } finally {
    await page.close();
    await stopServer(server.proc);
    rmSync(dir, { recursive: true, force: true });
  }
});

async function defineAndImport(page: import('@playwright/test').Page, errors: string[]): Promise<void> {
  await waitForBars(page);
  await page.getByTestId('import-file').setInputFiles(ADA_FILE);
  const form = page.getByTestId('instrument-form');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('import-inspection')).toContainText('not defined yet');
  // the guesses: symbol from the file name, a satoshi tick from the prices, crypto quoted in BTC
  await expect(page.getByTestId('def-symbol')).toHaveValue('ADABTC');
  await expect(page.getByTestId('def-kind')).toHaveValue('crypto');
  await expect(page.getByTestId('def-tick')).toHaveValue('0.00000001');
  await expect(page.getByTestId('def-currency')).toHaveValue('BTC');
  await expect(page.getByTestId('def-calendar')).toHaveValue('crypto-24x7');
  await expect(page.getByTestId('import-button')).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'define-instrument.png') });

  // a bad value is caught under its field before anything is sent
  await page.getByTestId('def-tick').fill('0');
  await page.getByTestId('def-import').click();
  await expect(page.getByTestId('def-err-tick_size')).toHaveText('must be > 0');
  await expect(page.getByTestId('instruments-list')).not.toContainText('ADABTC');

  await page.getByTestId('def-tick').fill('0.0000001');
  await page.getByTestId('def-point').fill('10');
  await page.getByTestId('def-currency').fill('usdt');
  await page.getByTestId('def-bps').fill('7.5');
  await page.screenshot({ path: join(SCREENSHOTS, 'define-instrument-filled.png') });
  await page.getByTestId('def-import').click();

  const result = page.getByTestId('import-result');
  await expect(result).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('rows-stored')).toHaveText('11');
  await expect(form).toHaveCount(0);
  const row = page.getByTestId('instrument-ADABTC');
  await expect(row.getByTestId('inst-currency')).toHaveText('USDT');
  await expect(row.getByTestId('inst-tick')).toHaveText('0.0000001');
  await expect(row.getByTestId('inst-point')).toHaveText('10');
  await expect(row.getByTestId('inst-commission')).toHaveText('7.5 bps');
  // and it is in the config, as the trader's own entry
  const cfg = await page.evaluate(() => (window as unknown as { __algospace: { call(n: string, r: unknown): Promise<{ ok: boolean; value: { yaml: string } }> } }).__algospace.call('config.get', {}));
  expect(cfg.value.yaml).toMatch(/instruments:\n {2}- symbol: ADABTC\n(.*\n)*? {4}tick_size: 1e-7\n/);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'define-instrument-listed.png') });

  // Played, it charts and replays; it is not traded, and the queue says why (USDT has no stated rate
  // into the USD account): one instrument's missing economics never stops the replay
  await page.getByTestId('symbol').selectOption('ADABTC');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('not-trading')).toContainText('ADABTC is replayed without trading: ADABTC is quoted in USDT and the account is in USD: add risk.fx_rates.USDT');
  await expect.poll(() => page.evaluate(() => window.__algospace?.barCount() ?? 0)).toBeGreaterThan(0);
  await page.getByTestId('not-trading').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'define-instrument-not-trading.png') });
  expect(errors).toEqual([]);
}
