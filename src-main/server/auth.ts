// Browser mode trusts nobody on the machine by default: any local process or web page can reach
// 127.0.0.1, so every request needs the session token, and anything that changes state must
// come from our own origin (cookies alone would let another 127.0.0.1 page ride along).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'algospace_token';
export const TOKEN_HEADER = 'x-algospace-token';

export function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export type TokenSource = 'query' | 'header' | 'cookie';

/** Where a valid token came from, or null. */
export function tokenSource(req: IncomingMessage, url: URL, token: string, allow: readonly TokenSource[]): TokenSource | null {
  if (allow.includes('query') && sameToken(url.searchParams.get('token'), token)) return 'query';
  const header = req.headers[TOKEN_HEADER];
  if (allow.includes('header') && sameToken(typeof header === 'string' ? header : null, token)) return 'header';
  if (allow.includes('cookie') && sameToken(cookieValue(req.headers.cookie, TOKEN_COOKIE), token)) return 'cookie';
  return null;
}

/** Our own origins: the page may be opened as 127.0.0.1 or localhost (both resolve to us). */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** Host header must name us (a DNS-rebinding page would send its own host name). */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Origin absent (not a browser, or a same-origin GET) or one of ours. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === undefined || ownOrigins(port).includes(origin);
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}
