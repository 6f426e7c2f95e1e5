// The trading part of `npm run bench` (issue 6):
// - full pipeline with everything on, storing every tick: LEAN SPY tick days → import (every tick,
//   bar and indicator value stored in SQLite) → the trading replay (indicators, synergy, the ONNX
//   model, risk, auto-approval, tick-mode paper fills, one committed transaction per 5m step), in
//   ticks per second of the whole thing, with the bare-loop baseline of the same run for the ratio;
// - bar close → decision committed (model inference, risk, queue, SQLite commit) per synergy: p50,
//   p99, max over every synergy of long replays in the `active` profile, twice: as the app runs by
//   default (the decision waits in the approval queue: issue 6's measure) and with paper
//   auto-approval (the decision is also approved and its order placed in the same commit). The
//   driver rehearses the decision path between bars while the synergy detector is armed (session.prime);
//   that time is outside the measure (it is idle time in a live feed) but inside the replay's, and
//   its share is reported, with the approval-queue latency of the same replays without rehearsals.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb, closeDb, type WriteDb } from '../store/db.ts';
import { importFile } from '../engine/ingest/import-file.ts';
import { openFeed } from '../engine/feed/index.ts';
import { DEFAULT_CONFIG } from '../../src-shared/config.ts';
import { applyProfile } from '../../src-shared/profiles.ts';
import { createRun } from '../store/trading.ts';
import { openSession } from '../engine/kernel/session.ts';
import type { DecisionModel } from '../engine/decision/model.ts';
import { inputMinutes } from '../engine/feed/input-minutes.ts';
import type { InstrumentSpec } from '../../src-shared/instruments.ts';
import type { FeedChunk } from '../../src-shared/domain/chunks.ts';
import { Kernel, type KernelStats } from '../engine/kernel/kernel.ts';

export interface TradingBench {
  rows: [string, number][];
  results: Record<string, unknown>;
}

/** A file's rows in memory (parsing stays out of the timed replay). */
interface Loaded { chunks: FeedChunk[]; rows: number; spec: InstrumentSpec; inputMinutes: number }

function load(file: string, lastRows?: number): Loaded {
  const r = openFeed(file);
  if (!r.ok) throw new Error(r.problem.message);
  const info = r.value.info;
  let chunks = [...r.value.chunks()];
  if (lastRows !== undefined) chunks = lastOf(chunks, lastRows);
  // the bench's files are all of catalogue instruments; a trading bench without economics would be meaningless
  if (!info.instrument) throw new Error(`bench: ${file}: instrument not recognised`);
  return { chunks, rows: r.value.stats.rowsRead, spec: info.instrument, inputMinutes: inputMinutes(info) };
}

/** The last `n` rows of bar chunks (a long 30m file: each row is a step). */
function lastOf(chunks: FeedChunk[], n: number): FeedChunk[] {
  const out: FeedChunk[] = [];
  let need = n;
  for (let i = chunks.length - 1; i >= 0 && need > 0; i--) {
    const c = chunks[i]!;
    if (c.kind !== 'bars') throw new Error('lastRows is for bar files');
    const k = Math.min(need, c.n), a = c.n - k;
    out.unshift({ kind: 'bars', n: k, t: c.t.subarray(a), o: c.o.subarray(a), h: c.h.subarray(a), l: c.l.subarray(a), c: c.c.subarray(a), v: c.v.subarray(a) });
    need -= k;
  }
  return out;
}

