// Every row judged on its own (issue 16, point 1): real NQ 1-minute rows with one defect injected.
// The clean file is read the same way; the defective file must deliver exactly the clean rows minus the bad one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import { data, open, readAll, tempFile, utc, type Flat } from './helpers.ts';

const NQ = readFileSync(data('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'), 'latin1').trim().split(/\r?\n/);
/** header + the first 3,000 data rows; index i holds physical line i + 1 */
const base = (): string[] => NQ.slice(0, 3001);
const write = (name: string, lines: string[]): string => tempFile(name, lines.join('\n') + '\n');
const clean = readAll(open(write('nq-clean.csv', base())));

/** The clean rows without the row of physical line `line` (data rows start at line 2). */
function without(a: Flat, line: number): Flat {
  const k = line - 2;
  const cut = (xs: number[]): number[] => [...xs.slice(0, k), ...xs.slice(k + 1)];
  return { ...a, n: a.n - 1, t: cut(a.t), o: cut(a.o), h: cut(a.h), l: cut(a.l), c: cut(a.c), v: cut(a.v) };
}

function expectOneRejected(path: string, line: number, field: string, message: RegExp): void {
  const r = open(path);
  const a = readAll(r);
  expect(r.stats.rowsRead).toBe(3000);
  expect(r.stats.rowsRejected).toBe(1);
  expect(r.problems).toHaveLength(1);
  expect(r.problems[0]).toMatchObject({ line, field, file: path.split('/').pop() });
  expect(r.problems[0]!.message).toMatch(message);
  expect(r.problems[0]!.expected).toBeTruthy();
  expect(r.problems[0]!.got).toBeTruthy();
  expect(a).toEqual(without(clean, line));
}

describe('one wrong time is rejected by itself', () => {
  it('the clean 3,000 rows all pass', () => {
    expect(clean.n).toBe(3000);
    expect(clean.t[0]).toBe(utc('2023-11-19T23:00:00Z')); // 18:00 New York (EST)
  });

  it('a year typo 2062 at line 1,502: only that row is rejected, the 1,499 rows after it are kept', () => {
    const lines = base();
    expect(lines[1501]).toMatch(/^2023-11-20 20:00:00,/);
    lines[1501] = lines[1501]!.replace('2023', '2062');
    expectOneRejected(write('nq-2062.csv', lines), 1502, 'timestamp', /jumps ahead of its neighbours/);
  });

  it('a year typo on the first data row (no previous row) is rejected by itself', () => {
    const lines = base();
    lines[1] = lines[1]!.replace('2023', '2062');
    expectOneRejected(write('nq-2062-first.csv', lines), 2, 'timestamp', /jumps ahead/);
  });

  it('9999-12-31 is an impossible date (it would be a bar in year 10000 UTC)', () => {
    const lines = base();
    lines[700] = lines[700]!.replace(/^\S+/, '9999-12-31');
    expectOneRejected(write('nq-9999.csv', lines), 701, 'timestamp', /impossible date/);
  });

  it('an epoch number in a file of local ISO stamps is rejected by itself', () => {
    const lines = base();
    lines[1200] = lines[1200]!.replace(/^[^,]+/, String(utc('2023-11-21T12:00:00Z') / 1000));
    expectOneRejected(write('nq-epoch.csv', lines), 1201, 'timestamp', /own zone \(or an epoch number\)/);
  });

  it('a year typo backwards (2013) is rejected alone as earlier than the previous row', () => {
    const lines = base();
    lines[900] = lines[900]!.replace('2023', '2013');
    expectOneRejected(write('nq-2013.csv', lines), 901, 'timestamp', /earlier than the previous row/);
  });

  it('says the bound in the file\'s own zone, as the rejected row is written (issue 17: no message mixes UTC and local time)', () => {
    const lines = base();
    expect(lines[899]).toMatch(/^2023-11-20 08:58:00,/); // line 900, the row before the typo, in New York time
    lines[900] = lines[900]!.replace('2023', '2013');
    const r = open(write('nq-2013-zone.csv', lines));
    readAll(r);
    expect(r.problems[0]!.expected).toBe('≥ 2023-11-20 08:58:00 America/New_York');
    expect(r.problems[0]!.got).toMatch(/^2013-11-20 08:59:00/);
  });

  it('a real gap of more than 7 days (the rows after it continue from it) is kept', () => {
    const lines = base();
    // every row from line 1,502 on moves a month later (Nov → Dec, both EST): a gap, not a typo
    for (let i = 1501; i < lines.length; i++) lines[i] = lines[i]!.replace('2023-11-', '2023-12-');
    const r = open(write('nq-gap.csv', lines));
    const a = readAll(r);
    expect(r.stats.rowsRejected).toBe(0);
    expect(a.n).toBe(3000);
    expect(a.t[1499]).toBe(utc('2023-11-21T00:59:00Z')); // line 1,501: 19:59 EST
    expect(a.t[1500]).toBe(utc('2023-12-21T01:00:00Z')); // line 1,502: 20:00 EST a month later
  });
});

