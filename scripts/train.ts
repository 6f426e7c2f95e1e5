// `npm run train` (same as `npm run train -- --walk-forward`: walk-forward is the only evaluation):
// replay shared/data through the pipeline under the 'active' and 'spec' profiles (each source in a
// child process, two at once, cached in .cache/train), label every synergy with the paper broker,
// evaluate the logistic decision model walk-forward (purged, embargoed rolling-origin folds, λ and
// threshold chosen inside each training window), then fit the shipped model on all 'active'
// samples and write models/decision.onnx and models/decision.card.json. Progress to stderr, a
// summary to stdout. Deterministic: a second run writes byte-identical files (no clock in either).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProfileName } from '../src-shared/profiles.ts';
import { ModelCard, type WalkForward } from '../src-shared/model-card.ts';
import { logisticModelBytes } from '../src-main/engine/decision/onnx-writer.ts';
import { loadDecisionModel } from '../src-main/engine/decision/model.ts';
import { sparseMatrices } from '../src-main/engine/training/sample-cache.ts';
import { configFor, TRAIN_PROFILES } from '../src-main/engine/training/source-jobs.ts';
import { walkForward, type WalkSample } from '../src-main/engine/training/walk-forward.ts';
import { shipModel, type ShippedModel } from '../src-main/engine/training/ship.ts';
import { summarySentence, walkForwardSection, type SchemeInputs } from '../src-main/engine/training/wf-card.ts';
import { replayAll, type ReplayResult } from './train-replay.ts';
import { buildCard, type ProfileRun } from '../src-main/engine/training/card-build.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const dataDir = process.env.ALGOSPACE_SHARED_DATA ?? resolve(repoRoot, '../shared/data');
const cacheDir = join(repoRoot, '.cache', 'train');
const modelsDir = join(repoRoot, 'models');
const SHIPPED: ProfileName = 'active';
const ONNX_TOLERANCE = 1e-5;
const log = (s: string) => process.stderr.write(`[train] ${s}\n`);

const maxBars = configFor(SHIPPED).risk.max_bars_in_trade;
const SCHEME: SchemeInputs = {
  embargoBars: maxBars,
  outer: { minTrainFraction: 0.3, minTestSize: 50, maxFolds: 10, embargoMs: maxBars * 1_800_000 },
  select: {
    lambdas: [0.1, 1, 10, 100, 1000, 10_000], minSelected: 30, minSelectedFraction: 0.2,
    inner: { minTrainFraction: 0.5, minTestSize: 50, maxFolds: 3, embargoMs: maxBars * 1_800_000 },
  },
};

/** `--walk-forward` (the default and only evaluation, accepted for the command line) and `--parallel N` (default 2). */
function parallelArg(): number {
  const args = process.argv.slice(2), i = args.indexOf('--parallel');
  const n = i >= 0 ? Number(args[i + 1]) : 2;
  if (!(Number.isInteger(n) && n >= 1)) throw new Error('--parallel needs a whole number ≥ 1');
  const unknown = args.filter((a, k) => a !== '--walk-forward' && a !== '--parallel' && !(i >= 0 && k === i + 1));
  if (unknown.length) throw new Error(`npm run train: unknown argument ${unknown[0]} (takes --walk-forward, --parallel N)`);
  return n;
}

/** A profile's samples of every source, sorted by decision time (ties: source order, then sample order). */
function walkSamples(runs: readonly ReplayResult[], profile: ProfileName): WalkSample[] {
  const out = runs.filter((r) => r.profile === profile).flatMap((r, k) => r.cached.samples.map((s, i) => ({
    time: s.time, knownAt: s.knownAt, x: s.x, y: s.outcome.label, r: s.outcome.r, mode: s.mode, source: s.source, k, i,
  })));
  out.sort((a, b) => a.time - b.time || a.k - b.k || a.i - b.i);
  return out.map(({ k: _k, i: _i, ...s }) => s);
}

function evaluate(runs: readonly ReplayResult[], profile: ProfileName): ProfileRun {
  const t0 = performance.now();
  const samples = walkSamples(runs, profile);
  const wf: WalkForward = walkForwardSection(walkForward(samples, SCHEME), SCHEME);
  log(`${profile}: ${samples.length} samples, ${wf.folds.length} folds, ${wf.pooled.n} tested [${((performance.now() - t0) / 1000).toFixed(1)} s]`);
  return { profile, samples, reports: runs.filter((r) => r.profile === profile).map((r) => r.cached.report), wf, summary: summarySentence(wf, profile) };
}

