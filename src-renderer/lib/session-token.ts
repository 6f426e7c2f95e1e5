// Browser mode's session token: it arrives once in the URL the server prints (?token=…), is kept in
// this tab's session storage, and leaves the address bar (and so the history) at once. It is sent
// with the WebSocket handshake and uploads only — never as a cookie, which every other server on
// 127.0.0.1 would receive (cookies ignore ports).
const KEY = 'algospace.token';

export interface TokenPlace {
  href: string;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  replaceUrl: (url: string) => void;
}

export function takeSessionToken(p: TokenPlace): string {
  const url = new URL(p.href);
  const given = url.searchParams.get('token');
  if (given) {
    p.storage.setItem(KEY, given);
    url.searchParams.delete('token');
    p.replaceUrl(`${url.pathname}${url.search}${url.hash}`);
    return given;
  }
  return p.storage.getItem(KEY) ?? '';
}
