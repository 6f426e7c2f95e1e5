// Every LEAN row judged on its own (issue 16, point 1), on real LEAN zips with one defect written in:
// a time that jumps ahead (a typo) is rejected alone, never the clean rows after it; a real gap (the
// file continues from it) is kept; a bar repeated at the same minute keeps the first bar (not summed);
// a tick price past the readers' bound is rejected. Expected rows come from the unmodified file.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { zipEntries, zipRead } from '../../../../src-main/engine/feed/zip.ts';
import { data, makeZip, open, readAll, tempFile, type Flat } from './helpers.ts';

/** The entry of a real LEAN zip, its lines edited, zipped again under the same LEAN folders. */
function edited(rel: string, edit: (lines: string[]) => string[]): { path: string; clean: Flat } {
  const buf = readFileSync(data(rel));
  const e = zipEntries(buf)[0]!;
  const lines = zipRead(buf, e).toString('latin1').trimEnd().split(/\r?\n/);
  const path = tempFile(`edited-${Math.random().toString(36).slice(2)}/${rel.replace(/^lean\//, '')}`, makeZip([{ name: e.name, text: edit([...lines]).join('\n') + '\n', deflate: true }]));
  return { path, clean: readAll(open(data(rel))) };
}

const rows = (f: Flat) => Array.from({ length: f.n }, (_, i) => `${f.t[i]}|${f.o?.[i] ?? f.price?.[i]}|${f.v?.[i] ?? f.size?.[i]}`);

describe('LEAN minute bars (SPY 2013-10-07, 828 bars)', () => {
  const REL = 'lean/equity/usa/minute/spy/20131007_trade.zip';

  it('a time typo far ahead at line 300: that row alone is rejected, the 827 others kept exactly', () => {
    const { path, clean } = edited(REL, (l) => { const f = l[299]!.split(','); f[0] = String(Number(f[0]) + 5 * 3_600_000); l[299] = f.join(','); return l; });
    const r = open(path);
    const got = readAll(r);
    const want = rows(clean);
    want.splice(299, 1);
    expect(rows(got)).toEqual(want);
    expect(r.stats.rowsRejected).toBe(1);
    expect(r.problems[0]).toMatchObject({ line: 300, field: 'time' });
    expect(r.problems[0]!.message).toMatch(/time jumps ahead of its neighbours/);
  });

  it('a real gap (two hours of bars missing) is kept: nothing rejected', () => {
    const { path, clean } = edited(REL, (l) => { l.splice(300, 120); return l; });
    const r = open(path);
    const want = rows(clean);
    want.splice(300, 120);
    expect(rows(readAll(r))).toEqual(want);
    expect(r.stats.rowsRejected).toBe(0);
  });

  it('two real gaps in a row around one lone bar: every bar kept at its own time, nothing rejected', () => {
    const drop = (i: number) => (i >= 300 && i < 420) || (i >= 421 && i < 540);
    const { path, clean } = edited(REL, (l) => l.filter((_, i) => !drop(i)));
    const r = open(path);
    expect(rows(readAll(r))).toEqual(rows(clean).filter((_, i) => !drop(i)));
    expect(r.stats.rowsRejected).toBe(0);
  });

  it('a bar repeated at the same minute with other values: the first is kept, the repeat rejected (not summed)', () => {
    const { path, clean } = edited(REL, (l) => { const f = l[99]!.split(','); f[5] = String(Number(f[5]) * 2 + 1); l.splice(100, 0, f.join(',')); return l; });
    const r = open(path);
    expect(rows(readAll(r))).toEqual(rows(clean));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'duplicate-bar', line: 101 });
  });
});

describe('LEAN ticks (SPY 2013-10-07, 250,601 trades)', () => {
  const REL = 'lean/equity/usa/tick/spy/20131007_trade.zip';

  it('a time typo far ahead at line 70,000 and a price past the bound: those two alone are rejected', () => {
    const { path, clean } = edited(REL, (l) => {
      const a = l[69_999]!.split(','); a[0] = String(Number(a[0]) + 10 * 3_600_000); l[69_999] = a.join(',');
      const b = l[120_000]!.split(','); b[1] = '99000000000000000'; l[120_000] = b.join(',');
      return l;
    });
    const r = open(path);
    const got = readAll(r);
    expect(got.n).toBe(clean.n - 2);
    const want = rows(clean);
    want.splice(120_000, 1);
    want.splice(69_999, 1);
    expect(rows(got)).toEqual(want);
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([[70_000, 'time'], [120_001, 'price']]);
  });
});
