// openFileSource: the one place a driver of a file gets its spec (the file's instrument, else a
// generic one in the file's zone) and its row period, which decides the step mode.
import { describe, expect, it } from 'vitest';
import { openFileSource } from '../../../../src-main/engine/kernel/file-source.ts';
import { naturalMode } from '../../../../src-main/engine/kernel/mode.ts';
import { genericInstrument } from '../../../../src-shared/instruments.ts';
import { dataFile } from '../../../helpers/data.ts';

describe('openFileSource', () => {
  it('a recognised instrument: its spec, and 30-minute rows make 30m steps', () => {
    const r = openFileSource(dataFile('firstratedata/nq_futures_2023-11/NQ_30min_sample.csv'));
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.value.known).toBe(true);
    expect(r.value.spec).toBe(r.value.reader.info.instrument);
    expect(r.value.spec.symbol).toBe('NQ');
    expect(r.value.inputMinutes).toBe(30);
    expect(naturalMode(r.value.inputMinutes)).toBe('30m');
  });

  it('an unknown instrument: the generic spec in the file\'s zone, named by the caller or UNKNOWN', () => {
    const file = dataFile('firstratedata/spx_index_2023-03/SPX_1min.txt_sample.txt');
    const named = openFileSource(file, {}, 'spx');
    const plain = openFileSource(file);
    if (!named.ok || !plain.ok) throw new Error('open failed');
    const tz = named.value.reader.info.sourceTz;
    expect(named.value.known).toBe(false);
    expect(named.value.spec).toEqual(genericInstrument('SPX', tz));
    expect(plain.value.spec).toEqual(genericInstrument('UNKNOWN', tz));
    expect(named.value.inputMinutes).toBe(1);
    expect(naturalMode(named.value.inputMinutes)).toBe('5m');
  });

  it('trade ticks have period 0 (5m steps); a missing file is a problem, not a throw', () => {
    const r = openFileSource(dataFile('lean/equity/usa/tick/spy/20131007_trade.zip'));
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.value.inputMinutes).toBe(0);
    expect(naturalMode(0)).toBe('5m');
    const missing = openFileSource('/nonexistent/nope.csv');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problem.message).toMatch(/nope\.csv/);
  });
});
