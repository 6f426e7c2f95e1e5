import { describe, expect, it } from 'vitest';
import { IndicatorPipeline } from '../../../../src-main/engine/pipeline.ts';
import { decisionMatrices, matricesNotReady } from '../../../../src-main/engine/decision/inputs.ts';
import { DEFAULT_CONFIG } from '../../../../src-shared/config.ts';
import { localMs, zone } from '../../../../src-shared/time.ts';
import { readOhlcCsv, NQ_5M_FIRSTRATE } from '../../../helpers/causal.ts';

const START = zone('America/Chicago').toUtc(localMs(2023, 11, 20, 8, 0));
const make = () => new IndicatorPipeline({ config: DEFAULT_CONFIG, exchangeTz: 'America/Chicago', tickSize: 0.25, mode: '5m' });

describe('matricesNotReady: why the decision has no matrices, in words', () => {
  it('a fresh pipeline: every matrix empty, with the sizes SPEC §3 gives (48, 60, 96 rows)', () => {
    expect(matricesNotReady(make())).toBe(
      '30m structure matrix has 0 of 48 rows, 5m tactical matrix has 0 of 60 rows, regime matrix has 0 of 96 rows');
  });

  it('is null exactly when decisionMatrices is not, step by step through warm-up', () => {
    const p = make();
    const seen = new Set<string>();
    let ready = 0;
    // 1200 5m bars = 200 30m bars: past the regime matrix's 96 rows and its indicators' warm-up
    for (const [i, b] of readOhlcCsv(NQ_5M_FIRSTRATE, 1200).entries()) {
      p.push5m({ ...b, t: START + i * 300_000 });
      const why = matricesNotReady(p);
      expect(why === null).toBe(decisionMatrices(p, { copy: false }) !== null);
      if (why === null) ready++;
      else seen.add(why.replace(/\d+ of/g, 'k of'));
    }
    expect(ready).toBeGreaterThan(0);
    // the longest warm-up is the regime matrix's: at some point it is the only one short
    expect(seen).toContain('regime matrix has k of 96 rows');
  });
});
