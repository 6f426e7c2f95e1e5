// Command-line options of browser mode (npm run serve, scripts/start.mjs) and their defaults.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const APP_DIR_NAME = 'algospace-workstation';
export const DB_FILE = 'algospace.db';

/** The repository (or unpacked app) root: this file is <root>/src-main/server/options.ts. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The per-user data dir, shared by Electron and browser mode: Electron's userData path on macOS and
 * Windows, the XDG data dir (~/.local/share) on Linux (the Electron entry uses this too).
 */
export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), APP_DIR_NAME);
}

export interface CliOptions {
  port: number;
  dbPath: string;
  token: string | undefined;
  rendererDir: string;
  sampleDir: string;
}

export class UsageError extends Error {}

export const USAGE = 'usage: npm run serve -- [--port N] [--db PATH] [--token T] [--renderer DIR] [--sample DIR]';

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        db: { type: 'string' },
        token: { type: 'string' },
        renderer: { type: 'string' },
        sample: { type: 'string' },
      },
    }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const portText = values.port ?? (env.ALGOSPACE_PORT || '0');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port: expected 0..65535, got ${portText}`);
  // The token travels in URLs and a cookie: keep it to characters that need no escaping.
  if (values.token !== undefined && !/^[A-Za-z0-9_-]{16,256}$/.test(values.token)) {
    throw new UsageError('--token: expected 16-256 characters from A-Z a-z 0-9 _ -');
  }
  return {
    port,
    dbPath: resolve(values.db ?? join(userDataDir(), DB_FILE)),
    token: values.token,
    rendererDir: resolve(values.renderer ?? join(REPO_ROOT, 'out', 'renderer')),
    sampleDir: resolve(values.sample ?? join(REPO_ROOT, 'resources', 'sample')),
  };
}
