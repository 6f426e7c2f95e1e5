// `npm run bench`: throughput and latency of the ingest path on LEAN's SPY tick files, repeated to ≥ 5 M ticks.
// A bare hand-rolled loop (inflate, scan bytes, 1-minute buckets, no zones, no formats) runs in the same
// process on the same bytes as the baseline, so the ratios mean something on a noisy machine.
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import { parseArgs, str } from './args.ts';
import { openFeed } from '../engine/feed/index.ts';
import { BarSet } from '../engine/bars/bar-set.ts';
import { openDb, closeDb } from '../store/db.ts';
import { appendTicks, storedTickCount } from '../store/ticks.ts';
import { upsertBars } from '../store/bars.ts';
import { ensureInstrument } from '../store/instruments.ts';
import { insertImport } from '../store/imports.ts';
import { findInstrument } from '../../src-shared/instruments.ts';
import { TIMEFRAME_MINUTES, type Bar, type Timeframe } from '../../src-shared/domain/bars.ts';
import { zone } from '../../src-shared/time.ts';
import type { TickChunk } from '../engine/feed/types.ts';
import { benchIndicators, indicatorRow } from './bench-indicators.ts';
import { benchTrading } from './bench-trading.ts';
import { benchSweep } from './bench-sweep.ts';
import { benchImport } from './bench-import.ts';
import { loadDecisionModel } from '../engine/decision/model.ts';
import { DEFAULT_MODEL } from './trade-replay.ts';

const SPY_DAYS = ['20131007', '20131008', '20131009', '20131010'];
/** long replays (active profile) whose synergies time the decision path */
const LATENCY_FILES: { file: string; tf: '5m' | '30m'; lastBars?: number }[] = [
  { file: 'firstratedata/nq_futures_2023-11/NQ_1min_sample.csv', tf: '5m' },
  { file: 'firstratedata/spy_etf_2026-01/SPY_1min_sample.csv', tf: '5m' },
  { file: 'algospace/NQ - 30 min - ETH.csv', tf: '30m', lastBars: 8_000 },
];

