// The one application window: sandboxed, isolated, no Node in the page; the preload's bridge
// is its only way out.
import { BrowserWindow } from 'electron';
import { APP_INDEX_URL, type AppPaths } from './paths.ts';

export function createMainWindow(paths: AppPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'AlgoSpace Workstation',
    backgroundColor: '#111418',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // a middle click must not open a link in a new window (electronegativity AUXCLICK_JS_CHECK)
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  if (paths.devServerUrl) void win.loadURL(paths.devServerUrl);
  else void win.loadURL(APP_INDEX_URL); // served by app/protocol.ts with the strict CSP
  return win;
}
