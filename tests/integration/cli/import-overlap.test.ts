// Stored data never changes silently (issue 16): a second bar file overlapping the stored bars, with five
// of them different, keeps the stored bars, names each difference, adds its new bars, and exits 1;
// `--replace` then takes the file's values (the 5m/30m bars follow); equal overlapping bars change nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { dataFile } from '../../helpers/data.ts';

const CLI = resolve(import.meta.dirname, '../../../src-main/cli/main.ts');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
let dir: string;
let header: string, rows: string[];
/** rows of the 1m bars table, by time */
function bars(db: string, tf = 1): Map<number, number[]> {
  const d = new Database(db, { readonly: true });
  try {
    return new Map((d.prepare('SELECT t, o, h, l, c, v FROM bars WHERE tf = ? ORDER BY t').raw().all(tf) as number[][]).map((r) => [r[0]!, r.slice(1)]));
  } finally {
    d.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algospace-overlap-'));
  const lines = readFileSync(dataFile('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), 'utf8').trim().split('\n');
  header = lines[0]!;
  rows = lines.slice(1, 4001);
  writeFileSync(join(dir, 'NQ-a.csv'), [header, ...rows.slice(0, 3000)].join('\n') + '\n');
  // rows 2000–3999: the first 1,000 overlap; five of those get another close (and a high/low that hold it)
  const b = rows.slice(2000, 4000).map((r, i) => {
    if (![10, 200, 400, 600, 800].includes(i)) return r;
    const f = r.split(',');
    const c = Number(f.at(-2)) + 0.25;
    f[f.length - 2] = String(c);
    f[f.length - 4] = String(Math.max(Number(f.at(-4)), c)); // high
    return f.join(',');
  });
  writeFileSync(join(dir, 'NQ-b.csv'), [header, ...b].join('\n') + '\n');
  writeFileSync(join(dir, 'NQ-same.csv'), [header, ...rows.slice(1000, 2000)].join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('import: overlapping bars', () => {
  it('keeps the stored bars, names each difference, adds the new ones; --replace takes the file\'s', () => {
    const db = join(dir, 's.db');
    expect(cli('import', join(dir, 'NQ-a.csv'), '--db', db, '--instrument', 'NQ').status).toBe(0);
    const before = bars(db);
    const before30 = bars(db, 30);
    expect(before.size).toBe(3000);

    const same = cli('import', join(dir, 'NQ-same.csv'), '--db', db, '--instrument', 'NQ');
    expect(same.status, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ bars_differing: 0, bars_replaced: 0 });
    expect(bars(db)).toEqual(before);

    const kept = cli('import', join(dir, 'NQ-b.csv'), '--db', db, '--instrument', 'NQ');
    expect(kept.status).toBe(1);
    expect(JSON.parse(kept.stdout)).toMatchObject({ rows_rejected: 0, bars_differing: 5, bars_replaced: 0 });
    expect(kept.stderr).toMatch(/5 bar\(s\) of the file differ from the stored ones at the same times: the stored bars are kept; import with --replace/);
    expect(kept.stderr.match(/stored-bar-differs|is stored with other values/g)?.length).toBe(5);
    const after = bars(db);
    expect(after.size).toBe(4000);
    for (const [t, v] of before) expect(after.get(t)).toEqual(v); // not one stored bar changed
    // the 30m bars are built from the kept 1m bars: those wholly before the overlap's end are as they were
    for (const [t, v] of before30) if (t < [...before.keys()].at(-1)! - 30 * 60_000) expect(bars(db, 30).get(t)).toEqual(v);

    const replaced = cli('import', join(dir, 'NQ-b.csv'), '--db', db, '--instrument', 'NQ', '--replace');
    expect(replaced.status, replaced.stderr).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ bars_differing: 5, bars_replaced: 5 });
    const now = bars(db);
    const changed = [...before].filter(([t, v]) => JSON.stringify(now.get(t)) !== JSON.stringify(v));
    expect(changed).toHaveLength(5);
    for (const [t, v] of changed) expect(now.get(t)![3]).toBeCloseTo(v[3]! + 0.25, 9);
    // and the 30m bars that hold them follow: each is its 1m bars aggregated (first open, max, min, last close, sum)
    const m30 = bars(db, 30);
    for (const [t] of changed) {
      const t30 = t - (t % (30 * 60_000));
      const ones = [...now].filter(([u]) => u >= t30 && u < t30 + 30 * 60_000).map(([, v]) => v);
      expect(m30.get(t30)).toEqual([ones[0]![0], Math.max(...ones.map((v) => v[1]!)), Math.min(...ones.map((v) => v[2]!)), ones.at(-1)![3], ones.reduce((a, v) => a + v[4]!, 0)]);
    }
  });
});
