// Browser mode's HTTP side: the Host and token gates, security headers on every response, the static
// renderer (no token: nothing secret in it) and the upload endpoint (token and our origin). The
// WebSocket lives in ws.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostAllowed, originAllowed, tokenSource } from './auth.ts';
import { serveStatic } from './static.ts';
import { handleUpload, MAX_UPLOAD_BYTES, UPLOAD_QUOTA_BYTES, type UploadQuota } from './upload.ts';

export interface HttpOptions {
  token: string;
  rendererDir: string;
  uploadRoot: string;
  /** the listening port (known only after listen) */
  port: () => number;
  log?: (msg: string) => void;
  /** the session's uploads together; default UPLOAD_QUOTA_BYTES */
  uploadQuotaBytes?: number;
  /** one upload; default MAX_UPLOAD_BYTES */
  uploadMaxBytes?: number;
}

export function csp(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': csp(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

export function createRequestHandler(opts: HttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const log = opts.log ?? ((msg: string) => console.error(`[server] ${msg}`));
  const quota: UploadQuota = { used: 0, max: opts.uploadQuotaBytes ?? UPLOAD_QUOTA_BYTES };
  return (req, res) => {
    const port = opts.port();
    for (const [k, v] of Object.entries(securityHeaders(port))) res.setHeader(k, v);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return plain(res, 400, 'Bad request');
    }
    const write = req.method !== 'GET' && req.method !== 'HEAD';
    // No details on refusal: a prober learns nothing about what was missing.
    const allowed = hostAllowed(req, port) && (!write || (originAllowed(req, port) && tokenSource(req, url, opts.token, ['header', 'query']) !== null));
    if (!allowed) {
      if (write) res.setHeader('Connection', 'close'); // an unwanted body is not read
      return plain(res, 403, 'Forbidden');
    }

    const done = (p: Promise<void>) => p.catch((e: unknown) => {
      log(`${req.method} ${url.pathname} failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) plain(res, 500, 'Internal error');
      else res.destroy();
    });
    if (url.pathname === '/upload' && req.method === 'POST') return void done(handleUpload(opts.uploadRoot, req, res, url, opts.uploadMaxBytes ?? MAX_UPLOAD_BYTES, quota));
    if (write || url.pathname === '/upload') {
      if (write) res.setHeader('Connection', 'close');
      return plain(res, 405, 'Method not allowed');
    }
    void done(serveStatic(opts.rendererDir, req, res, url.pathname));
  };
}
