// A 1,000,000-bar 1-minute CSV for the chart bench (`npm run bench:chart`), derived from real data:
// FirstRate's NQ 1-minute sample (2023-11-19 18:00 … 2023-12-04, America/New_York) is tiled. Each
// tile keeps the first 14 days of the file (Sunday 18:00 to Sunday 17:59, so session hours, weekends
// and the daily break stay where they were) shifted by 14 days per tile in exchange wall-clock time,
// and its prices are multiplied by a factor chosen so that a tile opens where the previous one
// closed (a multiplicative continuation; prices rounded to the 0.25 tick, volumes as in the file).
// So the bars look like NQ's own, over ~2.8 years, with no seam jumps.
// Usage: npx node scripts/gen-chart-bars.ts OUT.csv [bars]
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** bump when the output changes: the bench caches its imported store by this version */
export const GENERATOR_VERSION = 1;
export const SOURCE = resolve(import.meta.dirname, '../../shared/data/firstratedata/nq_futures_2023-11/NQ_1min_sample.csv');

const DAY = 86_400_000;
const TILE = 14 * DAY;
const TICK = 0.25;

interface Row { t: number; o: number; h: number; l: number; c: number; v: number }

/** wall-clock time "YYYY-MM-DD HH:MM:SS" ↔ ms, as if it were UTC (shifting wall-clock times) */
const parseWall = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);
const fmtWall = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');
const tick = (p: number) => (Math.round(p / TICK) * TICK).toFixed(2);

function readSource(): Row[] {
  const lines = readFileSync(SOURCE, 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((line) => {
    const [ts, o, h, l, c, v] = line.split(',');
    return { t: parseWall(ts!), o: +o!, h: +h!, l: +l!, c: +c!, v: +v! };
  });
  const end = rows[0]!.t + TILE;
  return rows.filter((r) => r.t < end);
}

/** The CSV text of `n` bars. */
export function generate(n = 1_000_000): string {
  const tile = readSource();
  const out: string[] = ['timestamp,open,high,low,close,volume'];
  let factor = 1;
  for (let k = 0; out.length <= n; k++) {
    const shift = k * TILE;
    for (const r of tile) {
      if (out.length > n) break;
      out.push(`${fmtWall(r.t + shift)},${tick(r.o * factor)},${tick(r.h * factor)},${tick(r.l * factor)},${tick(r.c * factor)},${r.v}`);
    }
    factor *= tile[tile.length - 1]!.c / tile[0]!.o;
  }
  return `${out.join('\n')}\n`;
}

if (import.meta.filename === process.argv[1] || process.argv[1]?.endsWith('gen-chart-bars.ts')) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: gen-chart-bars.ts OUT.csv [bars]\n');
    process.exit(2);
  }
  writeFileSync(file, generate(process.argv[3] ? Number(process.argv[3]) : undefined));
}
