// `npm run train`: replay shared/data through the pipeline ('active' profile), label every
// synergy with the paper broker, fit a logistic decision model, and write models/decision.onnx plus
// models/decision.card.json. Progress goes to stderr, a summary table to stdout. Deterministic: a
// second run on the same data writes byte-identical files (no clock in either).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../src-shared/config.ts';
import { applyProfile } from '../src-shared/profiles.ts';
import { FEATURE_SCHEMA } from '../src-main/engine/features/schema.ts';
import { logisticModelBytes } from '../src-main/engine/decision/onnx-writer.ts';
import { loadDecisionModel } from '../src-main/engine/decision/model.ts';
import { SOURCES, EXCLUDED } from '../src-main/engine/training/sources.ts';
import { replaySource, SKIP_REASONS, type Sample, type SourceReport } from '../src-main/engine/training/dataset.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel } from '../src-main/engine/training/train-model.ts';
import { newestRowFeatures } from '../src-main/engine/training/features.ts';
import { accuracy, brier, countBy, distribution, expectancy, positiveRate, round6, type Scored } from '../src-main/engine/training/card.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const dataDir = process.env.ALGOSPACE_SHARED_DATA ?? resolve(repoRoot, '../shared/data');
const modelsDir = join(repoRoot, 'models');
const PROFILE = 'active' as const;
const config = applyProfile(DEFAULT_CONFIG, PROFILE, DEFAULT_CONFIG);
const ONNX_TOLERANCE = 1e-5;
const log = (s: string) => process.stderr.write(`[train] ${s}\n`);
const iso = (t: number) => new Date(t).toISOString();

const t0 = performance.now();
const samples: Sample[] = [];
const reports: SourceReport[] = [];
for (const src of SOURCES) {
  const ts = performance.now();
  const { report, samples: s } = replaySource(src, dataDir, config);
  reports.push(report);
  samples.push(...s);
  const skips = SKIP_REASONS.filter((r) => report.skipped[r] > 0).map((r) => `${r} ${report.skipped[r]}`).join(', ');
  log(`${src.id} (${src.mode}): ${report.steps} steps, ${report.synergies} synergies, ${report.kept} kept${skips ? ` (skipped: ${skips})` : ''} [${((performance.now() - ts) / 1000).toFixed(1)} s]`);
}

const trained = trainModel(samples, DEFAULT_TRAIN_OPTIONS);
const { split } = trained;
const scored = (xs: readonly Sample[], ps: readonly number[]): (Scored & { s: Sample })[] =>
  xs.map((s, i) => ({ label: s.outcome.label, pnl: s.outcome.pnl, r: s.outcome.r, p: ps[i]!, s }));
const train = scored(split.train, trained.trainP);
const test = scored(split.test, trained.testP);
const baseRate = positiveRate(train);
const threshold = config.decision.threshold;
const period = (xs: readonly Sample[]) => ({ first_decision: iso(xs[0]!.time), last_decision: iso(xs.at(-1)!.time) });

// The ONNX file, then the same predictions from onnxruntime: a mismatch means the file is not the model.
const trainPeriod = period(split.train), testPeriod = period(split.test);
const bytes = logisticModelBytes({
  ...trained.spec,
  metadata: {
    model_kind: 'logistic',
    generated_by: 'npm run train',
    profile: PROFILE,
    features: 'newest row of each matrix (41); standardisation folded into the weights',
    label: 'net P&L after slippage and commissions > 0 (paper broker, bar mode)',
    trained_from: trainPeriod.first_decision,
    trained_to: trainPeriod.last_decision,
    l2_lambda: String(trained.lambda),
    seed: 'none (Newton/IRLS from zeros: no randomness)',
  },
});
mkdirSync(modelsDir, { recursive: true });
const onnxPath = join(modelsDir, 'decision.onnx');
writeFileSync(onnxPath, bytes);
const loaded = await loadDecisionModel(onnxPath);
if (!loaded.ok) throw new Error(`the written model does not load: ${loaded.problem.code}: ${loaded.problem.message}`);
let maxDiff = 0;
for (const x of [...train, ...test]) {
  const p = await loaded.value.predict(x.s.matrices);
  maxDiff = Math.max(maxDiff, Math.abs(p - x.p));
}
await loaded.value.release();
if (!(maxDiff <= ONNX_TOLERANCE)) throw new Error(`ONNX predictions differ from TypeScript by ${maxDiff} (> ${ONNX_TOLERANCE})`);

