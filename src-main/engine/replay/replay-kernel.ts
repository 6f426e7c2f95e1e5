// The kernel of a paced replay, built at load, seek and config reload: the instrument's step mode,
// the trading side when there is one (the app's run: trading/app-trading.ts), and the pipeline warmed
// with every stored step bar before the replay's start, so it is in the state it has at `from`.
import type { Db } from '../../store/db.ts';
import { getInstrument, storedInstrument } from '../../store/instruments.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments.ts';
import { iterateBars } from '../../store/bars.ts';
import { thirtyMinuteBarBefore, type StoredRows } from '../../store/replay-source.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { Metrics } from '../health/metrics.ts';
import { Kernel } from '../kernel/kernel.ts';
import { naturalMode, type StepMode } from '../kernel/mode.ts';
import type { AppRun } from '../trading/app-trading.ts';

/**
 * 30m bars of MMD warm-up fed before a replay start. Its state is bounded: 100 points in the test
 * window, each with a σ over the 20 returns before it, so after 2 + 20 + 100 bars a fresh MMD
 * agrees to the bit with one fed the whole history. A margin on top.
 */
const MMD_WARM_BARS = 130;

export interface ReplayKernelInfo { symbol: string; from: number; rows: StoredRows; config: Config }

export interface ReplayKernelDeps {
  metrics?: Metrics | null;
  /** the trading side of the replay (null: bars and indicators only) */
  begin?: (symbol: string, from: number, mode: StepMode, inputMinutes: number) => AppRun | null;
  rehearsalFailed?: (e: Error) => void;
  /** the instrument the symbol trades as (the engine's: config, catalogue, then the stored definition); default: the stored one */
  spec?: (symbol: string) => InstrumentSpec | null;
}

export function openReplayKernel(db: Db, info: ReplayKernelInfo, deps: ReplayKernelDeps = {}): Kernel {
  const { symbol, from, rows, config } = info;
  const spec = deps.spec ? deps.spec(symbol) : getInstrument(db, symbol) ?? null;
  if (!spec) {
    throw new Error(storedInstrument(db, symbol)
      ? `'${symbol}' needs an instrument definition (tick size, point value, currency): define it in the import form or under instruments: in config.yaml`
      : `no stored data for '${symbol}'`);
  }
  const mode = naturalMode(rows.inputMinutes);
  const app = deps.begin?.(symbol, from, mode, rows.inputMinutes) ?? null;
  const k = new Kernel({
    config, spec, mode, inputMinutes: rows.inputMinutes, trading: app?.session ?? null, metrics: deps.metrics ?? null,
    onRehearsalFailed: deps.rehearsalFailed,
  });
  k.pipeline.stage30.skipMmdBefore = thirtyMinuteBarBefore(db, rows.instrumentId, from, MMD_WARM_BARS) ?? -Infinity;
  for (const b of [...iterateBars(db, rows.instrumentId, mode === '5m' ? 5 : 30, -8.64e15, from)]) k.warm(b);
  if (app) k.listen(app.listener);
  return k;
}
