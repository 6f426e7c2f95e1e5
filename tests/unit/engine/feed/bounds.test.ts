// Bounded input (issue 16): only regular files are read (a FIFO would block for ever, /dev/zero never
// ends), a file larger than the bound is refused by its size before it is read, and a gzip or zip whose
// contents decompress past the bound (a bomb) is refused without holding them.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import { makeZip, tempFile } from './helpers.ts';
import { importFile } from '../../../../src-main/engine/ingest/import-file.ts';
import { openDb, closeDb } from '../../../../src-main/store/db.ts';

const HEADER = 'time,open,high,low,close,volume\n';
const row = '2024-01-02T14:30:00Z,1,2,0.5,1.5,10\n';

describe('input bounds', () => {
  it('a FIFO, a device and a directory are refused at once, by what they are', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feed-bounds-'));
    const fifo = join(dir, 'pipe.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const t0 = performance.now();
    for (const [path, got] of [[fifo, 'a device, FIFO or socket'], ['/dev/zero', 'a device, FIFO or socket'], [dir, 'a directory']] as const) {
      const r = openFeed(path);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem).toMatchObject({ code: 'not-a-file', got });
    }
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('an import refuses a FIFO or /dev/zero before hashing a byte of it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feed-bounds-'));
    const fifo = join(dir, 'pipe.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const db = openDb(':memory:');
    try {
      for (const path of [fifo, '/dev/zero']) {
        const r = importFile(db, path, { instrument: 'ES' });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.problem).toMatchObject({ code: 'not-a-file' });
      }
    } finally {
      closeDb(db);
    }
  });

  it('a file over the size bound is refused by its size; under it, it opens', () => {
    const path = tempFile('big.csv', HEADER + row.repeat(100));
    const r = openFeed(path, { maxBytes: 1000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ code: 'file-too-large', got: `${HEADER.length + row.length * 100} bytes` });
    expect(openFeed(path, { maxBytes: 100_000 }).ok).toBe(true);
  });

  it('a gzip bomb (64 MB of one row from 100 KB) is refused past the bound without inflating it all', () => {
    const bomb = tempFile('bomb.csv.gz', gzipSync(Buffer.from(HEADER + row.repeat(Math.ceil(64e6 / row.length))), { level: 9 }));
    const rss0 = process.memoryUsage().rss;
    const r = openFeed(bomb, { maxBytes: 8e6 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toMatch(/decompresses to more than 8,000,000 bytes \(a zip bomb/);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(40e6); // not the 64 MB
  });

  it('a zip whose one CSV inflates past the bound is refused the same way', () => {
    const zip = tempFile('bomb.zip', makeZip([{ name: 'bars.csv', text: HEADER + row.repeat(Math.ceil(16e6 / row.length)), deflate: true }]));
    const r = openFeed(zip, { maxBytes: 4e6 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toMatch(/bars\.csv decompresses to more than 4,000,000 bytes/);
    expect(openFeed(zip, { maxBytes: 64e6 }).ok).toBe(true);
  });
});

describe('line length (limits.max_line_kb)', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `2024-01-02T14:${String(i).padStart(2, '0')}:00Z,1,2,0.5,1.5,10\n`);

  it('a 200 KB junk line among clean rows is rejected alone, named with the key; the clean rows stay', () => {
    const r = rows(40);
    r.splice(20, 0, `${'x'.repeat(200_000)}\n`);
    const path = tempFile('long-line.csv', HEADER + r.join(''));
    const opened = openFeed(path, { instrument: 'ES' });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    let n = 0;
    for (const ch of opened.value.chunks()) n += ch.n;
    expect(n).toBe(40);
    expect(opened.value.stats.rowsRejected).toBe(1);
    expect(opened.value.problems[0]).toMatchObject({ line: 22, field: 'row', expected: 'at most 65536 bytes', got: '200000 bytes' });
    expect(opened.value.problems[0]!.message).toMatch(/longer than 65,536 bytes \(limits\.max_line_kb\)/);
  });

  it('a lower bound from the config applies to every longer line', () => {
    const r = rows(10);
    r[3] = r[3]!.replace(',10\n', `,10${' '.repeat(60)}\n`);
    const opened = openFeed(tempFile('long-line-2.csv', HEADER + r.join('')), { instrument: 'ES', maxLineBytes: 60 });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    let n = 0;
    for (const ch of opened.value.chunks()) n += ch.n;
    expect(n).toBe(9);
    expect(opened.value.problems.map((p) => p.line)).toEqual([5]);
  });
});
