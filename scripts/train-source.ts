// One replay job of `npm run train`, run as a child process: `node scripts/train-source.ts <profile>
// <source id> <data dir> <cache dir>`. Replays the source through the kernel under the profile,
// labels its synergies and writes the samples to the cache (sample-cache.ts). Progress to stderr.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { isProfileName } from '../src-shared/profiles.ts';
import { replaySource, SKIP_REASONS } from '../src-main/engine/training/dataset.ts';
import { toFeatureSample, writeCache } from '../src-main/engine/training/sample-cache.ts';
import { configFor, findSource, sourceJobs } from '../src-main/engine/training/source-jobs.ts';
import { ProgressMeter, progressLine } from '../src-shared/progress.ts';

const [profile, id, dataDir, cacheDir] = process.argv.slice(2);
if (!isProfileName(profile) || !id || !dataDir || !cacheDir) throw new Error('usage: train-source.ts <profile> <source id> <data dir> <cache dir>');
const src = findSource(id);
const key = sourceJobs([profile], dataDir).find((j) => j.source.id === id)!.key;
const log = (s: string) => process.stderr.write(`[train ${profile} ${id}] ${s}\n`);
const t0 = performance.now();
// progress lines (src-shared/progress.ts): the replay is the indicator phase, read by bytes of the source's files
const meter = new ProgressMeter({
  id: `train ${profile} ${id}`, kind: 'training', label: `[train ${profile} ${id}]`, phases: ['indicators', 'writing'],
  now: Date.now, everyMs: 2000, emit: (p) => process.stderr.write(`${progressLine(p)}\n`),
});
meter.phase('indicators', src.files.reduce((n, f) => n + statSync(join(dataDir, f)).size, 0), 'bytes');
const { report, samples } = replaySource(src, dataDir, configFor(profile), (steps, _t, bytes) => meter.tick(bytes.read, steps, bytes.total));
meter.phase('writing', samples.length, 'rows');
writeCache(cacheDir, { key, report, samples: samples.map(toFeatureSample) });
const skips = SKIP_REASONS.filter((r) => report.skipped[r] > 0).map((r) => `${r} ${report.skipped[r]}`).join(', ');
log(`${report.steps} steps${report.warm30 ? ` (+${report.warm30.bars} 30m warm-up bars)` : ''}, ${report.synergies} synergies, ${report.kept} kept${skips ? ` (skipped: ${skips})` : ''} [${((performance.now() - t0) / 1000).toFixed(1)} s]`);
