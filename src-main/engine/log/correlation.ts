// Correlation ids tie the records of one story together so the log view can find them all by one
// search. Ids are built from what identifies the story, not from randomness, so a replay of the same
// data and config gives the same ids (the determinism check can compare decision streams with them).
//
// Schemes (keep this list current):
//   import:<started ms>:<seq>          one file import: started, finished or failed, its rejected rows
//   decision:<symbol>:<bar end ms>     (later) synergy → decision → approval → fill for one 5m bar
export type CorrelationPart = string | number;

/** `correlationId(['decision', 'ES', 1700000000000])` → `decision:ES:1700000000000`. */
export function correlationId(parts: readonly CorrelationPart[]): string {
  if (parts.length === 0) throw new Error('correlationId needs at least one part');
  // ':' separates parts and whitespace breaks copy-paste into the search box: replace both.
  return parts.map((p) => String(p).trim().replace(/[\s:]+/g, '_')).join(':');
}
