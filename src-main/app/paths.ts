// Where the built pieces live relative to the bundled main (out/main/index.js), and the dev
// server URL electron-vite passes in development. Only main.ts reads the environment.
import { join } from 'node:path';

export interface AppPaths {
  preload: string;
  rendererIndex: string;
  /** set only in development (electron-vite dev), never in a packaged app */
  devServerUrl: string | undefined;
}

export function appPaths(mainDir: string, isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): AppPaths {
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererIndex: join(mainDir, '..', 'renderer', 'index.html'),
    devServerUrl: !isPackaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : undefined,
  };
}
