import type { Migration } from './index.ts';
import { encodeTickBlock } from '../ticks.ts';

// Ticks move from one row each to blocks of up to 4,096 ticks of one import (≈ 40× fewer B-tree
// entries; storing every tick was most of an import's time). A block holds ticks seq0 … seq0+n-1 of
// its import in file order, with nondecreasing times t0 … t1 and t1 − t0 ≤ one day (so a reader finds
// the blocks around a time with a bounded index range). `data` holds the columns t, price, size,
// vol_only, losslessly packed by the versioned block codec in src-main/store/ticks.ts (the codec's
// version byte lets a later format still read these blocks). The blob sits in a rowid table; the
// covering index (key, n, t1) serves every metadata query (counts, ranges, which blocks to read)
// without touching the blobs.
const BLOCK = 4096;
const MAX_SPAN_MS = 86_400_000;
const PAGE = 50_000;

interface Builder { instrumentId: number; importId: number; seq0: number; n: number; t: Float64Array; price: Float64Array; size: Float64Array; vol: Uint8Array }

export const migration0080: Migration = {
  version: 80,
  name: 'tick-blocks',
  up(db) {
    db.exec(`
      CREATE TABLE tick_blocks (
        id            INTEGER PRIMARY KEY,
        instrument_id INTEGER NOT NULL,
        t0            INTEGER NOT NULL,
        import_id     INTEGER NOT NULL,
        seq0          INTEGER NOT NULL,
        n             INTEGER NOT NULL,
        t1            INTEGER NOT NULL,
        data          BLOB NOT NULL
      );
      CREATE UNIQUE INDEX tick_blocks_key ON tick_blocks (instrument_id, t0, import_id, seq0, n, t1);
    `);
    const insert = db.prepare('INSERT INTO tick_blocks (instrument_id, t0, import_id, seq0, n, t1, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const flush = (b: Builder) => {
      insert.run(b.instrumentId, b.t[0], b.importId, b.seq0, b.n, b.t[b.n - 1], encodeTickBlock(b.t, b.price, b.size, b.vol, 0, b.n));
      b.n = 0;
    };
    // Old rows in key order (instrument, t, import, seq), a page at a time; one open block per import
    // extends while the import's next row follows on (seq + 1) in time.
    const page = db.prepare(`SELECT instrument_id, t, import_id, seq, price, size, vol_only FROM ticks
        WHERE (instrument_id, t, import_id, seq) > (?, ?, ?, ?) ORDER BY instrument_id, t, import_id, seq LIMIT ${PAGE}`).raw();
    const open = new Map<number, Builder>();
    let instrument = -Infinity;
    let key: unknown[] = [-Infinity, -Infinity, -Infinity, -Infinity];
    for (;;) {
      const rows = page.all(...key) as number[][];
      for (const [inst, t, imp, seq, price, size, vol] of rows as [number, number, number, number, number, number, number][]) {
        if (inst !== instrument) { for (const b of open.values()) if (b.n) flush(b); open.clear(); instrument = inst; }
        let b = open.get(imp);
        if (!b) {
          // Imports of different days do not interleave: keep memory bounded by closing the others.
          if (open.size >= 32) { for (const o of open.values()) if (o.n) flush(o); open.clear(); }
          b = { instrumentId: inst, importId: imp, seq0: 0, n: 0, t: new Float64Array(BLOCK), price: new Float64Array(BLOCK), size: new Float64Array(BLOCK), vol: new Uint8Array(BLOCK) };
          open.set(imp, b);
        }
        if (b.n > 0 && (b.n === BLOCK || seq !== b.seq0 + b.n || t - b.t[0]! > MAX_SPAN_MS)) flush(b);
        if (b.n === 0) b.seq0 = seq;
        b.t[b.n] = t; b.price[b.n] = price; b.size[b.n] = size; b.vol[b.n] = vol;
        b.n++;
      }
      if (rows.length < PAGE) break;
      key = rows[rows.length - 1]!.slice(0, 4);
    }
    for (const b of open.values()) if (b.n) flush(b);
    db.exec('DROP TABLE ticks');
  },
};
