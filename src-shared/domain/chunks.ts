// Columnar chunks of ticks or bars: the shape every feed reader hands to the engine, the tick store
// writes and reads, and the replay streams. Typed arrays, so the hot path allocates nothing per row.
// Plain data (ES typed arrays only, no Node API): shared by engine, store and CLI.

export interface TickChunk {
  kind: 'ticks';
  n: number;
  /** UTC epoch ms */
  t: Float64Array;
  price: Float64Array;
  size: Float64Array;
  /**
   * 1 = the trade counts for volume only, not for open/high/low/close
   * (the AlgoSeek sale-condition rule for LEAN equity ticks, see PROVENANCE.md); else 0.
   */
  volOnly: Uint8Array;
}

export interface BarChunk {
  kind: 'bars';
  n: number;
  /** bar start, UTC epoch ms */
  t: Float64Array;
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
  v: Float64Array;
}

export type FeedChunk = TickChunk | BarChunk;
