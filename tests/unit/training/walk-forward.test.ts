// The walk-forward evaluation on synthetic samples: λ and threshold come from the training window
// only, the shipped fit uses the same inner choice, and the card it makes parses with the contract.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src-main/engine/indicators/prng.ts';
import { sigmoid } from '../../../src-main/engine/training/logistic.ts';
import { walkForward, type WalkForwardOptions, type WalkSample } from '../../../src-main/engine/training/walk-forward.ts';
import { chooseThreshold } from '../../../src-main/engine/training/select.ts';
import { walkForwardSection, summarySentence } from '../../../src-main/engine/training/wf-card.ts';
import { shipModel } from '../../../src-main/engine/training/ship.ts';
import { buildCard } from '../../../src-main/engine/training/card-build.ts';
import { logisticModelBytes } from '../../../src-main/engine/decision/onnx-writer.ts';
import { ModelCard } from '../../../src-shared/model-card.ts';

const H = 3_600_000;

/** n samples 2 h apart, d features, the label leaning on feature 0; every 3rd at the 5m step */
function samples(n: number, seed: number, d = 41): WalkSample[] {
  const u = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const x = Float64Array.from({ length: d }, () => 2 * u() - 1);
    const y: 0 | 1 = u() < sigmoid(1.5 * x[0]! - 0.3) ? 1 : 0;
    return { time: i * 2 * H, knownAt: i * 2 * H + Math.floor(u() * 30) * H, x, y, r: y ? 1.5 : -1, mode: i % 3 ? '30m' : '5m', source: i % 3 ? 'a' : 'b' };
  });
}

const O: WalkForwardOptions = {
  outer: { minTrainFraction: 0.3, minTestSize: 80, maxFolds: 5, embargoMs: 50 * H },
  select: { lambdas: [1, 10, 100], minSelected: 20, minSelectedFraction: 0.2, inner: { minTrainFraction: 0.5, minTestSize: 30, maxFolds: 3, embargoMs: 50 * H } },
  resamples: 200,
};

describe('walkForward', () => {
  const base = samples(600, 7, 6);
  const wf = walkForward(base, O);

  it('scores every test sample once, pooled and per step', () => {
    expect(wf.folds.length).toBe(5);
    const tested = wf.folds.reduce((a, f) => a + f.test.n, 0);
    expect(wf.pooled.n).toBe(tested);
    expect(wf.pooled_5m.n + wf.pooled_30m.n).toBe(tested);
    expect(wf.pooled.auc!).toBeGreaterThan(0.6); // the synthetic signal is found out of sample
  });

  it("a fold's λ and threshold do not change when its test samples (labels, features, R) change", () => {
    for (const f of [wf.folds[0]!, wf.folds[3]!]) {
      const first = base.findIndex((s) => s.time === f.test.from);
      const u = mulberry32(f.fold);
      const changed = base.map((s, i) => (i < first ? s : {
        ...s, y: (1 - s.y) as 0 | 1, r: s.y ? -1 : 1.5, x: Float64Array.from(s.x, () => 10 * u() - 5),
      }));
      const again = walkForward(changed, O).folds[f.fold - 1]!;
      expect(again.hyper.lambda).toBe(f.hyper.lambda);
      expect(again.hyper.threshold).toBe(f.hyper.threshold);
      expect(again.train).toEqual(f.train);
    }
  });

  it('the threshold rule: highest mean R with enough selected, ties to the lower cut, 0 = take all', () => {
    expect(chooseThreshold([0.2, 0.4, 0.6, 0.8], [-1, -1, 1.5, 1.5], 2)).toEqual({ threshold: 0.41, selected: 2, meanR: 1.5 });
    expect(chooseThreshold([0.2, 0.4, 0.6, 0.8], [-1, -1, 1.5, 1.5], 3).threshold).toBe(0.21);
    expect(chooseThreshold([0.5, 0.5], [1, -1], 1)).toEqual({ threshold: 0, selected: 2, meanR: 0 });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(walkForward(base, O).pooled)).toBe(JSON.stringify(wf.pooled));
  });

  it('makes a card that parses with ModelCard', () => {
    const scheme = { outer: O.outer, select: O.select, embargoBars: 100 };
    const full = samples(400, 8); // the 41 features the ONNX layout needs
    const section = walkForwardSection(walkForward(full, O), scheme);
    const ship = shipModel(full, O.select);
    const runs = [{ profile: 'active' as const, samples: full, reports: [], wf: section, summary: summarySentence(section, 'active') }];
    const card = buildCard({ runs, shipped: 'active', ship, bytes: logisticModelBytes(ship.spec), maxDiff: 0, tolerance: 1e-5, scheme });
    const parsed = ModelCard.safeParse(JSON.parse(JSON.stringify(card)));
    expect(parsed.success).toBe(true);
    expect(parsed.data!.walk_forward!.folds).toHaveLength(section.folds.length);
    expect(card.summary).toMatch(/^Out of sample over (\d+ walk-forward folds|one walk-forward fold)/);
  });
});
