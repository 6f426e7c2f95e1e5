// The config editor on the real app: a form generated from the schema, Apply only for a valid
// change, inline errors with the exact path and reason, the raw YAML tab, history, source badges,
// and edits of config.yaml on disk (picked up, or refused with a banner).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, SCREENSHOTS } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

const RPT = 'risk.risk_per_trade';

async function openRisk(page: Page): Promise<void> {
  await page.getByTestId('open-config').click();
  await expect(page.getByTestId('config-panel')).toBeVisible();
  await expect(page.getByTestId('config-path')).toHaveText(/config\.yaml$/);
  const group = page.getByTestId('cfg-group-risk');
  if (!(await group.evaluate((d) => (d as HTMLDetailsElement).open))) await group.locator('summary').first().click();
  await expect(page.getByTestId(`cfg-${RPT}`)).toBeVisible();
}

test('a risk parameter changed in the form is applied, written to config.yaml and recorded', async ({ app: { page, errors } }) => {
  // the key C opens the panel and Esc closes it
  await page.locator('body').press('c');
  await expect(page.getByTestId('config-panel')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('config-panel')).toHaveCount(0);

  await openRisk(page);
  const input = page.getByTestId(`cfg-${RPT}`);
  const apply = page.getByTestId('config-apply');
  await expect(input).toHaveValue('0.01');
  await expect(page.getByTestId(`src-${RPT}`)).toHaveText('file'); // the engine writes every default on first start
  await expect(apply).toBeDisabled(); // nothing changed yet

  await input.fill('0.02');
  await expect(page.getByTestId('config-status')).toHaveText('1 unsaved change · valid');
  await expect(apply).toBeEnabled();
  await apply.click();
  await expect(page.getByTestId('config-notice')).toContainText('Applied 1 change');
  await expect(page.getByTestId(`src-${RPT}`)).toHaveText('file');
  await expect(apply).toBeDisabled();
  await expect(page.getByTestId('config-history')).toContainText(`${RPT} 0.01 → 0.02`);
  await expect(page.getByTestId('config-history')).toContainText('editor');

  // written to disk, and what config.get returns after a reload
  const path = (await page.getByTestId('config-path').textContent())!;
  const text = readFileSync(path, 'utf8');
  expect(text).toMatch(/^ {2}risk_per_trade: 0\.02$/m);
  expect(text).toMatch(/^# AlgoSpace Workstation configuration/); // only the edited line changed: comments stay
  await page.reload();
  await openRisk(page);
  await expect(page.getByTestId(`cfg-${RPT}`)).toHaveValue('0.02');
  await expect(page.getByTestId(`src-${RPT}`)).toHaveText('file');
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});

test('an out-of-range value shows the path and reason inline and Apply stays disabled', async ({ app: { page } }) => {
  await openRisk(page);
  const input = page.getByTestId(`cfg-${RPT}`);
  const err = page.getByTestId(`err-${RPT}`);
  const apply = page.getByTestId('config-apply');

  await input.fill('-1');
  await expect(err).toContainText(RPT);
  await expect(err).toContainText('≥ 0');
  await expect(apply).toBeDisabled();

  await input.fill('5');
  await expect(err).toContainText(RPT);
  await expect(err).toContainText('≤ 1');
  await expect(err).toContainText('5');
  await expect(page.getByTestId('config-status')).toHaveText('1 unsaved change · 1 problem');
  await expect(apply).toBeDisabled();
  await expect(page.getByTestId('cfg-group-risk').locator('summary')).toContainText('1 error');
  await page.screenshot({ path: join(SCREENSHOTS, 'config.png') });

  await page.getByTestId('config-revert').click();
  await expect(input).toHaveValue('0.02');
  await expect(err).toHaveCount(0);
  await expect(apply).toBeDisabled();
});

test('a YAML syntax error in the raw tab is listed and blocks Apply', async ({ app: { page } }) => {
  await openRisk(page);
  await page.getByTestId('config-tab-yaml').click();
  const yaml = page.getByTestId('config-yaml');
  await expect(yaml).toHaveValue(/risk_per_trade: 0\.02/);
  await yaml.fill('risk:\n  risk_per_trade: [0.03\n');
  await expect(page.getByTestId('config-problems')).toBeVisible();
  await expect(page.getByTestId('config-problems')).toContainText(/line \d+/);
  await expect(page.getByTestId('config-apply')).toBeDisabled();
  await page.screenshot({ path: join(SCREENSHOTS, 'config-yaml.png') });

  // the form cannot show these edits: read-only until they are discarded
  await page.getByTestId('config-tab-form').click();
  await expect(page.getByTestId('config-form-locked')).toBeVisible();
  await expect(page.getByTestId(`cfg-${RPT}`)).toBeDisabled();
  await page.getByTestId('config-form-locked').getByRole('button').click();
  await expect(page.getByTestId(`cfg-${RPT}`)).toBeEnabled();

  // a valid raw edit applies like a form edit
  await page.getByTestId('config-tab-yaml').click();
  await yaml.fill('version: 1\nrisk:\n  risk_per_trade: 0.015\n');
  await expect(page.getByTestId('config-apply')).toBeEnabled();
  await page.getByTestId('config-apply').click();
  await expect(page.getByTestId('config-notice')).toContainText('Applied 1 change');
  await page.getByTestId('config-tab-form').click();
  await expect(page.getByTestId(`cfg-${RPT}`)).toHaveValue('0.015');
});

test('edits of config.yaml on disk are picked up, and a bad one is refused with a banner', async ({ app: { page } }) => {
  await openRisk(page);
  const path = (await page.getByTestId('config-path').textContent())!;
  // an unsaved edit in the form survives a change on disk and sits on top of it
  await page.getByTestId('cfg-risk.max_open_positions').fill('2');
  await expect(page.getByTestId('config-status')).toHaveText('1 unsaved change · valid');
  writeFileSync(path, 'version: 1\nrisk:\n  risk_per_trade: 0.025\n  max_contracts: 3\n');
  await expect(page.getByTestId(`cfg-${RPT}`)).toHaveValue('0.025', { timeout: 10_000 });
  await expect(page.getByTestId('cfg-risk.max_contracts')).toHaveValue('3');
  await expect(page.getByTestId('src-risk.max_contracts')).toHaveText('file');
  await expect(page.getByTestId('src-risk.max_open_positions')).toHaveText('default'); // no longer in the file
  await expect(page.getByTestId('cfg-risk.max_open_positions')).toHaveValue('2');
  await expect(page.getByTestId('config-notice')).toContainText('changed on disk');
  await expect(page.getByTestId('config-status')).toHaveText('1 unsaved change · valid');
  await expect(page.getByTestId('config-history')).toContainText(`${RPT} 0.015 → 0.025`);
  await page.getByTestId('config-revert').click();
  await expect(page.getByTestId('cfg-risk.max_open_positions')).toHaveValue('1');

  writeFileSync(path, 'version: 1\nrisk:\n  risk_per_trade: 7\n');
  const banner = page.getByTestId('config-rejected');
  await expect(banner).toContainText('config.yaml on disk was refused', { timeout: 10_000 });
  await expect(banner).toContainText(RPT);
  await expect(banner).toContainText('the previous config stays in force');
  await expect(page.getByTestId(`cfg-${RPT}`)).toHaveValue('0.025');
  await expect(page.getByTestId('open-config')).toContainText('⚠');
  await page.screenshot({ path: join(SCREENSHOTS, 'config-rejected.png') });

  // a good file again: the banner goes and the defaults are back (later specs share this server)
  writeFileSync(path, 'version: 1\n');
  await expect(banner).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByTestId(`cfg-${RPT}`)).toHaveValue('0.01');
  await expect(page.getByTestId(`src-${RPT}`)).toHaveText('default');
});