describe('duplicate bar times', () => {
  it('a repeated bar row is reported and dropped, not summed: the first is kept', () => {
    const lines = base();
    lines.splice(1000, 0, lines[999]!.replace(/,\d+$/, ',139'));
    lines[999] = lines[999]!.replace(/,\d+$/, ',139');
    const path = write('nq-dup.csv', lines);
    const r = open(path);
    const a = readAll(r);
    expect(r.stats.rowsRead).toBe(3001);
    expect(r.stats.rowsRejected).toBe(1);
    expect(r.problems[0]).toMatchObject({ line: 1001, field: 'timestamp', code: 'duplicate-bar' });
    expect(r.problems[0]!.message).toContain('first bar with this time is kept');
    expect(a.n).toBe(3000);
    expect(a.v[998]).toBe(139); // not 278
    expect(a.t).toEqual(clean.t);
  });
});

describe('field counts', () => {
  it('a row with 9 fields where 6 are expected is rejected by itself', () => {
    const lines = base();
    lines[1500] = `${lines[1500]},1,2,3`;
    expectOneRejected(write('nq-9-fields.csv', lines), 1501, 'row', /too many fields/);
  });

  it('a row with 5 fields (no volume) is rejected by itself', () => {
    const lines = base();
    lines[1500] = lines[1500]!.replace(/,\d+$/, '');
    expectOneRejected(write('nq-5-fields.csv', lines), 1501, 'volume', /too few fields/);
  });
});

describe('finite and plausible values only', () => {
  for (const [what, edit, field] of [
    ['price 1e308', (s: string) => s.replace(/^([^,]+,)([^,]+),([^,]+)/, '$11e308,1e308'), 'open'],
    ['price 1e-308', (s: string) => s.replace(/^([^,]+,[^,]+,[^,]+,)[^,]+/, '$11e-308'), 'low'],
    ['price 2e12', (s: string) => s.replace(/^([^,]+,)[^,]+,[^,]+,[^,]+,[^,]+/, '$12e12,2e12,2e12,2e12'), 'open'],
    ['volume 1e308', (s: string) => s.replace(/,\d+$/, ',1e308'), 'volume'],
    ['volume NaN', (s: string) => s.replace(/,\d+$/, ',NaN'), 'volume'],
  ] as const) {
    it(`${what} is rejected by itself`, () => {
      const lines = base();
      lines[2000] = edit(lines[2000]!);
      expectOneRejected(write(`nq-${what.replace(/\W/g, '_')}.csv`, lines), 2001, field, /plausible/);
    });
  }
});

describe('one bad line never decides the format', () => {
  it('a line without any separator near the top only rejects that line', () => {
    const lines = base();
    lines[1] = 'garbage line without separators';
    const path = write('nq-nosep.csv', lines);
    const r = open(path);
    const a = readAll(r);
    expect(r.stats.rowsRejected).toBe(1);
    expect(r.problems[0]).toMatchObject({ line: 2 });
    expect(a).toEqual(without(clean, 2));
  });

  it('a NUL byte in the first 4 KB rejects that line, not the file', () => {
    const lines = base();
    lines[10] = lines[10]!.replace(',', ',\u0000');
    expectOneRejected(write('nq-nul.csv', lines), 11, 'row', /NUL/);
  });

  it('a file that is mostly NUL bytes is still refused as binary', () => {
    const bin = Buffer.from('a,b\n' + '\u0000\u0001,\u0002\n'.repeat(1000), 'latin1');
    const r = openFeed(tempFile('blob.csv', bin));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toContain('binary');
  });
});

/** Real NQ OHLCV values under rewritten local stamps `day hh:mm:00`, one row per minute given. */
function localFile(name: string, day: string, minutes: number[]): string {
  const rows = minutes.map((m, i) => {
    const vals = NQ[i + 1]!.split(',').slice(1).join(',');
    return `${day} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00,${vals}`;
  });
  return write(name, [NQ[0]!, ...rows]);
}
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

describe('daylight saving in local-time files (America/New_York)', () => {
  it('the repeated autumn hour keeps both passes in order (first EDT, then EST)', () => {
    // 2023-11-05: 00:00–01:59 EDT (UTC−4), then 01:00–02:59 EST (UTC−5); 240 minutes in all
    const path = localFile('nq-fold.csv', '2023-11-05', [...range(0, 120), ...range(60, 180)]);
    const r = open(path, { tz: 'America/New_York' });
    const a = readAll(r);
    expect(r.stats.rowsRejected).toBe(0);
    expect(a.n).toBe(240);
    const start = utc('2023-11-05T04:00:00Z');
    expect(a.t).toEqual(range(0, 240).map((k) => start + k * 60_000));
  });

  it('the spring gap: 02:xx does not exist and is rejected per row, 03:xx is kept', () => {
    // 2024-03-10: 01:00–01:59 EST, 02:00–02:59 written but non-existent, 03:00–03:59 EDT
    const path = localFile('nq-gap-dst.csv', '2024-03-10', range(60, 240));
    const r = open(path, { tz: 'America/New_York' });
    const a = readAll(r);
    expect(r.stats.rowsRejected).toBe(60);
    expect(r.problems.map((p) => p.line)).toEqual(range(62, 122));
    expect(r.problems[0]!.message).toContain('does not exist');
    expect(a.n).toBe(120);
    const start = utc('2024-03-10T06:00:00Z');
    expect(a.t).toEqual(range(0, 120).map((k) => start + k * 60_000));
  });
});
