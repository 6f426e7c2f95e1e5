// Electron entry (built to out/main/index.js). Glue only: one instance, one window, the engine
// in a worker thread, the relay between them, and a drained engine before the process exits.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, Menu, protocol, session, type BrowserWindow } from 'electron';
import { startEngine, type EngineHost } from '../server/engine-host.ts';
import { DB_FILE, userDataDir } from '../server/options.ts';
import { buildMenu } from './menu.ts';
import { appPaths } from './paths.ts';
import { registerRelay } from './relay.ts';
import { installContentsPolicy, installSessionPolicy } from './security.ts';
import { createMainWindow } from './window.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { loadElectronUpdater, startUpdates } from './updates.ts';
import { readConfigOnce } from '../engine/config/read-once.ts';

// the store, logs and config are the trader's alone: files 0600, folders 0700
process.umask(0o077);
const paths = appPaths(import.meta.dirname, app.isPackaged);
let engine: EngineHost | null = null;
let win: BrowserWindow | null = null;
let drained = false;

function openWindow(): void {
  win = createMainWindow(paths);
  win.on('closed', () => { win = null; });
}

function start(): void {
  installSessionPolicy(session.defaultSession, paths.devServerUrl);
  if (!paths.devServerUrl) serveRenderer(session.defaultSession, paths.rendererDir);
  // The same store as browser mode on every platform (Electron's own userData on Linux is ~/.config).
  const userData = userDataDir();
  mkdirSync(userData, { recursive: true });
  const dbPath = join(userData, DB_FILE);
  engine = startEngine({
    dbPath,
    sampleDir: app.isPackaged ? join(process.resourcesPath, 'sample') : join(app.getAppPath(), 'resources', 'sample'),
    mode: 'electron',
  });
  registerRelay(engine, { contents: () => win?.webContents ?? null, devServerUrl: paths.devServerUrl });
  Menu.setApplicationMenu(buildMenu({ window: () => win, engine: () => engine }));
  openWindow();
  // off by default (updates.check_on_start); never in the way of the start
  void startUpdates({ enabled: readConfigOnce(dbPath).updates.check_on_start, packaged: app.isPackaged, load: loadElectronUpdater, log: (m) => console.error(m) });
  app.on('activate', () => { if (!win) openWindow(); }); // macOS dock click
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme(protocol); // before ready: the renderer's own origin (app://renderer)
  installContentsPolicy(app);
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // Quit waits for the engine to finish its writes (close() terminates it after 5 s at most).
  let draining = false;
  app.on('before-quit', (event) => {
    if (drained) return;
    event.preventDefault();
    if (draining) return;
    draining = true;
    void (engine?.close() ?? Promise.resolve()).finally(() => {
      drained = true;
      app.exit(0);
    });
  });
  app.whenReady().then(start).catch((e: unknown) => {
    dialog.showErrorBox('AlgoSpace Workstation could not start', e instanceof Error ? (e.stack ?? e.message) : String(e));
    app.exit(1);
  });
}
