// A market file as a kernel source: its reader, the instrument it is (named, or recognised by the
// reader; never made up: issue 13) and the row period (which decides the step mode, mode.ts). Without
// an instrument a driver may still build bars and indicators, on the stated `basis` it prints; it
// cannot trade (no tick, point value, currency or commission to trade with).
import { openFeed } from '../feed/index.ts';
import type { FeedReader, OpenOptions } from '../feed/types.ts';
import { inputMinutes } from '../feed/input-minutes.ts';
import { resolveInstrument, type InstrumentSpec } from '../../../src-shared/instruments.ts';
import type { Result } from '../../../src-shared/result.ts';
import type { KernelSpec } from './kernel.ts';

/** What bars and indicators need of an instrument: the clock bars align to and the price grid (LVN). */
export interface BarBasis {
  exchangeTz: string;
  tickSize: number;
  /** null: the instrument's own; else what is assumed, in words for stderr */
  assumed: string | null;
}

export interface FileSource {
  reader: FeedReader;
  /** the instrument the caller named or the reader recognised; null: unknown (no economics) */
  spec: InstrumentSpec | null;
  /** spec !== null */
  known: boolean;
  basis: BarBasis;
  /** the row period in minutes (0: trade ticks) */
  inputMinutes: number;
}

/** Price grid assumed without an instrument: LVN bins its profile on it, coarser where the range needs it. */
export const ASSUMED_TICK = 0.01;

/**
 * Open `path`; `opts.instrument` (with `opts.instruments` from the config) names the instrument, else
 * the file does, else `fallback` (a symbol the caller knows the file to be, looked up the same way).
 */
export function openFileSource(path: string, opts: OpenOptions = {}, fallback?: string): Result<FileSource> {
  const opened = openFeed(path, opts);
  if (!opened.ok) return opened;
  const reader = opened.value, info = reader.info;
  const spec = info.instrument ?? (fallback ? resolveInstrument(fallback, opts.instruments ?? []) : undefined) ?? null;
  const basis: BarBasis = spec
    ? { exchangeTz: spec.exchangeTz, tickSize: spec.tickSize, assumed: null }
    : {
      exchangeTz: info.sourceTz, tickSize: ASSUMED_TICK,
      assumed: `instrument unknown; bars aligned to the clock of the source zone ${info.sourceTz}; LVN uses a ${ASSUMED_TICK} price grid, ` +
        'coarser where the range needs it; sessions break at data gaps over 30 min; no economics (give --instrument)',
    };
  return { ok: true, value: { reader, spec, known: spec !== null, basis, inputMinutes: inputMinutes(info) } };
}

/** The kernel's view of the source: the instrument, else the stated basis (no calendar: one session). */
export function barSpec(src: FileSource): KernelSpec {
  return src.spec ?? { exchangeTz: src.basis.exchangeTz, tickSize: src.basis.tickSize };
}
