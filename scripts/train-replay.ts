// The replay half of `npm run train`: every (profile, source) job whose samples are not cached yet
// runs in a child process (scripts/train-source.ts), at most `parallel` at once, longest first;
// then every job's samples come from the cache.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { ProfileName } from '../src-shared/profiles.ts';
import { readCache, type CachedSource } from '../src-main/engine/training/sample-cache.ts';
import { sourceJobs, type SourceJob } from '../src-main/engine/training/source-jobs.ts';

export interface ReplayResult extends SourceJob {
  cached: CachedSource;
}

const worker = resolve(import.meta.dirname, 'train-source.ts');

function runJob(j: SourceJob, dataDir: string, cacheDir: string): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [worker, j.profile, j.source.id, dataDir, cacheDir], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${j.profile} ${j.source.id}: replay exited with ${code}`))));
  });
}

/** 30m files and warmed sources are the long ones: start them first so the two workers finish together. */
const cost = (j: SourceJob) => (j.source.mode === '30m' ? 2 : j.source.warm30 ? 1 : 0);

export async function replayAll(profiles: readonly ProfileName[], dataDir: string, cacheDir: string, parallel: number,
  log: (s: string) => void): Promise<ReplayResult[]> {
  const jobs = sourceJobs(profiles, dataDir);
  const todo = jobs.filter((j) => readCache(cacheDir, j.key) === null).sort((a, b) => cost(b) - cost(a));
  log(`${jobs.length - todo.length} of ${jobs.length} replays cached in ${cacheDir}; running ${todo.length} (${parallel} at once)`);
  let next = 0;
  const lane = async () => {
    while (next < todo.length) await runJob(todo[next++]!, dataDir, cacheDir);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, todo.length) }, lane));
  return jobs.map((j) => {
    const cached = readCache(cacheDir, j.key);
    if (!cached) throw new Error(`${j.profile} ${j.source.id}: no cached samples after the replay`);
    return { ...j, cached };
  });
}
