// Bad rows are skipped, counted and reported with the physical line and the field; good rows stay.
import { describe, expect, it } from 'vitest';
import { iso, makeZip, open, readAll, tempFile } from './helpers.ts';

describe('CSV bars with bad rows', () => {
  // CRLF, an empty line, and no newline after the last row
  const lines = [
    'timestamp,open,high,low,close,volume', // 1
    '2024-01-02 09:30:00,100,101,99,100.5,10', // 2 ok
    '2024-01-02 09:31:00,abc,101,99,100,10', // 3 open not a number
    '2024-01-02 09:32:00,100,101,99', // 4 too few fields
    '2024-01-02 09:33:00,0,101,99,100,10', // 5 price ≤ 0
    '2024-01-02 09:34:00,100,98,99,100,10', // 6 high < low
    '2024-01-02 09:35:00,100,100.2,99,100.5,10', // 7 high < close
    '2024-01-02 09:36:00,100,101,100.2,100.5,10', // 8 low > open
    '2024-01-02 09:37:00,100,101,99,100,-5', // 9 negative volume
    '2024-01-02 09:38:00,100,101,99,NaN,10', // 10 NaN
    '2024-01-02 09:39:00,100,Infinity,99,100,10', // 11 Infinity
    '2024-01-02 25:99:00,100,101,99,100,10', // 12 bad time
    '', // 13 empty: fine
    '2024-01-02 09:40:00,100,101,99,100,10', // 14 ok
    '2024-01-02 09:39:30,100,101,99,100,10', // 15 earlier than line 14
    '2024-01-02 09:40:00,100,101,99,100,11', // 16 equal stamp of a bar: duplicate, dropped (first kept)
    '2024-01-02 09:41:00,100,101,99,100,12', // 17 ok, no newline after it
  ];
  const path = tempFile('bad-bars.csv', lines.join('\r\n'));

  it('keeps the good rows in order', () => {
    const r = open(path);
    const a = readAll(r);
    expect(a.n).toBe(3);
    expect(a.v).toEqual([10, 10, 12]);
    expect(a.t.map(iso)).toEqual(['2024-01-02T14:30:00.000Z', '2024-01-02T14:40:00.000Z', '2024-01-02T14:41:00.000Z']);
    expect(r.stats.rowsRead).toBe(15);
    expect(r.stats.rowsRejected).toBe(12);
  });

  it('reports line and field of every bad row', () => {
    const r = open(path);
    readAll(r);
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'open'], [4, 'close'], [5, 'open'], [6, 'high'], [7, 'high'], [8, 'low'], [9, 'volume'],
      [10, 'close'], [11, 'high'], [12, 'timestamp'], [15, 'timestamp'], [16, 'timestamp'],
    ]);
    expect(r.problems[11]!.code).toBe('duplicate-bar');
    expect(r.problems[11]!.message).toContain('first bar with this time is kept');
    for (const p of r.problems.slice(0, 11)) {
      expect(p.code).toBe('bad-row');
      expect(p.file).toBe('bad-bars.csv');
      expect(p.expected).toBeTruthy();
    }
    expect(r.problems[0]!.got).toBe('abc');
    expect(r.problems[1]!.message).toBe('too few fields');
    expect(r.problems[9]!.got).toBe('2024-01-02 25:99:00');
    expect(r.problems[10]!.message).toContain('earlier');
  });

  it('keeps only the first 100 problems but counts all', () => {
    const rows = ['timestamp,open,high,low,close'];
    for (let i = 0; i < 150; i++) rows.push(`2024-01-02 09:30:00,x,1,1,1`);
    rows.push('2024-01-02 09:31:00,1,1,1,1');
    const r = open(tempFile('many-bad.csv', rows.join('\n') + '\n'));
    expect(readAll(r).n).toBe(1);
    expect(r.stats.rowsRejected).toBe(150);
    expect(r.problems).toHaveLength(100);
    expect(r.problems[99]!.line).toBe(101);
  });

  it('chunks() can run twice: stats and problems start over', () => {
    const r = open(path);
    readAll(r);
    const a = readAll(r);
    expect(a.n).toBe(3);
    expect(r.stats.rowsRejected).toBe(12);
    expect(r.problems).toHaveLength(12);
  });
});

