// Which instrument a CSV is (issue 13): the named one (catalogue or config), else the symbol column
// (contract month stripped), else the file name, else none; never a made-up spec.
import { describe, expect, it } from 'vitest';
import { openFeed } from '../../../../src-main/engine/feed/index.ts';
import { UserInstrument } from '../../../../src-shared/config.ts';
import { unknownInstrumentMessage } from '../../../../src-shared/instruments.ts';
import { data, open } from './helpers.ts';

const NQ_1M = data('firstratedata/nq_futures_2023-11/NQ_1min_sample.csv');
const DATABENTO = data('nautilus_trader/databento/derived/futures_ohlcv-1m_2024-07-01T23-40_2024-07-02T00-10.csv');

const user = (symbol: string) => UserInstrument.parse({
  symbol, kind: 'future', exchange_tz: 'America/Chicago', tick_size: 0.25, point_value: 50, currency: 'USD',
  calendar: 'cme-equity', commission: { kind: 'per_contract', per_side: 1.5 },
});

describe('CSV instrument', () => {
  it('an unknown --instrument does not open the file: the message says what is known and how to define it', () => {
    const r = openFeed(NQ_1M, { instrument: 'XYZ' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ code: 'unknown-instrument', message: unknownInstrumentMessage('XYZ'), got: 'XYZ' });
  });

  it('a config instrument can be named', () => {
    const r = open(NQ_1M, { instrument: 'MYNQ', instruments: [user('MYNQ')] });
    expect(r.info.instrument).toMatchObject({ symbol: 'MYNQ', tickSize: 0.25, commission: { kind: 'per_contract', perSide: 1.5 } });
  });

  it('the symbol column ESU4 is ES; a config ES wins over the catalogue', () => {
    expect(open(DATABENTO).info.instrument?.source).toMatch(/CME Group/);
    const mine = open(DATABENTO, { instruments: [user('ES')] }).info.instrument;
    expect(mine).toMatchObject({ symbol: 'ES', source: 'user config (instruments:)' });
  });

  it('a file that names no instrument has none (no generic spec)', () => {
    const r = open(data('backtrader/2006-min-005.txt'));
    expect(r.info.instrument).toBeUndefined();
  });

  it('stamps without a zone: UTC guessed for a crypto instrument (its data keep UTC), New York otherwise, a given zone wins', () => {
    const BTC = data('nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv');
    const btc = open(BTC).info;
    expect(btc).toMatchObject({ sourceTz: 'UTC', tzSource: 'default' });
    expect(btc.instrument?.symbol).toBe('BTC-PERP');
    expect(btc.layout).toMatch(/UTC guessed for a crypto instrument/);
    expect(open(BTC, { tz: 'Asia/Tokyo' }).info).toMatchObject({ sourceTz: 'Asia/Tokyo', tzSource: 'given' });
    expect(open(NQ_1M).info).toMatchObject({ sourceTz: 'America/New_York', tzSource: 'default' });
    // the file's first stamp, 2021-12-31 23:01 (PROVENANCE: UTC presumed), is that instant
    const r = openFeed(BTC, {});
    if (!r.ok) throw new Error(r.problem.message);
    expect(new Date(r.value.chunks().next().value!.t[0]!).toISOString()).toBe('2021-12-31T23:01:00.000Z');
  });
});
