// Issue 5: "an injected model failure shows degraded and an alert". The server starts with
// ALGOSPACE_MODEL pointing at a file that is not an ONNX model: the engine falls back to the rule path,
// the health drawer shows the decision stage degraded with the reason, and the alert is active (and
// toasted). Then a healthy server on the same database clears it: the alert moves to the history.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { expect, startServer, stopServer, waitForBars, SCREENSHOTS } from './fixtures.ts';

base('a corrupt decision model: decision stage degraded, an alert, rule path named in the health drawer', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'algospace-e2e-model-'));
  const bad = join(dir, 'broken.onnx');
  writeFileSync(bad, 'not an onnx model');
  const { server } = await startServer(dir, { ALGOSPACE_MODEL: bad });
  try {
    await page.goto(server.url);
    await waitForBars(page);
    await page.locator('body').press('h');
    await expect(page.getByTestId('health-panel')).toBeVisible();
    await expect(page.getByTestId('health-status-decision')).toHaveText('degraded', { timeout: 15_000 });
    await expect(page.getByTestId('health-row-decision')).toContainText('model_corrupt');
    const alert = page.getByTestId('alerts-active').getByTestId('alert-fallback:decision');
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(alert).toContainText('rule path in use');
    await page.screenshot({ path: join(SCREENSHOTS, 'model-failure.png') });
  } finally {
    await stopServer(server.proc);
  }

  // the same database with the real model: the stage recovers and the alert is cleared
  const again = await startServer(dir);
  try {
    await page.goto(again.server.url);
    await waitForBars(page);
    await page.locator('body').press('h');
    await expect(page.getByTestId('health-status-decision')).not.toHaveText('degraded', { timeout: 15_000 });
    await expect(page.getByTestId('alerts-active').getByTestId('alert-fallback:decision')).toHaveCount(0, { timeout: 15_000 });
  } finally {
    await stopServer(again.server.proc);
    rmSync(dir, { recursive: true, force: true });
  }
});