const features = newestRowFeatures(FEATURE_SCHEMA);
const split_ = (xs: readonly (Scored & { s: Sample })[]) => ({
  n: xs.length, positives: xs.filter((x) => x.label === 1).length, positive_rate: round6(positiveRate(xs)),
  by_source: countBy(xs, (x) => x.s.source), by_mode: countBy(xs, (x) => x.s.mode),
});
const rows = [
  expectancy('every test synergy', test),
  expectancy(`p >= ${threshold} (the active profile's decision.threshold)`, test.filter((x) => x.p >= threshold)),
  expectancy('p >= 0.5', test.filter((x) => x.p >= 0.5)),
  expectancy(`p >= ${DEFAULT_CONFIG.decision.threshold} (SPEC's decision.threshold)`, test.filter((x) => x.p >= DEFAULT_CONFIG.decision.threshold)),
];
const card = {
  generated_by: 'npm run train',
  model: {
    file: 'decision.onnx', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'),
    kind: 'logistic', feature_schema_hash: trained.spec.featureSchemaHash,
    inputs: FEATURE_SCHEMA.map((m) => ({ name: m.name, shape: [1, m.rows, m.features.length], dtype: 'float32' })),
    output: 'p [1,1] float32: P(net P&L > 0) for the proposed trade',
    onnx_check: { max_abs_diff_vs_typescript: round6(maxDiff), tolerance: ONNX_TOLERANCE, samples: train.length + test.length },
  },
  profile: PROFILE,
  config: {
    synergy: config.synergy,
    indicators: { fvg_min_gap_pct: config.indicators.fvg.min_gap_pct, mlmi_ma_period: config.indicators.mlmi.ma_period, mlmi_k: config.indicators.mlmi.k },
    risk: {
      account_equity: config.risk.account_equity, risk_per_trade: config.risk.risk_per_trade, stop_atr: config.risk.stop_atr,
      target_rr: config.risk.target_rr, max_contracts: config.risk.max_contracts, max_bars_in_trade: config.risk.max_bars_in_trade,
    },
    exec: { slippage_ticks: config.exec.slippage_ticks, commission_per_contract: config.exec.commission_per_contract },
    decision_threshold: threshold,
  },
  label: {
    definition: '1 if the round trip\'s net P&L (FillEvent.pnl: after 1-tick slippage on entry and on stop/time exits, and both commissions) is > 0, else 0',
    simulation: 'PaperBroker mode bar: market order submitted at the synergy time (end of the step bar), filled at the next step bar\'s open; stop = entry ∓ stop_atr·ATR, target = entry ± target_rr·stop distance (proposeTrade from the step bar\'s close, ATR = 5m-stage atr column of the step); stop first when both are in one bar; time stop at the close of bar max_bars_in_trade after entry',
    steps: '5m mode: 5m bars; 30m mode: 30m bars (ATR, time stop and FVG then on 30m bars)',
    independence: 'every synergy is simulated alone: no overlap with other trades, no daily limits or breakers',
    dropped: 'trades still open when the data ends, or across a hole of more than 4 days in the data',
  },
  features: {
    used: 'newest row of each matrix (structure_30m row 48, tactical_5m row 60, regime_30m row 96)',
    count: features.length,
    names: features.map((f) => f.name),
    standardisation: 'z-score on the training set, folded into the weights (w/σ, bias − Σ w·μ/σ); older rows have weight 0',
    zero_variance_in_train: features.filter((_, j) => trained.standardiser.sd[j] === 0).map((f) => f.name),
  },
  training: {
    method: 'L2-regularised logistic regression, Newton/IRLS with step halving, full batch, from zeros',
    objective: 'sum of log-loss + (λ/2)·‖w‖² on standardised features; bias not penalised',
    lambda_selection: { rule: `fit on the first ${1 - DEFAULT_TRAIN_OPTIONS.validationFraction} of the training period, lowest mean log-loss on the rest (ties: larger λ)`,
      validation_cut: iso(trained.validationCut), candidates: trained.validation.map((v) => ({ lambda: v.lambda, log_loss: round6(v.logLoss) })) },
    lambda: trained.lambda,
    iterations: trained.fit.iterations,
    converged: trained.fit.converged,
    seed: null,
    randomness: 'none: no sampling or shuffling',
  },
  data: {
    data_dir: '$ALGOSPACE_SHARED_DATA or ../shared/data',
    sources: reports,
    excluded: EXCLUDED,
    totals: {
      synergies: reports.reduce((a, r) => a + r.synergies, 0), kept: samples.length,
      skipped: Object.fromEntries(SKIP_REASONS.map((k) => [k, reports.reduce((a, r) => a + r.skipped[k], 0)])),
    },
  },
  split: {
    rule: `samples sorted by decision time; test = the last ${DEFAULT_TRAIN_OPTIONS.testFraction} (every decision at or after the cut); train = decided before the cut and closed by it`,
    cut: iso(split.cut),
    train: { ...trainPeriod, ...split_(train) },
    test: { ...testPeriod, ...split_(test) },
    purged_train_trades_open_at_cut: split.purged.length,
  },
  results: {
    train: { accuracy: round6(accuracy(train)), brier: round6(brier(train)) },
    test: {
      n: test.length,
      accuracy_at_0_5: round6(accuracy(test)),
      accuracy_always_majority_of_train: round6(accuracy(test.map((x) => ({ ...x, p: baseRate })))),
      brier: round6(brier(test)),
      brier_baseline_train_rate: round6(brier(test, baseRate)),
      train_base_rate: round6(baseRate),
      p_distribution: distribution(test.map((x) => x.p)),
      expectancy: rows,
      expectancy_every_synergy_by_source: Object.keys(countBy(test, (x) => x.s.source))
        .map((id) => expectancy(id, test.filter((x) => x.s.source === id))),
    },
  },
  caveats: [
    "'30m' sources: the 5m-stage indicators run on the 30m bars themselves (the pipeline appends the tactical row from them), so the model's tactical_5m input is built from 30m bars there, unlike at the 5m steps the app trades.",
    'The model sees only the three matrices, not the proposed direction: it cannot learn that a feature favours longs and hurts shorts.',
    'The test period holds only 30m-mode samples (AlgoSpace CL/NQ); how the model does on 5m-mode synergies is not measured out of sample.',
    'Money expectancy adds instruments with very different point values (CL 1000, NQ 20, generic specs 1); R is comparable across them.',
    'Every synergy is simulated alone; a live run with one open position and daily limits takes fewer of them.',
  ],
  weights_raw_inputs: { bias: round6(trained.raw.b), ...Object.fromEntries(features.map((f, j) => [f.name, round6(trained.raw.w[j]!)])) },
};
const cardPath = join(modelsDir, 'decision.card.json');
writeFileSync(cardPath, `${JSON.stringify(card, null, 2)}\n`);

