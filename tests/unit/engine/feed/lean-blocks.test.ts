// A contract's day listed twice in one LEAN entry (back-adjusted block, then the raw one with the same
// minutes and volumes): only the last listing is read, the earlier one is dropped and reported.
// None of our real LEAN files has the defect (the last test checks every one), so the doubled entry is
// built from a real ES entry: its rows with prices shifted by a back-adjustment, then the rows unchanged.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import { zipEntries, zipRead } from '../../../../src-main/engine/feed/zip.ts';
import { leanVolume } from '../../../../src-main/engine/feed/lean-parse.ts';
import { data, DATA, makeZip, open, readAll, tempFile } from './helpers.ts';

const REAL = data('lean/future/cme/minute/es/20131008_trade.zip');
const ENTRY = '20131008_es_minute_trade_201312.csv';
const ADJUST = 14.75; // a back-adjustment of 59 ticks (the roll gap a continuous series would add)

function realRows(): string[] {
  const buf = readFileSync(REAL);
  const e = zipEntries(buf).find((x) => x.name === ENTRY)!;
  return zipRead(buf, e).toString('latin1').trim().split(/\r?\n/);
}

const shifted = (line: string) => line.split(',').map((f, i) => (i >= 1 && i <= 4 ? String(Number(f) + ADJUST) : f)).join(',');

function doubled(name: string, lines: string[]): string {
  return tempFile(`dup/future/cme/minute/es/${name}`, makeZip([{ name: ENTRY, text: lines.join('\n') + '\n', deflate: true }]));
}

describe('LEAN day listed twice in one entry', () => {
  const rows = realRows();
  const n = rows.length;

  it('keeps the last (raw) listing: exactly the real file\'s bars, the earlier block dropped and counted', () => {
    const real = readAll(open(REAL, { contract: '201312' }));
    const r = open(doubled('20131008_trade.zip', [...rows.map(shifted), ...rows]), { contract: '201312' });
    const a = readAll(r);
    expect(a).toEqual(real);
    expect(r.stats).toMatchObject({ rowsRead: 2 * n, rowsRejected: n, duplicateBlocks: 1 });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'duplicate-block', line: 1, field: 'time' });
    expect(r.problems[0]!.message).toContain(`lines 1-${n}`);
    expect(r.problems[0]!.message).toContain(`from line ${n + 1}`);
  });

  it('the front-month choice counts one listing only', () => {
    // `unzip -p 20131008_trade.zip 20131008_es_minute_trade_201312.csv | awk -F, '{s+=$6} END {print s}'`
    const text = (lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'latin1');
    expect(leanVolume(text(rows))).toBe(1_182_485);
    expect(leanVolume(text([...rows.map(shifted), ...rows]))).toBe(1_182_485);
  });

  it('one stray repeated row is a rejected row, not a block', () => {
    const lines = [...rows.slice(0, 10), rows[4]!, ...rows.slice(10)];
    const r = open(doubled('20131008_stray.zip', lines), { contract: '201312' });
    const a = readAll(r);
    expect(a.n).toBe(n);
    expect(r.stats).toMatchObject({ rowsRejected: 1, duplicateBlocks: 0 });
    expect(r.problems[0]).toMatchObject({ code: 'bad-row', line: 11, field: 'time' });
  });

  it('every real LEAN trade zip, every contract: no day is listed twice', () => {
    const zips: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (f.endsWith('_trade.zip')) zips.push(p);
      }
    };
    walk(join(DATA, 'lean'));
    expect(zips.length).toBeGreaterThanOrEqual(20);
    let read = 0;
    for (const z of zips) {
      const contracts = zipEntries(readFileSync(z)).map((e) => /_(\d{6})\.csv$/.exec(e.name)?.[1]).filter((c) => c !== undefined);
      for (const contract of contracts.length ? contracts : [undefined]) {
        const r = openFeed(z, contract ? { contract } : {});
        if (!r.ok) throw new Error(r.problem.message);
        for (const _ of r.value.chunks()) read++;
        expect([z, contract, r.value.stats.duplicateBlocks, r.value.stats.rowsRejected]).toEqual([z, contract, 0, 0]);
      }
    }
    expect(read).toBeGreaterThan(0);
  });
});
