// A file's bars of one step timeframe, and its trade prints (tick files: for tick-mode fills), read
// whole into memory: what a trading replay of a file (the CLI, the bench) walks through.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { genericInstrument, type InstrumentSpec } from '../../../src-shared/instruments.ts';
import { zone } from '../../../src-shared/time.ts';
import { BarSet } from '../bars/bar-set.ts';
import type { FeedReader } from '../feed/types.ts';
import { inputMinutes } from '../feed/input-minutes.ts';
import type { TickSeries } from './drive.ts';

export interface StepBars {
  bars: Bar[];
  /** trade prints that count for price (volume-only ones left out); null for bar files */
  ticks: TickSeries | null;
  spec: InstrumentSpec;
}

export function readStepBars(reader: FeedReader, tf: '5m' | '30m'): StepBars {
  const info = reader.info;
  const spec = info.instrument ?? genericInstrument('UNKNOWN', info.sourceTz);
  const bars: Bar[] = [];
  const t: number[] = [], p: number[] = [];
  const set = new BarSet(zone(spec.exchangeTz), inputMinutes(info), (btf, b) => { if (btf === tf) bars.push({ ...b }); });
  for (const c of reader.chunks()) {
    set.push(c);
    if (c.kind === 'ticks') for (let i = 0; i < c.n; i++) if (c.volOnly[i] !== 1) { t.push(c.t[i]!); p.push(c.price[i]!); }
  }
  set.flush();
  const ticks = info.kind === 'ticks' ? { t: Float64Array.from(t), price: Float64Array.from(p), n: t.length } : null;
  return { bars, ticks, spec };
}
