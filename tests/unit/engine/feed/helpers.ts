// Test helpers: fixture paths, temp files, and flattening a reader's chunks into plain arrays.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { expect } from 'vitest';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import type { FeedReader, OpenOptions } from '../../../../src-main/engine/feed/types.ts';

export const DATA = resolve(process.cwd(), '../shared/data');
export const data = (rel: string): string => join(DATA, rel);

let dir: string | null = null;
/** Write `text` to a fresh temp file with the given name (folders allowed: `future/eurex/…/x.zip`) and return its path. */
export function tempFile(name: string, text: string | Buffer): string {
  dir ??= mkdtempSync(join(tmpdir(), 'feed-test-'));
  const p = join(dir, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

export function open(path: string, opts: OpenOptions = {}): FeedReader {
  const r = openFeed(path, opts);
  if (!r.ok) throw new Error(`expected ${path} to open: ${r.problem.message}`);
  return r.value;
}

export interface Flat {
  kind: 'ticks' | 'bars';
  n: number;
  t: number[];
  price: number[];
  size: number[];
  volOnly: number[];
  o: number[];
  h: number[];
  l: number[];
  c: number[];
  v: number[];
}

/** All rows of a reader as plain arrays (fine for fixture-sized files). */
export function readAll(r: FeedReader): Flat {
  const out: Flat = { kind: r.info.kind, n: 0, t: [], price: [], size: [], volOnly: [], o: [], h: [], l: [], c: [], v: [] };
  for (const ch of r.chunks()) {
    expect(ch.kind).toBe(r.info.kind);
    expect(ch.t.length).toBe(ch.n);
    out.n += ch.n;
    for (let i = 0; i < ch.n; i++) {
      out.t.push(ch.t[i]!);
      if (ch.kind === 'ticks') {
        out.price.push(ch.price[i]!); out.size.push(ch.size[i]!); out.volOnly.push(ch.volOnly[i]!);
      } else {
        out.o.push(ch.o[i]!); out.h.push(ch.h[i]!); out.l.push(ch.l[i]!); out.c.push(ch.c[i]!); out.v.push(ch.v[i]!);
      }
    }
  }
  return out;
}

export const utc = (iso: string): number => Date.parse(iso);
export const iso = (t: number | undefined): string => new Date(t ?? NaN).toISOString();

export function nonDecreasing(t: number[]): boolean {
  for (let i = 1; i < t.length; i++) if (t[i]! < t[i - 1]!) return false;
  return true;
}

/** A zip archive in memory (stored or deflated entries), for LEAN tests built from real entries. */
export function makeZip(entries: { name: string; text: string; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = Buffer.from(e.text, 'latin1');
    const body = e.deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(e.deflate ? 8 : 0, 8);
    lh.writeUInt32LE(crc32(raw), 14); lh.writeUInt32LE(body.length, 18); lh.writeUInt32LE(raw.length, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(e.deflate ? 8 : 0, 10);
    ch.writeUInt32LE(crc32(raw), 16); ch.writeUInt32LE(body.length, 20); ch.writeUInt32LE(raw.length, 24);
    ch.writeUInt16LE(name.length, 28); ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, body);
    central.push(ch, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
