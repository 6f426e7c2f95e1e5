// Indicator section of `npm run bench`: ns per bar for each indicator and for the whole indicator +
// matrix stage on real bars, our RSI/WMA/ATR against the technicalindicators package on the same
// series, and the full replay (ticks → bars → indicators → matrices) in memory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RSI, WMA, ATR } from 'technicalindicators';
import type { Bar } from '../../src-shared/domain/bars.ts';
import { DEFAULT_CONFIG } from '../../src-shared/config.ts';
import { findInstrument } from '../../src-shared/instruments.ts';
import { openFeed } from '../engine/feed/index.ts';
import { chunksAheadAll } from '../engine/feed/read-ahead.ts';
import { Kernel } from '../engine/kernel/kernel.ts';
import { IndicatorPipeline } from '../engine/pipeline.ts';
import { RsiWilder } from '../engine/indicators/rsi.ts';
import { Wma } from '../engine/indicators/wma.ts';
import { AtrWilder } from '../engine/indicators/atr.ts';
import { Mlmi } from '../engine/indicators/mlmi.ts';
import { NwRqk } from '../engine/indicators/nwrqk.ts';
import { Fvg } from '../engine/indicators/fvg.ts';
import { Lvn } from '../engine/indicators/lvn.ts';
import { Mmd } from '../engine/indicators/mmd.ts';

/** OHLCV columns of a CSV in file order (the tests and the bench only need the numbers). */
function readBars(path: string, limit = Infinity): Bar[] {
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  return lines.slice(0, Math.min(lines.length, limit)).map((l, i) => {
    const f = l.split(',');
    return { t: i * 1_800_000, o: +f[1]!, h: +f[2]!, l: +f[3]!, c: +f[4]!, v: +f[5]! };
  });
}

function nsPerBar(bars: readonly Bar[], make: () => { update(b: Bar): unknown }, minMs = 300): number {
  let total = 0, n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || n === 0) {
    const ind = make();
    const s = performance.now();
    for (const b of bars) ind.update(b);
    total += performance.now() - s;
    n += bars.length;
  }
  return (total * 1e6) / n;
}

function nsPerValue(values: readonly number[], run: () => void, minMs = 300): number {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || n === 0) { run(); n += values.length; }
  return ((performance.now() - t0) * 1e6) / n;
}

/**
 * ns per ready bar of the exact and the fast MMD on the same bars, timed bar by bar in alternating
 * order so that both see the same machine (issue 17's `mmd_speedup`: exact over fast, same run).
 */
function mmdExactVsFast(bars: readonly Bar[], passes = 2): { exact: number; fast: number } {
  const cfg = DEFAULT_CONFIG.indicators.mmd;
  for (const kind of ['exact', 'fast'] as const) { const m = new Mmd(cfg, kind); for (const b of bars.slice(0, 150)) m.update(b); }
  let te = 0, tf = 0, ready = 0;
  for (let p = 0; p < passes; p++) {
    const e = new Mmd(cfg, 'exact'), f = new Mmd(cfg, 'fast');
    bars.forEach((b, i) => {
      const t0 = performance.now();
      const first = (i + p) % 2 === 0 ? e : f;
      const ok = first.update(b).ready;
      const t1 = performance.now();
      (first === e ? f : e).update(b);
      const t2 = performance.now();
      if (first === e) { te += t1 - t0; tf += t2 - t1; } else { tf += t1 - t0; te += t2 - t1; }
      if (ok) ready++;
    });
  }
  return { exact: (te * 1e6) / ready, fast: (tf * 1e6) / ready };
}

export interface IndicatorBench { rows: [string, number][]; results: Record<string, number> }

/** One printed row of the indicator table: ns/bar, a rate in ticks/s, or a ratio (×). */
export function indicatorRow(label: string, v: number): string {
  const text = label.includes('ticks/s') ? `${Math.round(v).toLocaleString('en-US')} ticks/s` : label.includes('(×)') ? v.toFixed(2) : v.toFixed(1);
  return `${label.padEnd(60)} ${text.padStart(12)}\n`;
}

