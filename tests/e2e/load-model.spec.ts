// Issue 14: "models the trader can bring and see". The Model drawer (O) shows the live model — file,
// SHA-256, its card's sentence, data sources, walk-forward results or their absence, caveats. Typing
// the path of a bit-flipped copy (its card beside it) is refused with the checksum named, and the
// shipped model stays in use; a valid copy then loads and the panel shows it.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { expect, REPO, SCREENSHOTS, startServer, stopServer, waitForBars } from './fixtures.ts';
import { flipWeightBit } from '../unit/engine/decision/helpers.ts';

const SHIPPED = join(REPO, 'models/decision.onnx');
const CARD = join(REPO, 'models/decision.card.json');

base('Model drawer: the card is shown; a bit-flipped copy is refused by its checksum, a valid copy loads', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'algospace-e2e-load-model-'));
  const flipped = join(dir, 'flipped.onnx');
  writeFileSync(flipped, flipWeightBit(readFileSync(SHIPPED)).flipped);
  copyFileSync(CARD, join(dir, 'flipped.card.json'));
  const card = JSON.parse(readFileSync(CARD, 'utf8')) as { summary?: string; data: { sources: { id: string }[] }; walk_forward?: unknown; caveats: string[] };
  // the valid copy's card: the shipped one, with a made-up walk-forward section when it has none, so
  // the layout of the folds is seen (its summary says it is not a result)
  const copy = join(dir, 'mine.onnx');
  copyFileSync(SHIPPED, copy);
  writeFileSync(join(dir, 'mine.card.json'), JSON.stringify(card.walk_forward ? card : withMadeUpWalkForward(card)));

  // the shipped model at start-up, whatever this shell's environment names
  const { server } = await startServer(dir, { ALGOSPACE_MODEL: '' });
  try {
    await page.goto(server.url);
    await waitForBars(page);
    await page.locator('body').press('o');
    const panel = page.getByTestId('model-panel');
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('model-status')).toHaveText('in use');
    await expect(page.getByTestId('model-file')).toHaveText(SHIPPED);
    await expect(page.getByTestId('model-card-check')).toContainText('checksum');
    if (card.summary) await expect(page.getByTestId('model-summary')).toHaveText(card.summary);
    else await expect(page.getByTestId('model-summary')).toContainText('no summary');
    for (const s of card.data.sources) await expect(page.getByTestId('model-sources')).toContainText(s.id);
    if (card.walk_forward) await expect(page.getByTestId('model-wf-pooled').getByTestId('model-wf-row')).toHaveCount(3);
    else await expect(page.getByTestId('model-no-wf')).toContainText('no walk-forward evaluation');
    await expect(page.getByTestId('model-caveats').locator('li')).toHaveCount(card.caveats.length);
    const sha = await page.getByTestId('model-sha').textContent();
    expect(sha).toMatch(/^[0-9a-f]{64}$/);

    // Enter submits: the flipped copy is refused, the shipped model stays
    await page.getByTestId('model-path').fill(flipped);
    await page.getByTestId('model-path').press('Enter');
    await expect(page.getByTestId('model-problem')).toContainText('checksum');
    await expect(page.getByTestId('model-problem')).toContainText('flipped.onnx');
    await expect(page.getByTestId('model-status')).toHaveText('in use · last load refused');
    await expect(page.getByTestId('model-file')).toHaveText(SHIPPED);
    await expect(page.getByTestId('model-sha')).toHaveText(sha!);
    await page.screenshot({ path: join(SCREENSHOTS, 'model-refused.png') });

    await page.getByTestId('model-path').fill(copy);
    await page.getByTestId('model-load').click();
    await expect(page.getByTestId('model-file')).toHaveText(copy);
    await expect(page.getByTestId('model-status')).toHaveText('in use');
    await expect(page.getByTestId('model-problem')).toHaveCount(0);
    await expect(page.getByTestId('model-sha')).toHaveText(sha!);
    await expect(page.getByTestId('model-wf-pooled').getByTestId('model-wf-row')).toHaveCount(3);
    await expect(page.getByTestId('model-wf-folds').getByTestId('model-wf-fold')).not.toHaveCount(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'model-panel.png') });
    await page.getByTestId('model-wf-folds').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'model-walk-forward.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(SCREENSHOTS, 'model-panel-1280.png') });

    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
  } finally {
    await stopServer(server.proc);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Out-of-sample scores with plausible shapes (numbers made up for the layout, not a result). */
function scores(n: number, k: number) {
  const ci = (x: number, w: number): [number, number] => [x - w, x + w];
  return {
    n, positives: Math.round(n * 0.4), brier_skill: 0.02 * k, brier_skill_ci95: ci(0.02 * k, 0.05), auc: 0.55 + 0.01 * k, auc_ci95: ci(0.55 + 0.01 * k, 0.06),
    log_loss: 0.68, log_loss_ci95: ci(0.68, 0.02), selected: Math.round(n / 2), selected_expectancy_r: 0.05 * k - 0.1, selected_expectancy_r_ci95: ci(0.05 * k - 0.1, 0.3),
    take_all_expectancy_r: -0.12, take_all_expectancy_r_ci95: ci(-0.12, 0.2), value_added_r: 0.05 * k + 0.02, value_added_r_ci95: ci(0.05 * k + 0.02, 0.15), calibration: [],
  };
}

function withMadeUpWalkForward(card: object): object {
  const folds = [1, 2, 3, 4].map((i) => ({
    fold: i, train: { from: '2006-01-02T00:00:00Z', to: `202${i}-01-01T00:00:00Z`, n: 100 * i }, test: { from: `202${i}-01-08T00:00:00Z`, to: `202${i + 1}-01-01T00:00:00Z`, n: 40 },
    lambda: 10, threshold: 0.45, scores: scores(40, i - 2),
  }));
  return {
    ...card, summary: 'Test card for the e2e layout check: the walk-forward numbers below are made up, not a result.',
    walk_forward: {
      scheme: 'expanding window, 4 folds by decision time; training samples whose trade is still open at the test start are purged',
      embargo_bars: 12, folds, pooled: scores(160, 1), pooled_5m: scores(30, -1), pooled_30m: scores(130, 2),
    },
  };
}
