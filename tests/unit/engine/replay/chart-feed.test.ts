// The chart feed of a paced replay: what a step delivers is collected for the renderer, except the
// end-of-data delivery of a 30m bar still being built (it ends after the replay clock).
import { describe, expect, it } from 'vitest';
import { ChartFeed } from '../../../../src-main/engine/replay/chart-feed.ts';
import type { StepOut } from '../../../../src-main/engine/pipeline.ts';

const bar = (t: number) => ({ t, o: 1, h: 1, l: 1, c: 1, v: 1 });
const out = (o: Partial<StepOut>): StepOut => ({ bar: null, row: null, bar30: null, row30: null, zones: [], synergy: null, ...o });

describe('ChartFeed', () => {
  it('collects a step\'s 5m and 30m values, not the end-of-data 30m delivery', () => {
    const f = new ChartFeed('5m', '1m');
    f.step({ out: out({ bar: bar(0), row: { atr: 1 }, bar30: bar(-1_800_000), row30: { mlmi: 2 } }), result: null, decisionMs: null });
    f.step({ out: out({ bar: null, bar30: bar(0), row30: { mlmi: 3 } }), result: null, decisionMs: null });
    const { frames } = f.drainIndicators();
    expect(frames.map((x) => [x.timeframe, x.t])).toEqual([['5m', [0]], ['30m', [-1_800_000]]]);
    expect(f.indicatorsPending).toBe(false);
  });
});
