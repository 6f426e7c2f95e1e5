// Browser mode trusts nobody on the machine by default: any local process or web page can reach
// 127.0.0.1, so the WebSocket (every command and event) and uploads need the session token, and
// anything that changes state must come from our own origin. The token is never a cookie: cookies
// ignore ports, so a cookie would be sent to every other server on 127.0.0.1. The page keeps it in
// its session storage (src-renderer/lib/session-token.ts) and sends it with the WebSocket handshake
// and each upload; the renderer's static files hold nothing secret and need no token.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER } from '../../src-shared/ipc.ts';

export { TOKEN_HEADER };

export function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type TokenSource = 'query' | 'header';

/** Where a valid token came from, or null. */
export function tokenSource(req: IncomingMessage, url: URL, token: string, allow: readonly TokenSource[]): TokenSource | null {
  if (allow.includes('query') && sameToken(url.searchParams.get('token'), token)) return 'query';
  const header = req.headers[TOKEN_HEADER];
  if (allow.includes('header') && sameToken(typeof header === 'string' ? header : null, token)) return 'header';
  return null;
}

/** Our own origins: the page may be opened as 127.0.0.1 or localhost (both resolve to us). */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * Exactly one Host header, naming us (a DNS-rebinding page would send its own host name; Node keeps
 * only the first of several Host headers, so a second one is counted in the raw headers).
 */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  let hosts = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === 'host') hosts++;
  const host = req.headers.host;
  return hosts === 1 && (host === `127.0.0.1:${port}` || host === `localhost:${port}`);
}

/** Origin absent (not a browser, or a same-origin GET) or one of ours. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === undefined || ownOrigins(port).includes(origin);
}
