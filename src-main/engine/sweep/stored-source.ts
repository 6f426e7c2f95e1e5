// A stored instrument as sweep data (`stored: {db, symbols}` in a sweep file; the task's data reads
// `store:<db path>#<SYMBOL>`): the instrument's finest stored rows (trade ticks, else the finest bars),
// read from that database without writing to it, are written out exactly (shortest round-trip numbers,
// ISO UTC times) to a CSV that the task replays like any file. The CSV's SHA-256 is the data's identity,
// so a worker elsewhere that reads another copy of the database checks it holds the same rows.
// Ticks flagged volume-only (they move no price) cannot be said in a price,size CSV: they are left out.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { openDbReadOnly } from '../../store/db.ts';
import { storedInstrument } from '../../store/instruments.ts';
import { finestRows, readRows } from '../../store/replay-source.ts';

export const STORE_PREFIX = 'store:';

export interface StoredRef { db: string; symbol: string }

export const storedRef = (db: string, symbol: string): string => `${STORE_PREFIX}${db}#${symbol.toUpperCase()}`;

export function parseStoredRef(data: string): StoredRef | null {
  if (!data.startsWith(STORE_PREFIX)) return null;
  const hash = data.lastIndexOf('#');
  if (hash < 0) return null;
  return { db: data.slice(STORE_PREFIX.length, hash), symbol: data.slice(hash + 1) };
}

/** The rows as CSV text; throws a plain message for a missing database, symbol or data. */
export function storedCsv(ref: StoredRef): string {
  let db;
  try {
    db = openDbReadOnly(ref.db);
  } catch (e) {
    throw new Error(`${ref.db}: cannot open the database (${(e as Error).message})`);
  }
  try {
    const inst = storedInstrument(db, ref.symbol);
    if (!inst) throw new Error(`${ref.db}: no instrument '${ref.symbol}' is stored there`);
    const rows = finestRows(db, inst.id);
    if (!rows) throw new Error(`${ref.db}: '${ref.symbol}' has no stored rows`);
    const out: string[] = [rows.kind === 'ticks' ? 'time,price,size' : 'time,open,high,low,close,volume'];
    let after = { t: -Infinity, importId: -1, seq: -1 };
    for (;;) {
      const { chunk: c, last } = readRows(db, rows, after, 65_536);
      if (c.n === 0) break;
      for (let i = 0; i < c.n; i++) {
        const t = new Date(c.t[i]!).toISOString();
        if (c.kind === 'ticks') { if (c.volOnly[i] !== 1) out.push(`${t},${c.price[i]},${c.size[i]}`); }
        else out.push(`${t},${c.o[i]},${c.h[i]},${c.l[i]},${c.c[i]},${c.v[i]}`);
      }
      after = last;
    }
    return `${out.join('\n')}\n`;
  } finally {
    db.close();
  }
}

/** Runs `f` on a temporary CSV of the stored rows (a file path is passed through as it is); the CSV is gone after. */
export async function withDataFile<T>(data: string, f: (path: string) => T | Promise<T>): Promise<T> {
  const ref = parseStoredRef(data);
  if (!ref) return f(data);
  const dir = mkdtempSync(join(tmpdir(), 'algospace-stored-'));
  try {
    const path = join(dir, `${ref.symbol}.csv`);
    writeFileSync(path, storedCsv(ref));
    return await f(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A sweep file's `stored:` entries as data references (the database path resolved against the sweep file). */
export function storedRefs(db: string, symbols: readonly string[], at: (p: string) => string): string[] {
  const path = isAbsolute(db) ? db : resolve(at(db));
  return symbols.map((s) => storedRef(path, s));
}
