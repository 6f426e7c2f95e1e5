// Browser mode's upload bounds come from the store's config.yaml (limits.max_upload_mb and
// limits.upload_quota_mb, or their ALGOSPACE_LIMITS_* overrides), read once when the server starts. A missing or invalid config gives the
// defaults: the engine reports a bad config itself (banner, health), so it is not reported twice.
import { existsSync } from 'node:fs';
import { DEFAULT_CONFIG, mib, type Config } from '../../src-shared/config.ts';
import { configPathFor, parseYaml, readConfigText } from '../engine/config/load.ts';
import { validateConfig } from '../engine/config/validate.ts';
import { applyOverrides, readEnvOverrides } from '../engine/config/env.ts';

export interface UploadLimits {
  /** one upload, bytes */
  fileBytes: number;
  /** all uploads of the session together, bytes */
  quotaBytes: number;
}

/** The config as the engine will take it (file, then ALGOSPACE_* overrides), or the defaults. */
function configOf(dbPath: string, env: Record<string, string | undefined>): Config {
  const path = configPathFor(dbPath);
  let value: unknown = {};
  if (existsSync(path)) {
    const text = readConfigText(path);
    const parsed = text.ok ? parseYaml(text.text) : null;
    if (!parsed || parsed.problems.length) return DEFAULT_CONFIG;
    value = parsed.value;
  }
  const v = validateConfig(applyOverrides(value, readEnvOverrides(env)));
  return v.ok ? v.config : DEFAULT_CONFIG;
}

export function uploadLimits(dbPath: string, env: Record<string, string | undefined> = process.env): UploadLimits {
  const l = configOf(dbPath, env).limits;
  return { fileBytes: mib(l.max_upload_mb), quotaBytes: mib(l.upload_quota_mb) };
}
