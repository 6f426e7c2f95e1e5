// Heikin-Ashi (SPEC §2.0, R4) and the 30m source price; causality (R14) on real bars.
import { describe, it, expect } from 'vitest';
import { HeikinAshi, source30Price } from '../../../../src-main/engine/indicators/heikin-ashi.ts';
import { expectCausal, readOhlcCsv, NQ_30M_ETH } from '../../../helpers/causal.ts';
import type { Bar } from '../../../../src-shared/domain/bars.ts';

const bar = (o: number, h: number, l: number, c: number, i = 0): Bar => ({ t: i * 1_800_000, o, h, l, c, v: 1 });

describe('HeikinAshi', () => {
  it('R4: the first three bars of R3 give (HAo, HAh, HAl, HAc) = (10.5, 12, 9, 10.5), (10.5, 13, 10, 11.5), (11.0, 12.5, 11, 11.675)', () => {
    const ha = new HeikinAshi();
    const got = [bar(10, 12, 9, 11), bar(11, 13, 10, 12), bar(12, 12.5, 11, 11.2)].map((b) => {
      const o = ha.update(b);
      return [o.o, o.h, o.l, o.c];
    });
    const want = [[10.5, 12, 9, 10.5], [10.5, 13, 10, 11.5], [11.0, 12.5, 11, 11.675]];
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i]![j]!, 12)));
    expect(ha.out.ready).toBe(true);
  });

  it('runs the open recursion over the whole stream (not re-seeded) on real bars', () => {
    const bars = readOhlcCsv(NQ_30M_ETH, 3000);
    const ha = new HeikinAshi();
    // independent batch evaluation of SPEC's definition
    let hao = 0, hac = 0, bad = 0;
    bars.forEach((b, t) => {
      hao = t === 0 ? (b.o + b.c) / 2 : (hao + hac) / 2;
      hac = (b.o + b.h + b.l + b.c) / 4;
      const o = ha.update(b);
      const want = [hao, Math.max(b.h, hao, hac), Math.min(b.l, hao, hac), hac];
      if ([o.o, o.h, o.l, o.c].some((v, j) => v !== want[j])) bad++;
      if (!(o.h >= o.o && o.h >= o.c && o.l <= o.o && o.l <= o.c)) bad++;
    });
    expect(bad).toBe(0);
  });

  it('source30Price: ha_close is OHLC4, close is the close', () => {
    const b = bar(10, 12, 9, 11);
    expect(source30Price(b, 'ha_close')).toBe(10.5);
    expect(source30Price(b, 'close')).toBe(11);
  });

  it('reset() starts a new recursion', () => {
    const ha = new HeikinAshi();
    ha.update(bar(1, 2, 0, 1));
    ha.reset();
    expect(ha.out.ready).toBe(false);
    expect(ha.update(bar(10, 12, 9, 11)).o).toBe(10.5);
  });

  it('is causal (R14) on real bars', () => {
    expectCausal(() => new HeikinAshi(), readOhlcCsv(NQ_30M_ETH, 600), (o) => ({ ...o }));
  });
});
