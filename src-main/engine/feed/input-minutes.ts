// What bar making needs to know about an opened file: the period of its rows, and whether a timeframe can be built from them.
import type { FeedInfo } from './types.ts';

/** 0 for ticks; for bars their period, 1 when the file is too short to tell (as the importer does). */
export function inputMinutes(info: FeedInfo): number {
  return info.kind === 'ticks' ? 0 : (info.barMinutes ?? 1);
}

/** Why `wantMinutes` bars cannot be built from this file, or null when they can. */
export function cannotMake(info: FeedInfo, wantMinutes: number, tf: string): string | null {
  const inMin = inputMinutes(info);
  if (inMin > 0 && (wantMinutes < inMin || wantMinutes % inMin !== 0)) {
    return `${info.file} holds ${inMin}-minute bars; cannot make ${tf} bars from them`;
  }
  return null;
}
