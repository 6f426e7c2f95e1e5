// `import --replace` of a tick file over stored ticks of another file (issue 16, point 2): the stored
// ticks in the file's span give way to the file's, the ticks outside stay, and the store then equals a
// fresh import of the merged trades — every tick count and every 1m, 5m and 30m bar, the two edge
// minutes (which hold ticks of both files) included. The earlier import's stored count goes down by
// what it lost, and one problem says so. Built from real SPY trade ticks (LEAN, 2013-10-07).
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openFeed } from '../../../src-main/engine/feed/index.ts';
import { importFile } from '../../../src-main/engine/ingest/import-file.ts';
import { openDb, closeDb, type WriteDb } from '../../../src-main/store/db.ts';
import { storedTickCount } from '../../../src-main/store/ticks.ts';
import { getBars } from '../../../src-main/store/bars.ts';
import { getInstrument } from '../../../src-main/store/instruments.ts';
import { listImports } from '../../../src-main/store/imports.ts';
import { dataFile } from '../../helpers/data.ts';

interface Tick { t: number; p: number; s: number }

/** the day's price-forming trades from 09:30 to 12:00 New York (13:30–16:00 UTC) */
function spyTicks(): Tick[] {
  const r = openFeed(dataFile('lean/equity/usa/tick/spy/20131007_trade.zip'));
  if (!r.ok) throw new Error(r.problem.message);
  const out: Tick[] = [];
  const from = Date.UTC(2013, 9, 7, 13, 30), to = Date.UTC(2013, 9, 7, 16);
  for (const c of r.value.chunks()) {
    if (c.kind !== 'ticks') continue;
    for (let i = 0; i < c.n; i++) if (c.volOnly[i] !== 1 && c.t[i]! >= from && c.t[i]! < to) out.push({ t: c.t[i]!, p: c.price[i]!, s: c.size[i]! });
  }
  return out;
}

const csv = (dir: string, name: string, ticks: readonly Tick[]) => {
  const p = join(dir, name);
  writeFileSync(p, ['time,price,size', ...ticks.map((x) => `${new Date(x.t).toISOString()},${x.p},${x.s}`)].join('\n') + '\n');
  return p;
};
const bars = (db: WriteDb, tf: number) => JSON.stringify(getBars(db, getInstrument(db, 'SPY')!.id, tf));

describe('import --replace of a tick file', () => {
  it('takes the file\'s ticks in its span; the store equals a fresh import of the merged trades', () => {
    const all = spyTicks();
    expect(all.length).toBeGreaterThan(20_000);
    // the replacement: 10:00:30 to 10:59:30 New York (mid-minute at both ends), every other trade, 5 cents
    // up, and no trade from 10:20 to 10:40 (the bars there must go, 1m and 5m alike)
    const a = Date.UTC(2013, 9, 7, 14, 0, 30), b = Date.UTC(2013, 9, 7, 14, 59, 30);
    const gap = (t: number) => t >= Date.UTC(2013, 9, 7, 14, 20) && t < Date.UTC(2013, 9, 7, 14, 40);
    const inSpan = all.filter((x) => x.t >= a && x.t <= b);
    const repl = inSpan.filter((x, i) => i % 2 === 0 && !gap(x.t)).map((x) => ({ ...x, p: Math.round((x.p + 0.05) * 100) / 100 }));
    const first = repl[0]!.t, last = repl.at(-1)!.t;
    const merged = [...all.filter((x) => x.t < first), ...repl, ...all.filter((x) => x.t > last)];
    const lost = all.length - (merged.length - repl.length);

    const dir = mkdtempSync(join(tmpdir(), 'algospace-tick-replace-'));
    const db = openDb(':memory:'), fresh = openDb(':memory:');
    try {
      expect(importFile(db, csv(dir, 'SPY-day.csv', all), { instrument: 'SPY', indicators: false }).ok).toBe(true);
      const refused = importFile(db, csv(dir, 'SPY-fix.csv', repl), { instrument: 'SPY', indicators: false });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.problem.message).toMatch(/import with --replace to take the file's ticks there/);

      const r = importFile(db, join(dir, 'SPY-fix.csv'), { instrument: 'SPY', indicators: false, replace: true });
      expect(r.ok, r.ok ? '' : r.problem.message).toBe(true);
      if (!r.ok) return;
      expect(r.value.rowsStored).toBe(repl.length);
      const note = r.value.problems.find((p) => p.code === 'stored-ticks-replaced');
      expect(note?.message).toMatch(new RegExp(`--replace: the stored ticks for 2013-10-07T14:00:3\\S+ … 2013-10-07T14:59:\\S+ were replaced by this file's \\(${lost.toLocaleString('en-US')} of SPY-day\\.csv\\)`));
      const day = listImports(db).find((i) => i.file === 'SPY-day.csv')!;
      expect(day.rowsStored).toBe(all.length - lost);

      expect(importFile(fresh, csv(dir, 'SPY-merged.csv', merged), { instrument: 'SPY', indicators: false }).ok).toBe(true);
      expect(storedTickCount(db)).toBe(merged.length);
      for (const tf of [1, 5, 30]) expect(bars(db, tf), `${tf}m bars`).toBe(bars(fresh, tf));
      // the edge minutes really mix both files (else the test would not see them)
      expect(all.some((x) => x.t < first && x.t >= Math.floor(first / 60_000) * 60_000)).toBe(true);
      expect(all.some((x) => x.t > last && x.t < Math.floor(last / 60_000) * 60_000 + 60_000)).toBe(true);
    } finally {
      closeDb(db);
      closeDb(fresh);
    }
  });
});