function tradeRun(db: WriteDb, l: Loaded, tf: '5m' | '30m', model: DecisionModel | null, tag: string, auto: boolean, rehearse = true): KernelStats {
  const config = applyProfile(DEFAULT_CONFIG, 'active', DEFAULT_CONFIG);
  const cfg = { ...config, exec: { ...config.exec, auto_approve: auto } };
  const run = createRun(db, {
    key: `bench:${tag}:${Math.random()}`, source: tag, symbol: l.spec.symbol, timeframe: tf, profile: 'active',
    config_json: '{}', model: model?.file ?? null, auto_approve: auto ? 1 : 0, created_at: Date.now(),
  });
  const session = openSession({ db, run, spec: l.spec, config: cfg, model, modelProblem: model ? null : 'no model', mode: tf, inputMinutes: l.inputMinutes });
  const kernel = new Kernel({ config: cfg, spec: l.spec, mode: tf, inputMinutes: l.inputMinutes, trading: session, rehearse });
  for (const c of l.chunks) kernel.feed(c);
  kernel.finish();
  return kernel.stats;
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchTrading(
  tickFiles: readonly string[], latencyFiles: readonly { file: string; tf: '5m' | '30m'; lastBars?: number }[],
  model: DecisionModel | null, log: (s: string) => void,
): Promise<TradingBench> {
  const tmp = join(tmpdir(), `algospace-bench-trading-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  const db = openDb(join(tmp, 'bench.db'));
  const rows: [string, number][] = [];
  const autoMs: number[] = [], queueMs: number[] = [], coldMs: number[] = [];
  let decisions = 0, queued = 0;
  try {
    // Full pipeline on tick data, everything stored.
    let ticks = 0, importS = 0, tradeS = 0;
    const t0 = performance.now();
    for (const f of tickFiles) {
      const i0 = performance.now();
      const imp = importFile(db, f, { config: applyProfile(DEFAULT_CONFIG, 'active', DEFAULT_CONFIG) });
      if (!imp.ok) throw new Error(imp.problem.message);
      const i1 = performance.now();
      const l = load(f);
      const s = tradeRun(db, l, '5m', model, f, true);
      const i2 = performance.now();
      importS += (i1 - i0) / 1000;
      tradeS += (i2 - i1) / 1000;
      ticks += l.rows;
      autoMs.push(...s.decisionMs);
      decisions += s.decisions;
      log(`bench trading: ${f.split('/').pop()}: ${l.rows} ticks, ${s.decisionMs.length} synergies`);
    }
    const fullS = (performance.now() - t0) / 1000;
    rows.push(['full pipeline, every tick stored (ticks/s)', ticks / fullS]);
    rows.push(['  import: ticks, bars, indicators → SQLite (ticks/s)', ticks / importS]);
    rows.push(['  trading replay: indicators → fills, per-step commit (ticks/s)', ticks / tradeS]);

    // Long replays for the decision latency: approval queue (the app's default), then auto-approve.
    let primes = 0, primeMs = 0, replayMs = 0;
    for (const { file, tf, lastBars } of latencyFiles) {
      const l = load(file, lastBars);
      for (const auto of [false, true]) {
        const r0 = performance.now();
        const s = tradeRun(db, l, tf, model, file, auto);
        replayMs += performance.now() - r0;
        primes += s.primes;
        primeMs += s.primeMs;
        (auto ? autoMs : queueMs).push(...s.decisionMs);
        // the same-run comparison: the approval queue without the rehearsals
        if (!auto) coldMs.push(...tradeRun(db, l, tf, model, file, false, false).decisionMs);
        if (auto) decisions += s.decisions; else queued += s.decisions;
        log(`bench trading: ${file.split('/').pop()} (${tf}, ${auto ? 'auto-approve' : 'approval queue'}): ${s.steps} bars, ${s.decisionMs.length} synergies, ${s.decisions} decisions`);
      }
    }
    queueMs.sort((a, b) => a - b);
    autoMs.sort((a, b) => a - b);
    coldMs.sort((a, b) => a - b);
    const last = (a: number[]) => a[a.length - 1] ?? Number.NaN;
    rows.push(['bar close → decision in the approval queue p50 (ms)', pct(queueMs, 50)]);
    rows.push(['bar close → decision in the approval queue p99 (ms)', pct(queueMs, 99)]);
    rows.push(['bar close → decision in the approval queue max (ms)', last(queueMs)]);
    rows.push(['  auto-approve (decision + order) p50 (ms)', pct(autoMs, 50)]);
    rows.push(['  auto-approve (decision + order) p99 (ms)', pct(autoMs, 99)]);
    rows.push(['  auto-approve (decision + order) max (ms)', last(autoMs)]);
    rows.push(['  approval queue without rehearsals p50 (ms)', pct(coldMs, 50)]);
    rows.push(['  approval queue without rehearsals p99 (ms)', pct(coldMs, 99)]);
    rows.push(['  rehearsals between bars: share of replay time (%)', (100 * primeMs) / replayMs]);
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    return {
      rows,
      results: {
        full_pipeline_ticks_per_s: Math.round(ticks / fullS),
        full_pipeline_import_ticks_per_s: Math.round(ticks / importS),
        full_pipeline_trading_ticks_per_s: Math.round(ticks / tradeS),
        full_pipeline_ticks: ticks,
        decision_model: model ? model.file.split('/').pop() : null,
        // approval queue (issue 6's measure)
        decision_synergies: queueMs.length,
        decision_decisions: queued,
        decision_p50_ms: r3(pct(queueMs, 50)),
        decision_p99_ms: r3(pct(queueMs, 99)),
        decision_max_ms: r3(last(queueMs)),
        // paper auto-approve: the decision, its approval and its order in one commit
        decision_auto_approve_synergies: autoMs.length,
        decision_auto_approve_decisions: decisions,
        decision_auto_approve_p50_ms: r3(pct(autoMs, 50)),
        decision_auto_approve_p99_ms: r3(pct(autoMs, 99)),
        decision_auto_approve_max_ms: r3(last(autoMs)),
        // the decision path rehearsed (and rolled back) after each step that leaves the detector armed
        decision_rehearsals: primes,
        decision_rehearsal_mean_ms: r3(primes ? primeMs / primes : 0),
        decision_rehearsal_share_pct: r3((100 * primeMs) / replayMs),
        // the approval queue again with no rehearsals, in the same run (what they gain)
        decision_unrehearsed_p50_ms: r3(pct(coldMs, 50)),
        decision_unrehearsed_p99_ms: r3(pct(coldMs, 99)),
        decision_unrehearsed_max_ms: r3(last(coldMs)),
      },
    };
  } finally {
    closeDb(db);
    rmSync(tmp, { recursive: true, force: true });
  }
}
