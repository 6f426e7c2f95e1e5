// Calibration of the decision model on this run: model-path synergies binned by their p (width 0.1),
// each bin's mean p against the share of its synergies whose re-traded round trip won (the training
// label). A well calibrated model puts every bin on the diagonal. Empty bins are left out.
import type { RunReport } from '../../../src-shared/report.ts';
import type { Retraded } from './baselines.ts';

type CalibrationBin = RunReport['calibration'][number];

const WIDTH = 0.1;
const BINS = 10;

export function calibrationBins(retraded: readonly Retraded[]): CalibrationBin[] {
  const n = new Array<number>(BINS).fill(0), sumP = new Array<number>(BINS).fill(0), hits = new Array<number>(BINS).fill(0);
  for (const x of retraded) {
    const p = x.synergy.p;
    if (x.synergy.path !== 'model' || p === null || !Number.isFinite(p)) continue;
    // p = 1 belongs to the last bin; the tiny offset keeps 0.3 (0.30000000000000004 / 0.1) in its own bin
    const b = Math.min(BINS - 1, Math.max(0, Math.floor(p / WIDTH + 1e-9)));
    n[b] = n[b]! + 1;
    sumP[b] = sumP[b]! + p;
    hits[b] = hits[b]! + x.outcome.label;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < BINS; b++) {
    if (n[b] === 0) continue;
    out.push({
      p_lo: Math.round(b * WIDTH * 10) / 10, p_hi: Math.round((b + 1) * WIDTH * 10) / 10,
      n: n[b]!, mean_p: sumP[b]! / n[b]!, hit_rate: hits[b]! / n[b]!,
    });
  }
  return out;
}
