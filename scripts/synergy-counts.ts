// Synergy counts per 5m-capable file of ../shared/data (every 1m/5m bar file and trade-tick file of
// MANIFEST.csv), with the `spec` and `active` profiles: the table in README ("Profiles").
//   npx node scripts/synergy-counts.ts [dataDir]
// LEAN minute/tick day files of one symbol are also counted as one stream (days in date order).
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { openFeed } from '../src-main/engine/feed/index.ts';
import { BarSet } from '../src-main/engine/bars/bar-set.ts';
import { zone } from '../src-shared/time.ts';
import { IndicatorPipeline } from '../src-main/engine/pipeline.ts';
import { DEFAULT_CONFIG } from '../src-shared/config.ts';
import { applyProfile, PROFILE_NAMES } from '../src-shared/profiles.ts';
import { genericInstrument, type InstrumentSpec } from '../src-shared/instruments.ts';
import { inputMinutes } from '../src-main/engine/feed/input-minutes.ts';
import type { Bar } from '../src-shared/domain/bars.ts';

const dir = resolve(process.argv[2] ?? process.env.ALGOSPACE_SHARED_DATA ?? '../shared/data');
const manifest = readFileSync(join(dir, 'MANIFEST.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const files = manifest.filter((r) => ['bars-1m', 'bars-5m', 'ticks'].includes(r[4]!) && !r[0]!.endsWith('.dbn.zst')).map((r) => r[0]!);

function bars5(paths: string[]): { bars: Bar[]; spec: InstrumentSpec } | string {
  const bars: Bar[] = [];
  let spec: InstrumentSpec | null = null;
  for (const p of paths) {
    const o = openFeed(join(dir, p));
    if (!o.ok) return o.problem.message;
    const info = o.value.info;
    spec ??= info.instrument ?? genericInstrument('UNKNOWN', info.sourceTz);
    const set = new BarSet(zone(spec.exchangeTz), inputMinutes(info), (tf, b) => { if (tf === '5m') bars.push({ ...b }); });
    for (const c of o.value.chunks()) set.push(c);
    set.flush();
  }
  return { bars, spec: spec! };
}

function count(b: { bars: Bar[]; spec: InstrumentSpec }, profile: (typeof PROFILE_NAMES)[number]): number {
  const config = applyProfile(DEFAULT_CONFIG, profile, DEFAULT_CONFIG);
  const p = new IndicatorPipeline({ config, exchangeTz: b.spec.exchangeTz, tickSize: b.spec.tickSize, mode: '5m' });
  let n = 0;
  for (const bar of b.bars) if (p.push5m(bar).synergy) n++;
  return n;
}

const groups = new Map<string, string[]>();
for (const f of files) if (f.startsWith('lean/')) { const d = dirname(f); groups.set(d, [...(groups.get(d) ?? []), f]); }
const streams: [string, string[]][] = [
  ...files.map((f): [string, string[]] => [f, [f]]),
  ...[...groups].filter(([, fs]) => fs.length > 1).map(([d, fs]): [string, string[]] => [`${d}/* (${fs.length} days as one stream)`, fs.sort()]),
];
console.log('| file | 5m bars | spec | active |\n|---|---:|---:|---:|');
for (const [name, paths] of streams) {
  const b = bars5(paths);
  if (typeof b === 'string') { console.log(`| ${name} | — | ${b} | |`); continue; }
  console.log(`| ${name} | ${b.bars.length} | ${count(b, 'spec')} | ${count(b, 'active')} |`);
}
