// One small real source end to end (the Euro Stoxx 50 index 5m file, ~1.5 s): replay, synergy,
// decision matrices, proposal and paper-broker label.
import { describe, expect, it } from 'vitest';
import { SHARED_DATA, dataFile } from '../../helpers/data.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { applyProfile } from '../../../src-shared/profiles.ts';
import { SOURCES } from '../../../src-main/engine/training/sources.ts';
import { replaySource } from '../../../src-main/engine/training/dataset.ts';

const config = applyProfile(DEFAULT_CONFIG, 'active', DEFAULT_CONFIG);

describe('replaySource (real data)', () => {
  it('estx50-idx-5m: every 5m bar is a step; each synergy is kept or counted with a reason', () => {
    const src = SOURCES.find((s) => s.id === 'estx50-idx-5m')!;
    dataFile(src.files[0]!);
    const { report, samples } = replaySource(src, SHARED_DATA, config);
    expect(report.steps).toBe(2142); // the file's 2,142 five-minute bars
    expect(report.synergies).toBeGreaterThan(0);
    const skipped = Object.values(report.skipped).reduce((a, n) => a + n, 0);
    expect(report.kept + skipped).toBe(report.synergies);
    expect(samples.length).toBe(report.kept);
    for (const s of samples) {
      expect(s.knownAt).toBeGreaterThan(s.time);
      expect(s.outcome.entryT).toBe(s.time); // filled at the open of the bar that starts at the decision
      expect(s.outcome.label).toBe(s.outcome.pnl > 0 ? 1 : 0);
      expect(s.outcome.r).toBeCloseTo(s.outcome.pnl / s.plan.riskMoney, 12);
      expect(s.matrices.regime_30m.length).toBe(96 * 26);
      expect(s.plan.size).toBeGreaterThan(0);
    }
  });
});
