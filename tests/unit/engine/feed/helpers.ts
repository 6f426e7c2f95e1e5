// Test helpers: fixture paths, temp files, and flattening a reader's chunks into plain arrays.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import type { FeedReader, OpenOptions } from '../../../../src-main/engine/feed/types.ts';

export const DATA = resolve(process.cwd(), '../shared/data');
export const data = (rel: string): string => join(DATA, rel);

let dir: string | null = null;
/** Write `text` to a fresh temp file with the given name and return its path. */
export function tempFile(name: string, text: string | Buffer): string {
  dir ??= mkdtempSync(join(tmpdir(), 'feed-test-'));
  const p = join(dir, name);
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