/** Writes the ONNX file, loads it with onnxruntime and checks it predicts what TypeScript predicts. */
async function writeOnnx(ship: ShippedModel, samples: readonly WalkSample[]): Promise<{ bytes: Uint8Array; maxDiff: number }> {
  const bytes = logisticModelBytes({
    ...ship.spec,
    metadata: {
      model_kind: 'logistic', generated_by: 'npm run train', profile: SHIPPED,
      features: 'newest row of each matrix (41); standardisation folded into the weights',
      label: 'net P&L after slippage and commissions > 0 (paper broker, bar mode)',
      trained_from: new Date(samples[0]!.time).toISOString(), trained_to: new Date(samples.at(-1)!.time).toISOString(),
      l2_lambda: String(ship.hyper.lambda), threshold: String(ship.hyper.threshold),
      seed: 'none (Newton/IRLS from zeros: no randomness)',
    },
  });
  mkdirSync(modelsDir, { recursive: true });
  const onnxPath = join(modelsDir, 'decision.onnx');
  writeFileSync(onnxPath, bytes);
  const loaded = await loadDecisionModel(onnxPath);
  if (!loaded.ok) throw new Error(`the written model does not load: ${loaded.problem.code}: ${loaded.problem.message}`);
  let maxDiff = 0;
  for (const s of samples) maxDiff = Math.max(maxDiff, Math.abs(await loaded.value.predict(sparseMatrices(s.x)) - ship.p(s.x)));
  await loaded.value.release();
  if (!(maxDiff <= ONNX_TOLERANCE)) throw new Error(`ONNX predictions differ from TypeScript by ${maxDiff} (> ${ONNX_TOLERANCE})`);
  return { bytes, maxDiff };
}

function printSummary(runs: readonly ProfileRun[], ship: ShippedModel, wallS: number): void {
  const out: string[] = [];
  const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  const c = (x: [number, number] | null) => (x ? `[${f(x[0])}, ${f(x[1])}]` : '');
  for (const r of runs) {
    out.push(`${r.profile}: ${r.samples.length} samples, ${r.wf.folds.length} folds`);
    for (const [name, s] of [['pooled', r.wf.pooled], ['5m', r.wf.pooled_5m], ['30m', r.wf.pooled_30m]] as const) {
      out.push(`  ${name.padEnd(7)} n ${String(s.n).padEnd(5)} Brier skill ${f(s.brier_skill)} ${c(s.brier_skill_ci95)}  AUC ${f(s.auc)} ${c(s.auc_ci95)}  ` +
        `log-loss ${f(s.log_loss)}  selected ${s.selected}  value added ${f(s.value_added_r)} R ${c(s.value_added_r_ci95)}  take-all ${f(s.take_all_expectancy_r)} R`);
    }
    for (const fd of r.wf.folds) {
      out.push(`  fold ${fd.fold} test ${fd.test.from.slice(0, 10)}..${fd.test.to.slice(0, 10)} n ${fd.test.n} λ ${fd.lambda} threshold ${fd.threshold} ` +
        `skill ${f(fd.scores.brier_skill)} AUC ${f(fd.scores.auc)} added ${f(fd.scores.value_added_r)} R (selected ${fd.scores.selected})`);
    }
    out.push(`  ${r.summary}`);
  }
  out.push(`shipped (${SHIPPED}): λ ${ship.hyper.lambda}, threshold ${ship.hyper.threshold}; wall ${wallS.toFixed(1)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const replays = await replayAll(TRAIN_PROFILES, dataDir, cacheDir, parallelArg(), log);
  log(`replays ready [${((performance.now() - t0) / 1000).toFixed(1)} s]`);
  const runs = TRAIN_PROFILES.map((p) => evaluate(replays, p));
  const shipped = runs.find((r) => r.profile === SHIPPED)!;
  const ship = shipModel(shipped.samples, SCHEME.select);
  const { bytes, maxDiff } = await writeOnnx(ship, shipped.samples);
  const card = buildCard({ runs, shipped: SHIPPED, ship, bytes, maxDiff, tolerance: ONNX_TOLERANCE, scheme: SCHEME });
  const parsed = ModelCard.safeParse(card);
  if (!parsed.success) throw new Error(`the card does not match src-shared/model-card.ts: ${parsed.error.message}`);
  writeFileSync(join(modelsDir, 'decision.card.json'), `${JSON.stringify(card, null, 2)}\n`);
  printSummary(runs, ship, (performance.now() - t0) / 1000);
  log(`wrote models/decision.onnx (${bytes.length} bytes) and models/decision.card.json in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