// summary table
const pad = (s: unknown, n: number) => String(s).padEnd(n);
const out: string[] = [];
out.push(`${pad('source', 18)}${pad('mode', 5)}${pad('steps', 8)}${pad('synergies', 10)}${pad('kept', 6)}skipped`);
for (const r of reports) {
  const skips = SKIP_REASONS.filter((k) => r.skipped[k] > 0).map((k) => `${k}: ${r.skipped[k]}`).join(', ');
  out.push(`${pad(r.id, 18)}${pad(r.mode, 5)}${pad(r.steps, 8)}${pad(r.synergies, 10)}${pad(r.kept, 6)}${skips}`);
}
out.push('');
out.push(`train ${card.split.train.n} (${trainPeriod.first_decision} .. ${trainPeriod.last_decision}), positive rate ${card.split.train.positive_rate}; purged ${split.purged.length}`);
out.push(`test  ${card.split.test.n} (${testPeriod.first_decision} .. ${testPeriod.last_decision}), positive rate ${card.split.test.positive_rate}`);
out.push(`λ ${trained.lambda}; test accuracy ${card.results.test.accuracy_at_0_5}; Brier ${card.results.test.brier} vs base rate ${card.results.test.brier_baseline_train_rate}`);
const dist = card.results.test.p_distribution;
out.push(`test p: min ${dist.min}, median ${dist.median}, max ${dist.max}`);
for (const r of rows) out.push(`  ${pad(r.rule, 32)} trades ${pad(r.trades, 5)} win ${pad(r.win_rate, 9)} mean ${pad(r.mean_pnl, 10)} mean R ${r.mean_r}`);
out.push(`wrote models/decision.onnx (${bytes.length} bytes, ONNX vs TS max |Δp| ${maxDiff.toExponential(2)}) and models/decision.card.json`);
process.stdout.write(`${out.join('\n')}\n`);
log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
