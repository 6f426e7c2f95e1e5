// The unit of replay work: one source under one profile. Its samples are cached by a key of
// everything they depend on (sample-cache.ts), and made in a child process (scripts/train-source.ts)
// so two sources replay at once.
import { resolve } from 'node:path';
import { DEFAULT_CONFIG, type Config } from '../../../src-shared/config.ts';
import { applyProfile, type ProfileName } from '../../../src-shared/profiles.ts';
import { codeHash } from './code-hash.ts';
import { cacheKey } from './sample-cache.ts';
import { SOURCES, type Source } from './sources.ts';

export const TRAIN_PROFILES: readonly ProfileName[] = ['active', 'spec'];

export const configFor = (profile: ProfileName): Config => applyProfile(DEFAULT_CONFIG, profile, DEFAULT_CONFIG);

export interface SourceJob {
  profile: ProfileName;
  source: Source;
  key: string;
}

/** The code a sample depends on: everything the replay and the cache layout import. */
export function replayCodeHash(): string {
  const here = import.meta.dirname;
  return codeHash([resolve(here, 'dataset.ts'), resolve(here, 'sample-cache.ts')], resolve(here, '../../..')).sha256;
}

export function sourceJobs(profiles: readonly ProfileName[], dataDir: string): SourceJob[] {
  const code = replayCodeHash();
  return profiles.flatMap((profile) => SOURCES.map((source) => ({ profile, source, key: cacheKey(source, configFor(profile), dataDir, code) })));
}

export function findSource(id: string): Source {
  const s = SOURCES.find((x) => x.id === id);
  if (!s) throw new Error(`no source ${id}`);
  return s;
}
