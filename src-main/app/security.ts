// Electron security policy in one place: strict CSP, no navigation, no new windows, no webviews,
// no permissions, and IPC accepted only from our own window's main frame showing our own page.
import type { App, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { APP_INDEX_URL } from './paths.ts';

export function rendererCsp(devServerUrl?: string): string {
  // The dev server needs its own origin for HMR (ws); the built app needs nothing but 'self'.
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  const connect = dev ? ` ${dev.origin} ${dev.origin.replace(/^http/, 'ws')}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Our page: exactly the built index.html as the app protocol serves it, or anything on the dev server's origin. */
export function isOwnPage(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try { u = new URL(url); } catch { return false; }
  if (devServerUrl) return u.origin === new URL(devServerUrl).origin;
  const own = new URL(APP_INDEX_URL);
  return u.protocol === own.protocol && u.host === own.host && u.pathname === own.pathname;
}

export function installSessionPolicy(session: Session, devServerUrl?: string): void {
  const csp = rendererCsp(devServerUrl);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Every web contents, including ones we never meant to create, gets the same lock-down. */
export function installContentsPolicy(app: App): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** The IPC sender check: our window's web contents, its main frame, our page. */
export function isTrustedSender(event: IpcMainInvokeEvent, expected: WebContents | null, devServerUrl?: string): boolean {
  if (!expected || expected.isDestroyed() || event.sender.id !== expected.id) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isOwnPage(frame.url, devServerUrl);
}
