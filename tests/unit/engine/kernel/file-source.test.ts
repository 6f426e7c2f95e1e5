// openFileSource: the one place a driver of a file gets its instrument (the named one, the file's, or
// none: never a made-up spec, issue 13), the basis bars are built on, and the row period (step mode).
import { describe, expect, it } from 'vitest';
import { barSpec, openFileSource } from '../../../../src-main/engine/kernel/file-source.ts';
import { naturalMode } from '../../../../src-main/engine/kernel/mode.ts';
import { findInstrument, unknownInstrumentMessage } from '../../../../src-shared/instruments.ts';
import { dataFile } from '../../../helpers/data.ts';

describe('openFileSource', () => {
  it('a recognised instrument: its spec and basis, and 30-minute rows make 30m steps', () => {
    const r = openFileSource(dataFile('firstratedata/nq_futures_2023-11/NQ_30min_sample.csv'));
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.value.known).toBe(true);
    expect(r.value.spec).toBe(r.value.reader.info.instrument);
    expect(r.value.spec?.symbol).toBe('NQ');
    expect(r.value.basis).toEqual({ exchangeTz: 'America/Chicago', tickSize: 0.25, assumed: null });
    expect(barSpec(r.value)).toBe(r.value.spec);
    expect(r.value.inputMinutes).toBe(30);
    expect(naturalMode(r.value.inputMinutes)).toBe('30m');
  });

  it('an unrecognised file: no spec; the basis (file zone, 0.01 grid) is stated; a fallback symbol must be a real one', () => {
    const file = dataFile('backtrader/2006-min-005.txt');
    const plain = openFileSource(file);
    if (!plain.ok) throw new Error(plain.problem.message);
    const tz = plain.value.reader.info.sourceTz;
    expect(plain.value.known).toBe(false);
    expect(plain.value.spec).toBeNull();
    expect(plain.value.basis).toMatchObject({ exchangeTz: tz, tickSize: 0.01 });
    expect(plain.value.basis.assumed).toContain(`source zone ${tz}`);
    expect(plain.value.basis.assumed).toContain('no economics');
    // the kernel's bar-only view carries the basis and nothing else: no point value, no currency
    expect(barSpec(plain.value)).toEqual({ exchangeTz: tz, tickSize: 0.01 });
    const named = openFileSource(file, {}, 'es');
    if (!named.ok) throw new Error(named.problem.message);
    expect(named.value.spec).toBe(findInstrument('ES'));
    const nobody = openFileSource(file, {}, 'NOSUCH');
    expect(nobody.ok && nobody.value.spec).toBeNull();
  });

  it('an unknown --instrument is a problem with the catalogue\'s message', () => {
    const r = openFileSource(dataFile('firstratedata/nq_futures_2023-11/NQ_30min_sample.csv'), { instrument: 'NOSUCH' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toBe(unknownInstrumentMessage('NOSUCH'));
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
