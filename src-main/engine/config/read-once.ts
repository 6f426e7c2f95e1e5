// The config as the engine will take it (the file, then ALGOSPACE_* overrides), read once by a part
// that starts before the engine or outside it: browser mode's upload bounds, the Electron updater.
// A missing file gives the defaults; an invalid one too, because the engine reports a bad config
// itself (banner, health) and keeps running on its defaults, so it is not reported twice.
import { existsSync } from 'node:fs';
import { DEFAULT_CONFIG, type Config } from '../../../src-shared/config.ts';
import { configPathFor, parseYaml, readConfigText } from './load.ts';
import { validateConfig } from './validate.ts';
import { applyOverrides, readEnvOverrides } from './env.ts';

export function readConfigOnce(dbPath: string, env: Record<string, string | undefined> = process.env): Config {
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
