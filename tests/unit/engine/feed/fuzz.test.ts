// Seeded fuzz of malformed files (issue 16, point 7): 3,000 real NQ 1-minute rows, and for each of 40
// seeds six defects of random kinds at random lines (apart from each other). Whatever the mix, the
// reader delivers exactly the clean rows minus the defective ones, names each defective line (line
// number and a reason), and an import of the fuzzed file into a store holding the first 1,000 clean
// bars leaves every one of those stored bars as it was.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rng } from '../../../../src-shared/rng.ts';
import { openDb, closeDb } from '../../../../src-main/store/db.ts';
import { getBars } from '../../../../src-main/store/bars.ts';
import { getInstrument } from '../../../../src-main/store/instruments.ts';
import { importFile } from '../../../../src-main/engine/ingest/import-file.ts';
import { data, open, readAll, tempFile } from './helpers.ts';

const NQ = readFileSync(data('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), 'latin1').trim().split(/\r?\n/);
const BASE = NQ.slice(0, 3001); // header + 3,000 rows; BASE[i] is physical line i + 1
const clean = readAll(open(tempFile('fuzz-clean.csv', BASE.join('\n') + '\n')));

/** A defect: the line that replaces a clean one (its time or values made wrong in one way). */
const DEFECTS: Record<string, (line: string, rand: () => number) => string> = {
  'year typo ahead': (l) => l.replace(/^2023/, '2062'),
  'year typo behind': (l) => l.replace(/^2023/, '2013'),
  'impossible date': (l) => l.replace(/^[^,]+/, '9999-12-31 23:59:00'),
  'epoch number': (l) => l.replace(/^[^,]+/, '1700438400000'),
  'extra field': (l) => `${l},7`,
  'missing field': (l) => l.replace(/,[^,]*$/, ''),
  'huge price': (l) => l.replace(/,([^,]+),/, ',1e308,'),
  'negative price': (l) => l.replace(/,([^,]+),/, ',-5,'),
  'NaN close': (l) => l.replace(/,([^,]+),([^,]+)$/, ',NaN,$2'),
  'negative volume': (l) => l.replace(/,[^,]*$/, ',-1'),
  'NUL byte': (l) => `${l.slice(0, 5)}\u0000${l.slice(5)}`,
  'junk text': (_l, r) => `hello ${Math.floor(r() * 1e9).toString(36)} world`,
  'long line': () => 'x'.repeat(200_000),
  'no separator': () => '2023-11-20 10:00:00 15900 15901',
  'high below low': (l) => { const f = l.split(','); return [f[0], f[1], f[3], f[2], f[4], f[5]].join(','); },
};
const KINDS = Object.keys(DEFECTS);

function fuzz(seed: number): { lines: string[]; bad: Map<number, string> } {
  const r = rng(seed);
  const lines = [...BASE];
  const bad = new Map<number, string>(); // physical line → defect kind
  while (bad.size < 6) {
    const i = 70 + Math.floor(r() * (BASE.length - 72)); // past the lines that decide the layout
    if ([...bad.keys()].some((k) => Math.abs(k - (i + 1)) < 3)) continue;
    const kind = KINDS[Math.floor(r() * KINDS.length)]!;
    const next = DEFECTS[kind]!(BASE[i]!, r);
    if (next === BASE[i]) continue; // the defect did not apply to this row
    lines[i] = next;
    bad.set(i + 1, kind);
  }
  return { lines, bad };
}

describe('seeded fuzz of malformed rows', () => {
  it('40 seeds × 6 defects: the clean rows delivered exactly, each bad line named', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { lines, bad } = fuzz(seed);
      const r = open(tempFile(`fuzz-${seed}.csv`, lines.join('\n') + '\n'));
      const got = readAll(r);
      const keep = (xs: number[]) => xs.filter((_, k) => !bad.has(k + 2));
      const why = `seed ${seed}: ${[...bad].map(([l, k]) => `${l} ${k}`).join(', ')}`;
      expect({ t: got.t, o: got.o, h: got.h, l: got.l, c: got.c, v: got.v }, why)
        .toEqual({ t: keep(clean.t), o: keep(clean.o), h: keep(clean.h), l: keep(clean.l), c: keep(clean.c), v: keep(clean.v) });
      expect(r.problems.map((p) => p.line).sort((a, b) => a! - b!), why).toEqual([...bad.keys()].sort((a, b) => a - b));
      for (const p of r.problems) expect(p.message.length, why).toBeGreaterThan(5);
    }
  });

  it('an import of fuzzed files leaves the stored bars as they were', () => {
    const db = openDb(':memory:');
    try {
      const first = importFile(db, tempFile('NQ-first.csv', BASE.slice(0, 1001).join('\n') + '\n'), { instrument: 'NQ', indicators: false });
      expect(first.ok).toBe(true);
      const id = getInstrument(db, 'NQ')!.id;
      const before = getBars(db, id, 1);
      for (const seed of [3, 17, 29]) {
        const { lines } = fuzz(seed);
        const r = importFile(db, tempFile(`NQ-fuzz-${seed}.csv`, lines.join('\n') + '\n'), { instrument: 'NQ', indicators: false });
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.barsDiffering).toBe(0);
        const now = getBars(db, id, 1);
        const at = new Map(now.t.map((t, k) => [t, [now.o[k], now.h[k], now.l[k], now.c[k], now.v[k]]]));
        before.t.forEach((t, k) => expect(at.get(t)).toEqual([before.o[k], before.h[k], before.l[k], before.c[k], before.v[k]]));
      }
    } finally {
      closeDb(db);
    }
  });
});