export async function benchIndicators(dataDir: string, ticksTarget: number, log: (s: string) => void): Promise<IndicatorBench> {
  const nq30 = readBars(join(dataDir, 'algospace/NQ - 30 min - ETH.csv'));
  const nq5 = readBars(join(dataDir, 'firstratedata/nq_futures_2023-11/NQ_5min_sample.csv'));
  const cfg = DEFAULT_CONFIG.indicators;
  const rows: [string, number][] = [];
  const r: Record<string, number> = {};
  const put = (key: string, label: string, v: number) => { r[key] = Math.round(v * 10) / 10; rows.push([label, v]); };

  log('indicators: per-indicator cost …');
  put('ns_per_bar_mlmi', `MLMI, NQ 30m (${nq30.length.toLocaleString('en-US')} bars)`, nsPerBar(nq30, () => new Mlmi(cfg.mlmi, cfg.source30), 1));
  put('ns_per_bar_nwrqk', 'NW-RQK, NQ 30m', nsPerBar(nq30, () => new NwRqk(cfg.nwrqk, cfg.source30)));
  put('ns_per_bar_lvn', 'LVN, NQ 30m', nsPerBar(nq30, () => new Lvn(0.25, cfg.lvn), 1));
  const mmdBars = nq30.slice(0, 400);
  put('ns_per_bar_mmd', 'MMD, NQ 30m (first 400 bars; 299 ready)', nsPerBar(mmdBars, () => new Mmd(cfg.mmd), 1) * 400 / 299);
  log('indicators: MMD exact vs fast, bar by bar …');
  const mmd = mmdExactVsFast(mmdBars);
  put('ns_per_bar_mmd_exact_same_run', 'MMD exact f64 (~1e-15), same run, per ready bar', mmd.exact);
  put('ns_per_bar_mmd_fast_same_run', 'MMD fast (≤ 1e-7 relative), same run, per ready bar', mmd.fast);
  r.mmd_speedup = Math.round((mmd.exact / mmd.fast) * 100) / 100;
  rows.push(['MMD speedup: exact / fast, same run (×)', mmd.exact / mmd.fast]);
  put('ns_per_bar_fvg', `FVG, NQ 5m (${nq5.length.toLocaleString('en-US')} bars)`, nsPerBar(nq5, () => new Fvg(cfg.fvg)));
  put('ns_per_bar_atr', 'ATR14, NQ 5m', nsPerBar(nq5, () => new AtrWilder(cfg.atr)));

  // Whole stage on 5m bars: 5m indicators every bar, 30m indicators + matrices on every 6th.
  const nq = findInstrument('NQ')!;
  const stage = nsPerBar(nq5.map((b, i) => ({ ...b, t: Date.UTC(2023, 10, 20) + i * 300_000 })), () => {
    const p = new IndicatorPipeline({ config: DEFAULT_CONFIG, exchangeTz: nq.exchangeTz, tickSize: nq.tickSize, mode: '5m' });
    return { update: (b: Bar) => p.push5m(b) };
  }, 1);
  put('ns_per_5m_bar_indicator_matrix_stage', 'whole indicator + matrix stage, per 5m bar', stage);

  // Ours vs technicalindicators on the same closes.
  log('indicators: RSI / WMA / ATR vs technicalindicators …');
  const closes = nq30.map((b) => b.c);
  const highs = nq30.map((b) => b.h), lows = nq30.map((b) => b.l);
  const oursRsi = nsPerValue(closes, () => { const x = new RsiWilder(14); for (const c of closes) x.update(c); });
  const peerRsi = nsPerValue(closes, () => { RSI.calculate({ period: 14, values: closes }); });
  const oursWma = nsPerValue(closes, () => { const x = new Wma(20); for (const c of closes) x.update(c); });
  const peerWma = nsPerValue(closes, () => { WMA.calculate({ period: 20, values: closes }); });
  const oursAtr = nsPerValue(closes, () => { const x = new AtrWilder({ period: 14 }); for (const b of nq30) x.update(b); });
  const peerAtr = nsPerValue(closes, () => { ATR.calculate({ period: 14, high: highs, low: lows, close: closes }); });
  put('rsi_ns_ours', 'RSI14: ours', oursRsi); put('rsi_ns_peer', 'RSI14: technicalindicators', peerRsi);
  put('wma_ns_ours', 'WMA20: ours', oursWma); put('wma_ns_peer', 'WMA20: technicalindicators', peerWma);
  put('atr_ns_ours', 'ATR14: ours', oursAtr); put('atr_ns_peer', 'ATR14: technicalindicators', peerAtr);
  r.rsi_peer_over_ours = Math.round((peerRsi / oursRsi) * 100) / 100;
  r.wma_peer_over_ours = Math.round((peerWma / oursWma) * 100) / 100;
  r.atr_peer_over_ours = Math.round((peerAtr / oursAtr) * 100) / 100;

  // Full replay in memory: SPY ticks → 5m bars → indicators + matrices (30m built by the pipeline), the
  // files parsed a few chunks ahead on another thread as `replay` does (read-ahead.ts).
  log('indicators: full replay with indicators on …');
  const replay = await fullReplay(dataDir, ticksTarget);
  r.replay_with_indicators_ticks_per_s = Math.round(replay.perSec);
  rows.push([`full replay with indicators, ticks/s (${replay.ticks.toLocaleString('en-US')} ticks)`, replay.perSec]);
  return { rows, results: r };
}

/**
 * SPY ticks of four days through one kernel (indicators only), pass after pass, each pass a later week,
 * warmed by an untimed first pass so that every timed 30m bar runs MMD: the steady state of a long
 * replay, not its cheap start. The timed passes are one stream of files parsed ahead on another thread,
 * as a replay of many daily files reads them (read-ahead.ts).
 */
async function fullReplay(dataDir: string, ticksTarget: number): Promise<{ ticks: number; perSec: number }> {
  const spy = findInstrument('SPY')!;
  const files = ['20131007', '20131008', '20131009', '20131010'].map((d) => join(dataDir, `lean/equity/usa/tick/spy/${d}_trade.zip`));
  const kernel = new Kernel({ config: DEFAULT_CONFIG, spec: spy, mode: '5m', inputMinutes: 0, trading: null });
  const run = async (passes: number, firstWeek: number) => {
    const sources = Array.from({ length: passes * files.length }, (_, i) => {
      const rd = openFeed(files[i % files.length]!);
      if (!rd.ok) throw new Error(rd.problem.message);
      return { reader: rd.value };
    });
    let n = 0;
    for await (const [i, c] of chunksAheadAll(sources)) {
      const shift = (firstWeek + Math.floor(i / files.length)) * 7 * 86_400_000;
      for (let j = 0; j < c.n; j++) c.t[j]! += shift;
      kernel.feed(c);
      n += c.n;
    }
    return n;
  };
  const perPass = await run(1, 0);
  const t0 = performance.now();
  const ticks = await run(Math.max(1, Math.ceil(ticksTarget / perPass)), 1);
  return { ticks, perSec: ticks / ((performance.now() - t0) / 1000) };
}
