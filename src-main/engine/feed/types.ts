// The shape every reader (one file per format) hands to the rest of the engine.
// Rows arrive in columnar chunks of typed arrays so the hot path allocates nothing per row.
import type { Problem } from '../../../src-shared/result.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments.ts';
import type { FeedChunk } from '../../../src-shared/domain/chunks.ts';
import { DEFAULT_CONFIG, type UserInstrument } from '../../../src-shared/config.ts';

// The chunk shapes are shared domain types (store and CLI use them too). Re-exported for the feed
// readers and the replay, which import them from here.
export type { TickChunk, BarChunk, FeedChunk } from '../../../src-shared/domain/chunks.ts';

export type TzSource = 'given' | 'in-file' | 'format' | 'default';

export interface FeedInfo {
  /** path as given */
  path: string;
  /** base name, used in messages */
  file: string;
  /** e.g. 'csv', 'lean-zip' */
  format: string;
  /** human description of the detected layout, e.g. "ticks: timestamp,price,volume (ISO, header)" */
  layout: string;
  kind: 'ticks' | 'bars';
  /** bars only: the bar period in minutes, detected from the stamps (1, 5, 30, …) */
  barMinutes: number | null;
  /** zone of the source timestamps (IANA name) */
  sourceTz: string;
  tzSource: TzSource;
  /** instrument named by the user, or guessed from the file name; undefined when unknown */
  instrument: InstrumentSpec | undefined;
  bytesTotal: number;
}

export interface FeedStats {
  rowsRead: number;
  /** rows read and not delivered (bad rows, and the rows of dropped duplicate blocks) */
  rowsRejected: number;
  bytesRead: number;
  /** LEAN: earlier listings of a day dropped because the entry lists the day again (lean-blocks.ts) */
  duplicateBlocks: number;
}

export interface FeedReader {
  readonly info: FeedInfo;
  /** Accepted rows in file order; times are UTC ms and never decrease. Bad rows are counted, not thrown. */
  chunks(): Generator<FeedChunk>;
  readonly stats: FeedStats;
  /** the first 100 problems (file, line, field, reason) */
  readonly problems: Problem[];
}

export interface OpenOptions {
  /** source time zone (IANA); overrides detection */
  tz?: string;
  /** instrument symbol (catalogue or `instruments`); overrides what the file says. Unknown: the file does not open */
  instrument?: string;
  /** the config's user-defined instruments: they win over the catalogue (resolveInstrument) */
  instruments?: readonly UserInstrument[];
  /** LEAN futures zips hold one CSV per expiry: pick one (YYYYMM); default: the most traded */
  contract?: string;
  /** rows per chunk (default 65536) */
  chunkRows?: number;
  /** the most bytes a file may have, and may decompress to (default 2 GiB each: MAX_FILE_BYTES, MAX_INFLATED_BYTES) */
  maxBytes?: number;
  /** the longest CSV line; a longer one is rejected alone (default 64 KiB: MAX_LINE_BYTES) */
  maxLineBytes?: number;
}

/** the longest CSV line when no config is given: limits.max_line_kb's default */
export const MAX_LINE_BYTES = DEFAULT_CONFIG.limits.max_line_kb * 1024;

export const MAX_KEPT_PROBLEMS = 100;