function dataDir(): string {
  const candidates = [process.env.ALGOSPACE_SHARED_DATA, resolve('../shared/data'), resolve('shared/data')].filter(Boolean) as string[];
  const found = candidates.find((d) => existsSync(join(d, 'lean/equity/usa/tick/spy')));
  if (!found) throw new Error(`LEAN SPY tick files not found (looked in ${candidates.join(', ')}); set ALGOSPACE_SHARED_DATA`);
  return found;
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Inflate the single entry of a LEAN zip (local header at 0; data after name + extra). */
function inflateSingle(zip: Buffer): Buffer {
  const nameLen = zip.readUInt16LE(26), extraLen = zip.readUInt16LE(28), csize = zip.readUInt32LE(18);
  return inflateRawSync(zip.subarray(30 + nameLen + extraLen, 30 + nameLen + extraLen + csize));
}

/** The baseline: the fastest simple thing that turns these zips into 1-minute bars. */
function bareLoop(zips: Buffer[]): { ticks: number; bars: number } {
  return bareLoopText(zips.map(inflateSingle));
}

/** The same loop on text already inflated: what is left once zlib's share is taken out. */
function bareLoopText(texts: Buffer[]): { ticks: number; bars: number } {
  let ticks = 0, bars = 0;
  for (const raw of texts) {
    let i = 0, curMin = -1, o = 0, h = 0, l = 0, c = 0, v = 0;
    const n = raw.length;
    while (i < n) {
      let ms = 0, ch = raw[i]!;
      while (ch !== 44) { ms = ms * 10 + ch - 48; ch = raw[++i]!; }
      i++;
      let px = 0; ch = raw[i]!;
      while (ch !== 44) { px = px * 10 + ch - 48; ch = raw[++i]!; }
      i++;
      let sz = 0; ch = raw[i]!;
      while (ch !== 44) { sz = sz * 10 + ch - 48; ch = raw[++i]!; }
      while (i < n && raw[i] !== 10) i++;
      i++;
      const p = px / 10000, m = Math.floor(ms / 60000);
      if (m !== curMin) { if (curMin >= 0) bars++; curMin = m; o = h = l = c = p; v = 0; }
      if (p > h) h = p; if (p < l) l = p; c = p; v += sz;
      ticks++;
    }
    if (curMin >= 0) bars++;
    void o; void c; void v;
  }
  return { ticks, bars };
}

interface Row { name: string; ticks: number; seconds: number; perSec: number; ratio?: number }

export async function runBench(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['ticks', 'out', 'only'], ['skip-import']);
  const target = Number(str(a, 'ticks') ?? 5_000_000);
  const outPath = str(a, 'out') ?? 'bench/results.json';
  const dir = dataDir();
  if (str(a, 'only') === 'sweep') return sweepOnly(dir, outPath);
  if (str(a, 'only') === 'indicators') return indicatorsOnly(dir, target, outPath);
  if (str(a, 'only') === 'import') return importOnly(outPath);
  const files = SPY_DAYS.map((d) => join(dir, 'lean/equity/usa/tick/spy', `${d}_trade.zip`));
  const zips = files.map((f) => readFileSync(f));
  let peakRss = process.memoryUsage().rss;
  const sampleRss = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };

  // Warm-up both paths once (JIT), then measure.
  bareLoop(zips);
  for (const f of files) { const r = openFeed(f); if (!r.ok) throw new Error(r.problem.message); for (const c of r.value.chunks()) void c; }

  const rows: Row[] = [];
  const measure = (name: string, pass: () => number) => {
    let ticks = 0;
    const t0 = performance.now();
    while (ticks < target) { ticks += pass(); sampleRss(); }
    const seconds = (performance.now() - t0) / 1000;
    const row = { name, ticks, seconds, perSec: ticks / seconds };
    rows.push(row);
    return row;
  };

  const base = measure('baseline: bare loop, zip → 1m bars', () => bareLoop(zips).ticks);
  const texts = zips.map(inflateSingle);
  const perPass = bareLoopText(texts).ticks;
  const inflate = measure('  of which: zlib inflate only', () => { zips.forEach(inflateSingle); return perPass; });
  const bareText = measure('  bare loop on inflated text (no zlib)', () => bareLoopText(texts).ticks);

  const parse = measure('parse: zip bytes → tick records', () => {
    let n = 0;
    for (const f of files) {
      const r = openFeed(f);
      if (!r.ok) throw new Error(r.problem.message);
      for (const c of r.value.chunks()) n += c.n;
    }
    return n;
  });

  const spy = findInstrument('SPY')!;
  const z = zone(spy.exchangeTz);
  let barCount = 0;
  const bars = measure('bars: parse → 1m/5m/30m bars in memory', () => {
    let n = 0;
    for (const f of files) {
      const r = openFeed(f);
      if (!r.ok) throw new Error(r.problem.message);
      const set = new BarSet(z, 0, () => { barCount++; });
      for (const c of r.value.chunks()) { set.push(c); n += c.n; }
      set.flush();
    }
    return n;
  });

  // Store: every tick and every bar in SQLite (WAL), one transaction per file, as the importer does.
  const tmp = join(tmpdir(), `algospace-bench-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  const db = openDb(join(tmp, 'bench.db'));
  const instId = ensureInstrument(db, spy);
  const sliceMs: number[] = [];
  let pass = 0;
  const store = measure('store: parse → bars → SQLite, every tick stored', () => {
    let n = 0;
    for (const f of files) {
      const r = openFeed(f);
      if (!r.ok) throw new Error(r.problem.message);
      const pending = new Map<Timeframe, Bar[]>([['1m', []], ['5m', []], ['30m', []]]);
      const set = new BarSet(z, 0, (tf, b) => pending.get(tf)!.push({ ...b }));
      db.exec('BEGIN');
      const importId = insertImport(db, { file: f, sha256: `bench-${pass}-${f}`, format: 'lean-zip', layout: 'bench', kind: 'ticks', instrumentId: instId, sourceTz: spy.exchangeTz }, 0);
      // Each pass stands for a later week of data (times shifted by whole weeks), as a longer
      // history would be: inserts then append in time order instead of landing on equal keys.
      const shift = pass * 7 * 86_400_000;
      for (const c of r.value.chunks()) {
        if (c.kind === 'ticks' && shift > 0) for (let i = 0; i < c.n; i++) c.t[i]! += shift;
        // Time each 1,000-tick slice through bars + store: the per-batch latency a live feed would see.
        for (let i = 0; i < c.n; i += 1000) {
          const j = Math.min(c.n, i + 1000);
          const s0 = performance.now();
          const slice: TickChunk = c.kind === 'ticks'
            ? { kind: 'ticks', n: j - i, t: c.t.subarray(i, j), price: c.price.subarray(i, j), size: c.size.subarray(i, j), volOnly: c.volOnly.subarray(i, j) }
            : (() => { throw new Error('expected ticks'); })();
          appendTicks(db, instId, importId, slice, n + i);
          set.push(slice);
          for (const [tf, list] of pending) { if (list.length) { upsertBars(db, instId, TIMEFRAME_MINUTES[tf], list); list.length = 0; } }
          sliceMs.push(((performance.now() - s0) * 1000) / (j - i));
        }
        n += c.n;
      }
      set.flush();
      for (const [tf, list] of pending) upsertBars(db, instId, TIMEFRAME_MINUTES[tf], list);
      db.exec('COMMIT');
    }
    pass++;
    return n;
  });
  const dbTicks = storedTickCount(db);
  closeDb(db);
  rmSync(tmp, { recursive: true, force: true });
  sliceMs.sort((x, y) => x - y);

  for (const r of rows) r.ratio = r.perSec / base.perSec;
  const ind = await benchIndicators(dir, target, (s) => process.stderr.write(`${s}\n`));
  sampleRss();
  // Each section starts on a collected heap, so one section's garbage (the indicator replay leaves
  // hundreds of MB) is not collected inside the next one's timings (npm run bench passes --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const loaded = await loadDecisionModel(DEFAULT_MODEL);
  const model = loaded.ok ? loaded.value : null;
  if (!loaded.ok) process.stderr.write(`bench: no decision model (${loaded.problem.message}); the rule path is timed\n`);
  const trading = await benchTrading(files, LATENCY_FILES.map((l) => ({ file: join(dir, l.file), tf: l.tf, lastBars: l.lastBars })), model,
    (s) => process.stderr.write(`${s}\n`));
  await model?.release();
  sampleRss();
  (globalThis as { gc?: () => void }).gc?.();
  const sweep = await benchSweep(dir, (s) => process.stderr.write(`${s}\n`));
  const imp = a.flags.has('skip-import') ? null : benchImport((s) => process.stderr.write(`${s}\n`));
  const results: Record<string, unknown> = {
    ...ind.results,
    ...trading.results,
    ...sweep.results,
    ...imp?.results,
    replay_with_indicators_vs_baseline: round(ind.results.replay_with_indicators_ticks_per_s! / base.perSec),
    parse_ticks_per_s: Math.round(parse.perSec),
    bars_ticks_per_s: Math.round(bars.perSec),
    store_ticks_per_s: Math.round(store.perSec),
    baseline_ticks_per_s: Math.round(base.perSec),
    inflate_only_ticks_per_s: Math.round(inflate.perSec),
    baseline_text_only_ticks_per_s: Math.round(bareText.perSec),
    parse_vs_baseline: round(parse.perSec / base.perSec),
    bars_vs_baseline: round(bars.perSec / base.perSec),
    store_vs_baseline: round(store.perSec / base.perSec),
    p50_ms_per_1000_ticks: round(pct(sliceMs, 50)),
    p99_ms_per_1000_ticks: round(pct(sliceMs, 99)),
    max_ms_per_1000_ticks: round(sliceMs[sliceMs.length - 1] ?? 0),
    peak_rss_mb: Math.round(peakRss / 2 ** 20),
    ticks_per_pass: rows.map((r) => r.ticks),
    stored_ticks_checked: dbTicks,
    files: SPY_DAYS.map((d) => `lean/equity/usa/tick/spy/${d}_trade.zip`),
    node: process.version,
    when: new Date().toISOString(),
  };
  printTable(rows, results);
  process.stdout.write(`\n${'indicators'.padEnd(60)} ${'ns/bar'.padStart(12)}\n`);
  for (const [label, v] of ind.rows) process.stdout.write(indicatorRow(label, v));
  process.stdout.write(indicatorRow('full replay with indicators / bare loop (×)', results.replay_with_indicators_vs_baseline as number));
  process.stdout.write(`\n${'trading'.padEnd(60)} ${'value'.padStart(12)}\n`);
  for (const [label, v] of [...trading.rows, ...sweep.rows, ...imp?.rows ?? []]) {
    process.stdout.write(`${label.padEnd(60)} ${(v >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(3)).padStart(12)}\n`);
  }
  process.stdout.write(`technicalindicators / ours (time ratio, > 1 = ours faster): RSI ${results.rsi_peer_over_ours}, WMA ${results.wma_peer_over_ours}, ATR ${results.atr_peer_over_ours}\n`);
  mkdirSync(dirname(resolve(outPath)), { recursive: true });
  writeFileSync(outPath, JSON.stringify(results, null, 2) + '\n');
  process.stderr.write(`wrote ${outPath}\n`);
  return 0;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** `bench --only sweep`: the sweep section alone (a minute, not the whole bench), to its own JSON. */
async function sweepOnly(dir: string, outPath: string): Promise<number> {
  const sweep = await benchSweep(dir, (s) => process.stderr.write(`${s}\n`));
  for (const [label, v] of sweep.rows) process.stdout.write(`${label.padEnd(60)} ${v.toFixed(3).padStart(12)}\n`);
  mkdirSync(dirname(resolve(outPath)), { recursive: true });
  writeFileSync(outPath, JSON.stringify({ ...sweep.results, node: process.version, when: new Date().toISOString() }, null, 2) + '\n');
  process.stderr.write(`wrote ${outPath}\n`);
  return 0;
}

/** `bench --only import`: the 1M-bar CLI import alone, to its own JSON. */
function importOnly(outPath: string): number {
  const imp = benchImport((s) => process.stderr.write(`${s}\n`));
  for (const [label, v] of imp.rows) process.stdout.write(`${label.padEnd(60)} ${v.toFixed(1).padStart(12)}\n`);
  mkdirSync(dirname(resolve(outPath)), { recursive: true });
  writeFileSync(outPath, JSON.stringify({ ...imp.results, node: process.version, when: new Date().toISOString() }, null, 2) + '\n');
  process.stderr.write(`wrote ${outPath}\n`);
  return 0;
}

/** `bench --only indicators`: the bare loop (for the ratio) and the indicator section, to its own JSON. */
async function indicatorsOnly(dir: string, target: number, outPath: string): Promise<number> {
  const zips = SPY_DAYS.map((d) => readFileSync(join(dir, 'lean/equity/usa/tick/spy', `${d}_trade.zip`)));
  bareLoop(zips);
  let ticks = 0;
  const t0 = performance.now();
  while (ticks < target) ticks += bareLoop(zips).ticks;
  const base = ticks / ((performance.now() - t0) / 1000);
  const ind = await benchIndicators(dir, target, (s) => process.stderr.write(`${s}\n`));
  const ratio = round(ind.results.replay_with_indicators_ticks_per_s! / base);
  process.stdout.write(`${'baseline: bare loop, zip → 1m bars, ticks/s'.padEnd(60)} ${Math.round(base).toLocaleString('en-US').padStart(12)}\n`);
  for (const [label, v] of ind.rows) process.stdout.write(indicatorRow(label, v));
  process.stdout.write(indicatorRow('full replay with indicators / bare loop (×)', ratio));
  const results = { ...ind.results, baseline_ticks_per_s: Math.round(base), replay_with_indicators_vs_baseline: ratio, node: process.version, when: new Date().toISOString() };
  mkdirSync(dirname(resolve(outPath)), { recursive: true });
  writeFileSync(outPath, JSON.stringify(results, null, 2) + '\n');
  process.stderr.write(`wrote ${outPath}\n`);
  return 0;
}

function printTable(rows: Row[], r: Record<string, unknown>): void {
  const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const lines = [
    `${'stage'.padEnd(48)} ${'ticks'.padStart(11)} ${'seconds'.padStart(8)} ${'ticks/s'.padStart(12)} ${'× baseline'.padStart(10)}`,
    ...rows.map((x) => `${x.name.padEnd(48)} ${fmt(x.ticks).padStart(11)} ${x.seconds.toFixed(2).padStart(8)} ${fmt(x.perSec).padStart(12)} ${(x.ratio ?? 0).toFixed(3).padStart(10)}`),
    '',
    `bars + store per 1,000 ticks: p50 ${r.p50_ms_per_1000_ticks} ms, p99 ${r.p99_ms_per_1000_ticks} ms, max ${r.max_ms_per_1000_ticks} ms`,
    `peak RSS ${r.peak_rss_mb} MB`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
