// The browser-mode token: taken from the URL once, kept in session storage, removed from the address bar.
import { describe, it, expect } from 'vitest';
import { takeSessionToken } from '../../../src-renderer/lib/session-token.ts';

function place(href: string, stored: Record<string, string> = {}) {
  const store = { ...stored };
  const replaced: string[] = [];
  return {
    store, replaced,
    p: { href, storage: { getItem: (k: string) => store[k] ?? null, setItem: (k: string, v: string) => { store[k] = v; } }, replaceUrl: (u: string) => replaced.push(u) },
  };
}

describe('session token', () => {
  it('the first load: kept, and the URL loses it (other parameters and the hash stay)', () => {
    const x = place('http://127.0.0.1:5000/?sym=ES&token=abc123#chart');
    expect(takeSessionToken(x.p)).toBe('abc123');
    expect(x.store['algospace.token']).toBe('abc123');
    expect(x.replaced).toEqual(['/?sym=ES#chart']);
  });

  it('a reload: from session storage, the URL left alone', () => {
    const x = place('http://127.0.0.1:5000/', { 'algospace.token': 'abc123' });
    expect(takeSessionToken(x.p)).toBe('abc123');
    expect(x.replaced).toEqual([]);
  });

  it('a new URL token (a restarted server) replaces the stored one', () => {
    const x = place('http://127.0.0.1:5000/?token=new', { 'algospace.token': 'old' });
    expect(takeSessionToken(x.p)).toBe('new');
    expect(x.store['algospace.token']).toBe('new');
  });

  it('neither: empty (the WebSocket is then refused)', () => {
    expect(takeSessionToken(place('http://127.0.0.1:5000/').p)).toBe('');
  });
});
