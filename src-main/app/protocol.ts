// The renderer is served from a custom protocol (app://renderer/…), not from file:// (issue 16): a
// file:// page has the file system's origin rules, and a header CSP does not reach it. The handler maps a
// URL to a file inside the built renderer folder only (no traversal), and sends the strict CSP with it.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Protocol, Session } from 'electron';
import { rendererCsp } from './security.ts';
import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from './paths.ts';

export { APP_INDEX_URL };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.ico': 'image/x-icon',
};

/** Before app ready: the scheme is standard and secure (origin rules, fetch), and nothing else. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** The file an app:// URL names inside `rendererDir`, or null (another host, a path out of the folder). */
export function resolveAppPath(url: string, rendererDir: string): string | null {
  let u: URL;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try { rel = decodeURIComponent(u.pathname); } catch { return null; }
  if (rel.includes('\0')) return null;
  const root = normalize(rendererDir + sep);
  const path = normalize(join(root, rel === '/' ? 'index.html' : rel));
  return path.startsWith(root) ? path : null;
}

export function serveRenderer(session: Session, rendererDir: string): void {
  const headers = (type: string) => ({ 'Content-Type': type, 'Content-Security-Policy': rendererCsp(), 'X-Content-Type-Options': 'nosniff' });
  session.protocol.handle(APP_SCHEME, async (req) => {
    const path = resolveAppPath(req.url, rendererDir);
    if (!path) return new Response('Not found', { status: 404, headers: headers('text/plain') });
    try {
      return new Response(await readFile(path), { headers: headers(TYPES[extname(path)] ?? 'application/octet-stream') });
    } catch {
      return new Response('Not found', { status: 404, headers: headers('text/plain') });
    }
  });
}
