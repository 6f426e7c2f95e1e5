// The shipped model and its card: the card parses with the contract, names the file's SHA-256,
// and reports a walk-forward evaluation.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { ModelCard } from '../../../src-shared/model-card.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { applyProfile } from '../../../src-shared/profiles.ts';

const models = resolve(import.meta.dirname, '../../../models');

describe('models/decision.card.json', () => {
  const card = ModelCard.parse(JSON.parse(readFileSync(resolve(models, 'decision.card.json'), 'utf8')));
  it("parses, and its model.sha256 is decision.onnx's", () => {
    const sha = createHash('sha256').update(readFileSync(resolve(models, 'decision.onnx'))).digest('hex');
    expect(card.model.sha256).toBe(sha);
    expect(card.model.bytes).toBe(readFileSync(resolve(models, 'decision.onnx')).length);
  });
  it('states a walk-forward result and a summary sentence', () => {
    expect(card.walk_forward!.folds.length).toBeGreaterThan(0);
    expect(card.walk_forward!.pooled.n).toBe(card.walk_forward!.folds.reduce((a, f) => a + f.test.n, 0));
    expect(card.walk_forward!.pooled.calibration.every((b) => b.hit_rate_ci95 !== undefined)).toBe(true);
    expect(card.summary).toMatch(/^Out of sample over (\d+ walk-forward folds|one walk-forward fold)/);
  });
  it("is the threshold the 'active' profile decides with (chosen by the walk-forward procedure, not read off the model's output)", () => {
    const threshold = (card as unknown as { threshold: { recommended: number } }).threshold.recommended;
    expect(card.profile).toBe('active');
    expect(applyProfile(DEFAULT_CONFIG, 'active', DEFAULT_CONFIG).decision.threshold).toBe(threshold);
  });
});
