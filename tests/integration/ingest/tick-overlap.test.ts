// Ticks are never stored twice (issue 16): a second tick file covering times whose ticks are already
// stored (another file of the same trades) is refused whole, naming the overlap, and the store is left
// exactly as it was; a file of later ticks imports as usual. Built from real SPY trade ticks (LEAN).
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openFeed } from '../../../src-main/engine/feed/index.ts';
import { importFile } from '../../../src-main/engine/ingest/import-file.ts';
import { openDb, closeDb } from '../../../src-main/store/db.ts';
import { storedTickCount } from '../../../src-main/store/ticks.ts';
import { getBars } from '../../../src-main/store/bars.ts';
import { getInstrument } from '../../../src-main/store/instruments.ts';
import { dataFile } from '../../helpers/data.ts';

describe('overlapping tick imports', () => {
  it('refuses a file whose ticks are already stored, changes nothing, and takes later ticks', () => {
    const r = openFeed(dataFile('lean/equity/usa/tick/spy/20131007_trade.zip'));
    if (!r.ok) throw new Error(r.problem.message);
    const rows: string[] = [];
    for (const c of r.value.chunks()) {
      if (c.kind !== 'ticks') continue;
      for (let i = 0; i < c.n && rows.length < 9000; i++) if (c.volOnly[i] !== 1) rows.push(`${new Date(c.t[i]!).toISOString()},${c.price[i]},${c.size[i]}`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'algospace-tick-overlap-'));
    const file = (name: string, a: number, b: number) => {
      const p = join(dir, name);
      writeFileSync(p, ['time,price,size', ...rows.slice(a, b)].join('\n') + '\n');
      return p;
    };
    const db = openDb(':memory:');
    try {
      expect(importFile(db, file('SPY-a.csv', 0, 5000), { instrument: 'SPY', indicators: false }).ok).toBe(true);
      const id = getInstrument(db, 'SPY')!.id;
      const ticks = storedTickCount(db), bars = JSON.stringify(getBars(db, id, 1));
      const over = importFile(db, file('SPY-b.csv', 3000, 8000), { instrument: 'SPY', indicators: false });
      expect(over.ok).toBe(false);
      if (!over.ok) {
        expect(over.problem.code).toBe('overlapping-ticks');
        expect(over.problem.message).toMatch(/SPY already has ticks stored for 2013-10-07T\S+ … 2013-10-07T\S+, which this file covers too: nothing was imported/);
      }
      expect(storedTickCount(db)).toBe(ticks);
      expect(JSON.stringify(getBars(db, id, 1))).toBe(bars);
      // later ticks (strictly after the stored ones) import
      const later = importFile(db, file('SPY-c.csv', 6000, 9000), { instrument: 'SPY', indicators: false });
      expect(later.ok).toBe(true);
      expect(storedTickCount(db)).toBe(ticks + 3000);
    } finally {
      closeDb(db);
    }
  });
});
