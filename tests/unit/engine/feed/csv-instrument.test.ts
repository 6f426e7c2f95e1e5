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
});