describe('CSV ticks with bad rows', () => {
  const text = [
    'timestamp,price,size', // 1
    '2024-01-02T14:30:00.000Z,100.5,3', // 2 ok
    '2024-01-02T14:30:00.100Z,-1,3', // 3 price ≤ 0
    '2024-01-02T14:30:00.200Z,100,x', // 4 size not a number
    '2024-01-02T14:30:00.300Z,100,-2', // 5 negative size
    '2024-01-02T14:30:00.400Z,100', // 6 too few fields
    '2024-01-02T14:29:59.999Z,100,1', // 7 earlier
    '2024-01-02T14:30:00.000Z,101,1', // 8 equal: kept
    'not a time,101,1', // 9 bad stamp
    '2024-01-02T14:30:01.000Z,102,0', // 10 size 0 is fine
  ].join('\n') + '\n';

  it('rejects by field, keeps equal stamps in file order', () => {
    const r = open(tempFile('bad-ticks.csv', text));
    expect(r.info.kind).toBe('ticks');
    const a = readAll(r);
    expect(a.price).toEqual([100.5, 101, 102]);
    expect(a.size).toEqual([3, 1, 0]);
    expect(a.volOnly).toEqual([0, 0, 0]);
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'price'], [4, 'size'], [5, 'size'], [6, 'size'], [7, 'timestamp'], [9, 'timestamp'],
    ]);
    expect(r.stats).toMatchObject({ rowsRead: 9, rowsRejected: 6 });
  });
});

describe('LEAN ticks with bad rows (stored and deflated zips)', () => {
  const text = [
    '14400000,1674100,100,P,1,0', // 1 ok
    '14400001,abc,100,P,1,0', // 2 price malformed
    '14400002,1674100,100,P,zz,0', // 3 condition malformed
    '14400003,1674100,100', // 4 too few fields
    '14400004,0,100,P,1,0', // 5 price 0
    '14400005,1674100,100,P,1,1', // 6 suspicious: kept, volume only
    '14399999,1674100,100,P,1,0', // 7 earlier
    '14400005,1674200,300,Q,20000020,0', // 8 ok, volume only
    '', // 9 empty
    '14400005,1674300,50,Q,20002020,0', // 10 ok, equal time, counts for OHLC; no newline
  ].join('\r\n');

  for (const deflate of [false, true]) {
    it(deflate ? 'deflated' : 'stored', () => {
      const path = tempFile(`20131007_trade_${deflate ? 'd' : 's'}.zip`, makeZip([{ name: '20131007_spy_Trade_Tick.csv', text, deflate }]));
      const r = open(path);
      expect(r.info.instrument?.symbol).toBe('SPY');
      const a = readAll(r);
      expect(a.price).toEqual([167.41, 167.41, 167.42, 167.43]);
      expect(a.size).toEqual([100, 100, 300, 50]);
      expect(a.volOnly).toEqual([0, 1, 1, 0]);
      expect(a.t.map(iso)).toEqual(['2013-10-07T08:00:00.000Z', '2013-10-07T08:00:00.005Z', '2013-10-07T08:00:00.005Z', '2013-10-07T08:00:00.005Z']);
      expect(r.problems.map((p) => [p.line, p.field, p.code])).toEqual([
        [2, 'price', 'bad-row'], [3, 'condition', 'bad-row'], [4, 'exchange', 'bad-row'], [5, 'price', 'bad-row'],
        [7, 'time', 'bad-row'],
      ]);
      expect(r.problems[0]!.got).toBe('abc');
      expect(r.stats).toMatchObject({ rowsRead: 9, rowsRejected: 5 });
    });
  }

  it('a zip with one plain CSV is read as CSV', () => {
    const path = tempFile('bars.zip', makeZip([{ name: 'ES_1min.csv', text: 'timestamp,open,high,low,close,volume\n2024-01-02 09:30:00,1,2,0.5,1.5,7\n', deflate: true }]));
    const r = open(path);
    expect(r.info.format).toBe('csv-zip');
    expect(r.info.instrument?.symbol).toBe('ES');
    const a = readAll(r);
    expect([iso(a.t[0]), a.o[0], a.v[0]]).toEqual(['2024-01-02T14:30:00.000Z', 1, 7]);
  });
});
