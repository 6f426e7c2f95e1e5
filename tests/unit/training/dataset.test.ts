// One small real source end to end (the Euro Stoxx 50 index 5m file, ~1.5 s): replay, synergy,
// decision matrices, proposal and paper-broker label.
import { describe, expect, it } from 'vitest';
import { SHARED_DATA, dataFile } from '../../helpers/data.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import { applyProfile } from '../../../src-shared/profiles.ts';
import { SOURCES } from '../../../src-main/engine/training/sources.ts';
import { replaySource } from '../../../src-main/engine/training/dataset.ts';
import { openFileSource } from '../../../src-main/engine/kernel/file-source.ts';

const config = applyProfile(DEFAULT_CONFIG, 'active', DEFAULT_CONFIG);

describe('replaySource (real data)', () => {
  it('estx50-idx-5m: every 5m bar is a step; each synergy is kept or counted with a reason', () => {
    const src = SOURCES.find((s) => s.id === 'estx50-idx-5m')!;
    dataFile(src.files[0]!);
    const { report, samples } = replaySource(src, SHARED_DATA, config);
    expect(report.steps).toBe(2142); // the file's 2,142 five-minute bars
    // no EUR rate in the config: the samples' money stays in the instrument's EUR, and the report says so
    expect(report).toMatchObject({ currency: 'EUR', rate: 1 });
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

describe('replaySource: what a source may declare', () => {
  const idx = SOURCES.find((s) => s.id === 'estx50-idx-5m')!;

  it('refuses a mode its rows do not make (mode.ts decides, not the source list)', () => {
    dataFile(idx.files[0]!);
    expect(() => replaySource({ ...idx, mode: '30m' }, SHARED_DATA, config)).toThrow(/5-minute rows; '30m' mode: its steps are 5m/);
  });

  it('refuses a `from` that is not a step boundary (rows from there would start mid-bar)', () => {
    expect(() => replaySource({ ...idx, from: '2006-01-02T09:01:00Z' }, SHARED_DATA, config)).toThrow(/not a 5m boundary/);
  });

  it('rows from a step boundary on give the step bars from there: one per 5-minute row of the file', () => {
    const from = '2006-01-16T00:00:00Z';
    const part = replaySource({ ...idx, from }, SHARED_DATA, config).report;
    const opened = openFileSource(dataFile(idx.files[0]!), { tz: idx.tz });
    if (!opened.ok) throw new Error(opened.problem.message);
    const times = [...opened.value.reader.chunks()].flatMap((c) => [...c.t]).filter((t) => t >= Date.parse(from));
    expect(times.length).toBeGreaterThan(0);
    expect(part.steps).toBe(times.length);
    expect(part.first_step).toBe(new Date(times[0]!).toISOString());
    expect(part.last_step).toBe(new Date(times.at(-1)!).toISOString());
  });
});
