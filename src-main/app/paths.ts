// Where the built pieces live relative to the bundled main (out/main/index.js), and the dev
// server URL electron-vite passes in development. Only main.ts reads the environment.
import { join } from 'node:path';

/** The renderer's address in the built app: a custom protocol (app/protocol.ts), not file:// */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface AppPaths {
  preload: string;
  rendererIndex: string;
  /** the built renderer folder the app protocol serves */
  rendererDir: string;
  /** set only in development (electron-vite dev), never in a packaged app */
  devServerUrl: string | undefined;
}

export function appPaths(mainDir: string, isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): AppPaths {
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererIndex: join(mainDir, '..', 'renderer', 'index.html'),
    rendererDir: join(mainDir, '..', 'renderer'),
    devServerUrl: !isPackaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : undefined,
  };
}
