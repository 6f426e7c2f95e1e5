// `import --replace` of a tick file whose times overlap stored ticks of other files (issue 16: stored
// data changes only when asked). Before each chunk is stored, the other files' ticks and the 1-minute
// bars from the end of the previous chunk to the end of this one go, so over the whole import exactly
// the file's span [first tick, last tick] is cleared. The file's own bars then fill it; afterwards the
// two edge minutes, which can also hold kept ticks just outside the span, are built again from every
// stored tick in them, and the coarser bars over the span are cleared for the rebuild. The earlier
// imports' stored counts go down by what they lost, and one problem says what was replaced.
import type { WriteDb } from '../../store/db.ts';
import { cursorAt, readTicks, removeTicksBetween } from '../../store/ticks.ts';
import { deleteBarsBetween, upsertBars } from '../../store/bars.ts';
import { reduceStoredRows } from '../../store/imports.ts';
import { BarSet } from '../bars/bar-set.ts';
import { BarBuilder } from '../bars/bar-builder.ts';
import { TIMEFRAMES, TIMEFRAME_MINUTES, type Bar } from '../../../src-shared/domain/bars.ts';
import type { TickChunk } from '../../../src-shared/domain/chunks.ts';
import type { Zone } from '../../../src-shared/time.ts';
import type { Problem } from '../../../src-shared/result.ts';

const MINUTE = 60_000;
const minuteOf = (t: number) => Math.floor(t / MINUTE) * MINUTE;

export class TickReplacement {
  readonly #db: WriteDb;
  readonly #instrumentId: number;
  readonly #importId: number;
  readonly #zone: Zone;
  #lastTo: number | null = null;
  readonly #lost = new Map<number, number>();

  constructor(db: WriteDb, instrumentId: number, importId: number, zone: Zone) {
    this.#db = db; this.#instrumentId = instrumentId; this.#importId = importId; this.#zone = zone;
  }

  /** Before a chunk is stored: the other files' ticks and the 1m bars from the previous chunk's end to this chunk's end. */
  clear(chunk: TickChunk): void {
    const from = this.#lastTo ?? chunk.t[0]!, to = chunk.t[chunk.n - 1]!;
    for (const [id, n] of removeTicksBetween(this.#db, this.#instrumentId, this.#importId, from, to)) this.#lost.set(id, (this.#lost.get(id) ?? 0) + n);
    deleteBarsBetween(this.#db, this.#instrumentId, 1, minuteOf(from), to + 1);
    this.#lastTo = to;
  }

  /** After the file's bars are stored: the edge minutes from every stored tick, coarser bars cleared, counts, the problem. */
  finish(first: number, last: number, file: string): Problem[] {
    for (const m of new Set([minuteOf(first), minuteOf(last)])) this.#rebuildMinute(m);
    for (const tf of TIMEFRAMES) {
      const min = TIMEFRAME_MINUTES[tf];
      if (min === 1) continue;
      const b = new BarBuilder(min, this.#zone);
      deleteBarsBetween(this.#db, this.#instrumentId, min, b.bucketStart(first), b.bucketStart(last) + min * MINUTE);
    }
    if (this.#lost.size === 0) return [];
    const iso = (t: number) => new Date(t).toISOString();
    const parts = [...this.#lost].map(([id, n]) => `${n.toLocaleString('en-US')} of ${reduceStoredRows(this.#db, id, n) ?? `import ${id}`}`);
    const total = [...this.#lost.values()].reduce((a, b) => a + b, 0);
    return [{
      code: 'stored-ticks-replaced', file, field: 'ticks',
      message: `--replace: the stored ticks for ${iso(first)} … ${iso(last)} were replaced by this file's (${parts.join(', ')})`,
      expected: 'the stored ticks', got: `${total} stored ticks replaced`,
    }];
  }

  /** The 1m bar of minute [m, m + 1 min) from every tick stored in it now (none: no bar). */
  #rebuildMinute(m: number): void {
    const bars: Bar[] = [];
    const set = new BarSet(this.#zone, 0, (_tf, b) => bars.push({ ...b }), ['1m']);
    let cursor = cursorAt(m);
    for (;;) {
      const { chunk, last } = readTicks(this.#db, this.#instrumentId, cursor, 65_536);
      let n = 0;
      while (n < chunk.n && chunk.t[n]! < m + MINUTE) n++;
      if (n > 0) set.push({ ...chunk, n, t: chunk.t.subarray(0, n), price: chunk.price.subarray(0, n), size: chunk.size.subarray(0, n), volOnly: chunk.volOnly.subarray(0, n) });
      if (n < chunk.n || chunk.n === 0) break;
      cursor = last;
    }
    set.flush();
    deleteBarsBetween(this.#db, this.#instrumentId, 1, m, m + MINUTE);
    upsertBars(this.#db, this.#instrumentId, 1, bars.filter((b) => b.t === m));
  }
}
