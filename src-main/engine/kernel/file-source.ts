// A market file as a kernel source: its reader, the instrument spec the kernel runs with and the row
// period (which decides the step mode, mode.ts). One place for the fallback spec, so every driver of
// a file (CLI replay and indicators, training, the synergy counts) sizes and grids prices alike.
import { openFeed } from '../feed/index.ts';
import type { FeedReader, OpenOptions } from '../feed/types.ts';
import { inputMinutes } from '../feed/input-minutes.ts';
import { genericInstrument, type InstrumentSpec } from '../../../src-shared/instruments.ts';
import type { Result } from '../../../src-shared/result.ts';

export interface FileSource {
  reader: FeedReader;
  /** the instrument the reader recognised, else a generic one (tick 0.01, 1 per point) in the file's zone */
  spec: InstrumentSpec;
  /** false: `spec` is the generic fallback */
  known: boolean;
  /** the row period in minutes (0: trade ticks) */
  inputMinutes: number;
}

/** Open `path`; `symbol` names the generic spec when the reader does not recognise the instrument. */
export function openFileSource(path: string, opts: OpenOptions = {}, symbol = 'UNKNOWN'): Result<FileSource> {
  const opened = openFeed(path, opts);
  if (!opened.ok) return opened;
  const reader = opened.value, info = reader.info;
  const known = info.instrument !== undefined;
  const spec = info.instrument ?? genericInstrument(symbol, info.sourceTz);
  return { ok: true, value: { reader, spec, known, inputMinutes: inputMinutes(info) } };
}
