// The catalogue and its look-ups. Tick values are worked out by hand from the exchanges' contract specs
// (tick value = tick size × money per point) and compared with the figure the spec page states.
import { describe, expect, it } from 'vitest';
import * as inst from '../../../../src-shared/instruments.ts';
import { CALENDAR_IDS, findInstrument, guessInstrumentFromName, INSTRUMENTS, knownSymbols, resolveInstrument,
  unknownInstrumentMessage, userInstrumentSpec } from '../../../../src-shared/instruments.ts';
import { UserInstrument } from '../../../../src-shared/config.ts';
import { isValidZone } from '../../../../src-shared/time.ts';

const tickValue = (s: string) => { const i = findInstrument(s)!; return i.tickSize * i.pointValue; };

describe('catalogue entries', () => {
  it('every entry is complete, unique and cites a source', () => {
    const seen = new Set<string>();
    for (const i of INSTRUMENTS) {
      expect(seen.has(i.symbol), i.symbol).toBe(false);
      seen.add(i.symbol);
      expect(i.source.length, i.symbol).toBeGreaterThan(10);
      expect(CALENDAR_IDS).toContain(i.calendar);
      expect(isValidZone(i.exchangeTz), i.symbol).toBe(true);
      expect(i.tickSize > 0 && i.pointValue > 0 && i.quantityStep > 0 && i.lotSize >= i.quantityStep, i.symbol).toBe(true);
    }
    expect(INSTRUMENTS.length).toBeGreaterThan(60);
  });

  it('futures tick values match the contract specs', () => {
    const usd: Record<string, number> = {
      ES: 12.5, MES: 1.25, NQ: 5, MNQ: 0.5, YM: 5, MYM: 0.5, RTY: 5, M2K: 0.5, CL: 10, MCL: 1, NG: 10, GC: 10, MGC: 1,
      SI: 25, HG: 12.5, ZB: 31.25, ZN: 15.625, ZF: 7.8125, ZC: 12.5, ZS: 12.5, ZW: 12.5, '6E': 6.25, '6J': 6.25, '6B': 6.25,
      '6A': 5, '6C': 5,
    };
    for (const [s, v] of Object.entries(usd)) {
      expect(tickValue(s), s).toBeCloseTo(v, 9);
      expect(findInstrument(s)!.currency).toBe('USD');
    }
    const eur: Record<string, number> = { FESX: 10, FDAX: 25, FDXM: 5, FGBL: 10 };
    for (const [s, v] of Object.entries(eur)) {
      expect(tickValue(s), s).toBeCloseTo(v, 9);
      expect(findInstrument(s)).toMatchObject({ currency: 'EUR', calendar: 'eurex', exchangeTz: 'Europe/Berlin', dataTz: { lean: 'Europe/Berlin' } });
    }
    expect(findInstrument('ES')).toMatchObject({ calendar: 'cme-equity', dataTz: { lean: 'UTC' }, unit: 'contract',
      commission: { kind: 'per_contract', perSide: null }, quantityStep: 1, lotSize: 1 });
    expect(findInstrument('ZN')!.calendar).toBe('cme-globex');
    expect(findInstrument('ZC')!.calendar).toBe('cme-grains');
  });

  it('equities, FX, crypto and indices carry their market terms', () => {
    expect(findInstrument('spy')).toMatchObject({ kind: 'equity', lotSize: 100, unit: 'share', calendar: 'us-equity',
      commission: { kind: 'per_share', perShare: 0.005, minPerOrder: 1, maxPctOfValue: 0.01 } });
    expect(findInstrument('EURUSD')).toMatchObject({ tickSize: 0.00001, currency: 'USD', quantityStep: 1000, lotSize: 100_000,
      calendar: 'fx-24x5', commission: { kind: 'bps', bps: 0.2, minPerOrder: 2 } });
    expect(findInstrument('USDJPY')).toMatchObject({ tickSize: 0.001, currency: 'JPY' });
    expect(findInstrument('BTCUSDT')).toMatchObject({ quantityStep: 0.00001, commission: { kind: 'bps', bps: 10 }, calendar: 'crypto-24x7' });
    expect(findInstrument('BTC-PERP')).toMatchObject({ currency: 'USDT', commission: { kind: 'bps', bps: 5 } });
    expect(findInstrument('XBTUSD')).toBeUndefined(); // inverse perpetual, left out on purpose
    expect(findInstrument('SPX')).toMatchObject({ kind: 'index', commission: { kind: 'per_contract', perSide: 0 } });
    expect(findInstrument('SPX')!.name).toContain('not tradable');
  });
});

