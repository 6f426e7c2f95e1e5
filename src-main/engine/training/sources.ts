// What `npm run train` replays from shared/data, and what it leaves out and why. Paths are relative
// to the data directory; the files of one source are replayed in the listed (date) order as one
// stream. `tz` is given only where the reader can only fall back to its default zone and
// MANIFEST.csv states a better one.
export interface Source {
  id: string;
  files: readonly string[];
  /** '5m': 5m steps built from 1m/5m bars; '30m': 30-minute input bars, each one a step (checked: the mode the rows make, kernel/mode.ts) */
  mode: '5m' | '30m';
  tz?: string;
  /** symbol for the generic spec when the reader does not recognise the instrument */
  symbol?: string;
  /** only step bars starting at or after this (ISO, UTC); none: the whole file */
  from?: string;
  /**
   * A long 30-minute file of the same instrument ('5m' sources): its bars that end by the source's
   * first row warm the 30m stage first (kernel.warm30), so MLMI's kNN memory, NW-RQK, LVN and MMD
   * start with years of history, as a live feed would have them.
   */
  warm30?: string;
  /** how many of those bars, the latest (MMD makes every warm-up bar cost ~5 ms) */
  warm30Bars?: number;
  note: string;
}

const days = (dir: string, dates: readonly string[]) => dates.map((d) => `${dir}/${d}_trade.zip`);

export const SOURCES: readonly Source[] = [
  { id: 'estx50-fut-1m', files: ['backtrader/2006-01-02-volume-min-001.txt'], mode: '5m', tz: 'Europe/Berlin', symbol: 'FESX',
    note: 'Euro Stoxx 50 continuous future, 2006-01/02; zone per MANIFEST (likely Europe/Berlin); generic spec (tick 0.01, 1 per point)' },
  { id: 'estx50-idx-5m', files: ['backtrader/2006-min-005.txt'], mode: '5m', tz: 'Europe/Berlin', symbol: 'SX5E',
    note: 'Euro Stoxx 50 index level, 5m, volume 0, 2006-01; overlaps the future above in time' },
  { id: 'firstrate-nq-1m', files: ['firstratedata/nq_futures_2023-11/NQ_1min_sample.csv'], mode: '5m',
    warm30: 'algospace/NQ - 30 min - ETH.csv',
    note: 'NQ 1m, 2023-11 (the vendor 5m file is the same bars aggregated, so it is not used); 30m stage warmed from every AlgoSpace NQ 30m bar before its first row, 2020-06..2023-11 (PROVENANCE: same prices as FirstRate NQ 30m on 96 % of bars)' },
  { id: 'firstrate-spx-1m', files: ['firstratedata/spx_index_2023-03/SPX_1min.txt_sample.txt'], mode: '5m', symbol: 'SPX',
    note: 'SPX index 1m, 2023-03, no volume' },
  { id: 'firstrate-spy-1m', files: ['firstratedata/spy_etf_2026-01/SPY_1min_sample.csv'], mode: '5m',
    note: 'SPY 1m with extended hours, 2026-01' },
  { id: 'lean-spy-1m', mode: '5m', note: 'LEAN SPY minute trade bars, 2013-10-04..10 and 2023-08-03 (one stream)',
    files: days('lean/equity/usa/minute/spy', ['20131004', '20131007', '20131008', '20131009', '20131010', '20230803']) },
  { id: 'lean-ibm-1m', mode: '5m', files: days('lean/equity/usa/minute/ibm', ['20131007']), note: 'LEAN IBM minute trade bars, one day' },
  { id: 'lean-es-1m', mode: '5m', note: 'LEAN ES minute trade bars, 2013-10-06..12-20 with gaps; each day\'s most traded expiry',
    files: days('lean/future/cme/minute/es', ['20131006', '20131007', '20131008', '20131009', '20131010', '20131011', '20131014',
      '20131029', '20131030', '20131118', '20131202', '20131203', '20131218', '20131220']) },
  { id: 'btc-perp-1m', files: ['nautilus_trader/misc/btc-perp-20211231-20220201_1m.csv'], mode: '5m', tz: 'UTC', symbol: 'BTC-PERP',
    note: 'BTC perpetual 1m, 2021-12-31..2022-02-01; UTC per MANIFEST (presumed); stamps are probably bar ends (read as starts)' },
  { id: '6e-1m', files: ['nautilus_trader/xcme/6EH4.XCME_1min_bars_20240101_20240131.csv.gz'], mode: '5m', symbol: '6E',
    note: 'Euro FX future 1m, 2024-01; generic spec (tick 0.01 on a ~1.09 price)' },
  { id: 'algospace-cl-30m', files: ['algospace/@CL - 30 min - ETH.csv'], mode: '30m',
    note: 'AlgoSpace CL 30m (Asia/Jerusalem stamps), the whole file 2020-06..2025 (MMD costs ~5 ms per 30m bar: minutes, cached in .cache/train)' },
  { id: 'algospace-nq-30m', files: ['algospace/NQ - 30 min - ETH.csv'], mode: '30m',
    note: 'AlgoSpace NQ 30m, the whole file 2020-06..2025: at 2·ATR(30m) one NQ contract risks more than 1 % of 100k, so size is 0 at most synergies' },
];

/** Files in shared/data that could feed 5m or 30m steps but are not replayed, with the reason. */
export const EXCLUDED: readonly { files: string; reason: string }[] = [
  { files: 'firstratedata/*/*_5min*, *_30min*, *_1hour*, *_1day*', reason: 'aggregations of the 1m files used (PROVENANCE: 100 % identical)' },
  { files: 'lean/equity/usa/tick/*', reason: 'the same days as the LEAN minute bars used (duplicate samples); IBM is one day' },
  { files: 'lean/*/*_quote.zip, nautilus_trader/truefx, misc/quote_tick_data.csv, databento mbp-1', reason: 'quotes, not trades' },
  { files: 'nautilus_trader/binance/*, databento ohlcv-1m and trades, xcme/6EH4.XCME_1min_bars.csv, tardis, freqtrade csv, backtrader/ticksample.csv, bidask.csv',
    reason: 'minutes to one day of data: far shorter than the 48 h regime warm-up (or a duplicate of a file used)' },
  { files: 'freqtrade/XRP_ETH-trades.json.gz, databento *.dbn.zst', reason: 'format not supported by openFeed' },
  { files: 'backtrader daily/weekly/monthly, firstratedata daily/hourly', reason: 'coarser than 30 minutes' },
];
