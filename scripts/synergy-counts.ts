// Synergy counts per 5m-capable file of ../shared/data (every 1m/5m bar file and trade-tick file of
// MANIFEST.csv), with the `spec` and `active` profiles: the table in README ("Profiles").
//   npx node scripts/synergy-counts.ts [dataDir]
// LEAN minute/tick day files of one symbol are also counted as one stream (days in date order).
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { DEFAULT_CONFIG } from '../src-shared/config.ts';
import { applyProfile, type ProfileName } from '../src-shared/profiles.ts';
import { barSpec, openFileSource } from '../src-main/engine/kernel/file-source.ts';
import { Kernel } from '../src-main/engine/kernel/kernel.ts';
import { cannotStep } from '../src-main/engine/kernel/mode.ts';

const dir = resolve(process.argv[2] ?? process.env.ALGOSPACE_SHARED_DATA ?? '../shared/data');
const manifest = readFileSync(join(dir, 'MANIFEST.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const files = manifest.filter((r) => ['bars-1m', 'bars-5m', 'ticks'].includes(r[4]!) && !r[0]!.endsWith('.dbn.zst')).map((r) => r[0]!);

/** the table's columns, in order */
const PROFILES: readonly ProfileName[] = ['spec', 'active'];

/** A stream's 5m steps and its synergies per profile: one kernel per profile, fed the same rows. */
function countStream(paths: string[]): { steps: number; synergies: number[] } | string {
  let kernels: Kernel[] | null = null, inMin = -1, steps = 0;
  const synergies = PROFILES.map(() => 0);
  for (const p of paths) {
    const o = openFileSource(join(dir, p));
    if (!o.ok) return o.problem.message;
    const f = o.value;
    const why = cannotStep(f.inputMinutes, '5m');
    if (why) return why;
    if (!kernels) {
      inMin = f.inputMinutes;
      // the first file's spec for the whole stream
      kernels = PROFILES.map((profile, i) => new Kernel({
        config: applyProfile(DEFAULT_CONFIG, profile, DEFAULT_CONFIG), spec: barSpec(f), mode: '5m', inputMinutes: f.inputMinutes, trading: null,
      }).listen({ step: ({ out }) => { if (out.bar && i === 0) steps++; if (out.synergy) synergies[i]!++; } }));
    } else if (f.inputMinutes !== inMin) {
      return `${p}: ${f.inputMinutes}-minute rows after ${inMin}-minute rows`;
    }
    for (const c of f.reader.chunks()) for (const k of kernels) k.feed(c);
  }
  for (const k of kernels ?? []) k.finish();
  return { steps, synergies };
}

const groups = new Map<string, string[]>();
for (const f of files) if (f.startsWith('lean/')) { const d = dirname(f); groups.set(d, [...(groups.get(d) ?? []), f]); }
const streams: [string, string[]][] = [
  ...files.map((f): [string, string[]] => [f, [f]]),
  ...[...groups].filter(([, fs]) => fs.length > 1).map(([d, fs]): [string, string[]] => [`${d}/* (${fs.length} days as one stream)`, fs.sort()]),
];
console.log('| file | 5m bars | spec | active |\n|---|---:|---:|---:|');
for (const [name, paths] of streams) {
  const c = countStream(paths);
  if (typeof c === 'string') { console.log(`| ${name} | — | ${c} | |`); continue; }
  console.log(`| ${name} | ${c.steps} | ${c.synergies.join(' | ')} |`);
}