describe('findInstrument', () => {
  it('strips a futures contract month', () => {
    for (const s of ['ESZ13', 'esz3', 'ES_Z13', 'ESZ2013']) expect(findInstrument(s)?.symbol, s).toBe('ES');
    expect(findInstrument('MNQH24')?.symbol).toBe('MNQ');
    expect(findInstrument('6EH4')?.symbol).toBe('6E');
    expect(findInstrument('M2K')?.symbol).toBe('M2K'); // an exact symbol wins over a month reading
    expect(findInstrument('SPYZ3')).toBeUndefined(); // only futures have contract months
  });
  it('accepts any US ticker as TICKER.US', () => {
    expect(findInstrument('AAPL.US')).toBe(findInstrument('AAPL'));
    expect(findInstrument('brk.b.us')).toMatchObject({ symbol: 'BRK.B', kind: 'equity', lotSize: 100, calendar: 'us-equity' });
    expect(findInstrument('FOO')).toBeUndefined();
  });
  it('has no silent generic fallback any more', () => {
    expect('genericInstrument' in inst).toBe(false);
  });
});

describe('user instruments', () => {
  const fce = UserInstrument.parse({ symbol: 'FCE', kind: 'future', exchange: 'EURONEXT', exchange_tz: 'Europe/Paris', tick_size: 0.5,
    point_value: 10, currency: 'EUR', calendar: 'eurex', commission: { kind: 'per_contract', per_side: 1.2 } });
  const myEs = UserInstrument.parse({ symbol: 'ES', kind: 'future', exchange_tz: 'America/Chicago', tick_size: 0.25,
    point_value: 50, currency: 'USD', calendar: 'cme-equity', commission: { kind: 'per_contract', per_side: 2.25 } });
  const fx = UserInstrument.parse({ symbol: 'USDSEK', kind: 'fx', exchange_tz: 'America/New_York', tick_size: 0.0001,
    point_value: 1, currency: 'SEK', calendar: 'fx-24x5', commission: { kind: 'bps', bps: 0.2, min_per_order: 20 } });

  it('maps config to a spec with the kind defaults', () => {
    expect(userInstrumentSpec(fx)).toMatchObject({ quantityStep: 1000, lotSize: 100_000, unit: 'unit', name: 'USDSEK',
      commission: { kind: 'bps', bps: 0.2, minPerOrder: 20 } });
    expect(userInstrumentSpec(fce)).toMatchObject({ exchange: 'EURONEXT', quantityStep: 1, lotSize: 1, unit: 'contract',
      commission: { kind: 'per_contract', perSide: 1.2 } });
  });
  it('user entries win over the catalogue, also for contract months', () => {
    expect(resolveInstrument('ES', [myEs])!.commission).toEqual({ kind: 'per_contract', perSide: 2.25 });
    expect(resolveInstrument('ESZ13', [myEs])!.commission).toEqual({ kind: 'per_contract', perSide: 2.25 });
    expect(resolveInstrument('ES')!.commission).toEqual({ kind: 'per_contract', perSide: null });
    expect(resolveInstrument('fceh4', [fce])?.symbol).toBe('FCE');
    expect(resolveInstrument('NQ', [fce])?.symbol).toBe('NQ');
    expect(resolveInstrument('BAR', [fce])).toBeUndefined();
  });
});

describe('names and messages', () => {
  it('guesses from file names, longest symbol first, never from one letter', () => {
    expect(guessInstrumentFromName('/data/NQ_1min_sample.csv')?.symbol).toBe('NQ');
    expect(guessInstrumentFromName('MNQ_1min.csv')?.symbol).toBe('MNQ');
    expect(guessInstrumentFromName('20131007_spy_minute_trade.csv')?.symbol).toBe('SPY');
    expect(guessInstrumentFromName('@CL - 30 min - ETH.csv')?.symbol).toBe('CL');
    expect(guessInstrumentFromName('a_b_c.csv')).toBeUndefined();
    expect(guessInstrumentFromName('prices.csv')).toBeUndefined();
    // two tokens as one symbol, and a futures contract code (the nautilus_trader sample names)
    expect(guessInstrumentFromName('btc-perp-20211231-20220201_1m.csv')?.symbol).toBe('BTC-PERP');
    expect(guessInstrumentFromName('btc_usdt_1m.csv')?.symbol).toBe('BTCUSDT');
    expect(guessInstrumentFromName('6EH4.XCME_1min_bars.csv')?.symbol).toBe('6E');
    // not a symbol: a pair that is no catalogue entry, an equity-looking code that is no future
    expect(guessInstrumentFromName('ADABTC-1m-2021-11-28.csv')).toBeUndefined();
    expect(guessInstrumentFromName('SPYZ3_prices.csv')).toBeUndefined();
  });
  it('the unknown-instrument message lists the symbols and how to define one', () => {
    const msg = unknownInstrumentMessage('FOO');
    expect(msg).toMatch(/^unknown instrument FOO\. Known: ES, MES, NQ, MNQ, /);
    expect(msg).toContain(`(${knownSymbols().length})`);
    expect(msg).toContain('TICKER.US');
    expect(msg).toContain('`instruments:` in config.yaml');
    expect(knownSymbols()).toContain('FGBL');
  });
});
