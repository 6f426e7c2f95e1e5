// models/decision.card.json from the evaluation and the shipped fit (contract: src-shared/model-card.ts).
// Pure: no clock, no absolute paths, so the same samples give the same bytes.
import { createHash } from 'node:crypto';
import type { ModelCard, WalkForward } from '../../../src-shared/model-card.ts';
import type { ProfileName } from '../../../src-shared/profiles.ts';
import { FEATURE_SCHEMA } from '../features/schema.ts';
import { countBy, distribution, round6 } from './card.ts';
import type { SourceReport } from './dataset.ts';
import { newestRowFeatures } from './features.ts';
import type { ShippedModel } from './ship.ts';
import { configFor } from './source-jobs.ts';
import { EXCLUDED } from './sources.ts';
import { SKIP_REASONS } from './dataset.ts';
import type { SchemeInputs } from './wf-card.ts';
import type { WalkSample } from './walk-forward.ts';
import { LABEL, caveats } from './card-text.ts';

export interface ProfileRun {
  profile: ProfileName;
  samples: WalkSample[];
  reports: SourceReport[];
  wf: WalkForward;
  summary: string;
}

export interface CardInputs {
  runs: readonly ProfileRun[];
  shipped: ProfileName;
  ship: ShippedModel;
  bytes: Uint8Array;
  maxDiff: number;
  tolerance: number;
  scheme: SchemeInputs;
}

const iso = (t: number): string => new Date(t).toISOString();

function profileSection(r: ProfileRun) {
  return {
    summary: r.summary,
    samples: r.samples.length,
    by_mode: countBy(r.samples, (s) => s.mode),
    by_source: countBy(r.samples, (s) => s.source),
    synergies: r.reports.reduce((a, x) => a + x.synergies, 0),
    skipped: Object.fromEntries(SKIP_REASONS.map((k) => [k, r.reports.reduce((a, x) => a + x.skipped[k], 0)])),
    walk_forward: r.wf,
  };
}

function configSection(profile: ProfileName, threshold: number) {
  const c = configFor(profile);
  return {
    synergy: c.synergy,
    indicators: { fvg_min_gap_pct: c.indicators.fvg.min_gap_pct, mlmi_ma_period: c.indicators.mlmi.ma_period, mlmi_k: c.indicators.mlmi.k },
    risk: {
      account_equity: c.risk.account_equity, risk_per_trade: c.risk.risk_per_trade, stop_atr: c.risk.stop_atr,
      target_rr: c.risk.target_rr, max_contracts: c.risk.max_contracts, max_bars_in_trade: c.risk.max_bars_in_trade,
    },
    exec: { slippage_ticks: c.exec.slippage_ticks, commission_per_contract: c.exec.commission_per_contract },
    profile_decision_threshold: c.decision.threshold,
    recommended_decision_threshold: threshold,
  };
}

function trainingSection(i: CardInputs, all: readonly WalkSample[]) {
  const { ship } = i, features = newestRowFeatures(FEATURE_SCHEMA);
  return {
    method: 'L2-regularised logistic regression, Newton/IRLS with step halving, full batch, from zeros',
    objective: 'sum of log-loss + (λ/2)·‖w‖² on standardised features; bias not penalised',
    fitted_on: { n: all.length, from: iso(all[0]!.time), to: iso(all.at(-1)!.time), by_mode: countBy(all, (s) => s.mode) },
    selection: 'λ and threshold by the inner procedure of the walk-forward scheme, run on all samples (see walk_forward.scheme)',
    lambda: ship.hyper.lambda,
    threshold: ship.hyper.threshold,
    inner: { ...ship.hyper.inner, lambdas: ship.hyper.inner.lambdas.map((l) => ({ lambda: l.lambda, log_loss: round6(l.log_loss) })) },
    in_sample_p: inSampleP(ship, all),
    iterations: ship.model.fit.iterations,
    converged: ship.model.fit.converged,
    features: {
      used: 'newest row of each matrix (structure_30m row 48, tactical_5m row 60, regime_30m row 96)',
      count: features.length, names: features.map((f) => f.name),
      standardisation: 'z-score on the training samples, folded into the weights (w/σ, bias − Σ w·μ/σ); older rows have weight 0',
      zero_variance: features.filter((_, j) => ship.model.standardiser.sd[j] === 0).map((f) => f.name),
    },
    seed: null,
    randomness: 'none in the fit; the bootstrap intervals use a fixed seed',
  };
}

/** The shipped model's p on its own training samples, and how many each threshold would take: in sample, for reading thresholds only. */
function inSampleP(ship: ShippedModel, all: readonly WalkSample[]) {
  const ps = all.map((s) => ship.p(s.x));
  const taken = (t: number) => ps.filter((p) => p >= t).length;
  const cuts = [...new Set([ship.hyper.threshold, configFor('active').decision.threshold, configFor('spec').decision.threshold])];
  return { distribution: distribution(ps), n: ps.length, taken_at: Object.fromEntries(cuts.map((t) => [String(t), taken(t)])) };
}

export function buildCard(i: CardInputs): ModelCard {
  const run = i.runs.find((r) => r.profile === i.shipped)!;
  const features = newestRowFeatures(FEATURE_SCHEMA);
  return {
    generated_by: 'npm run train -- --walk-forward',
    summary: run.summary,
    model: {
      file: 'decision.onnx', bytes: i.bytes.length, sha256: createHash('sha256').update(i.bytes).digest('hex'),
      kind: 'logistic', feature_schema_hash: i.ship.spec.featureSchemaHash,
      inputs: FEATURE_SCHEMA.map((m) => ({ name: m.name, shape: [1, m.rows, m.features.length], dtype: 'float32' })),
      output: 'p [1,1] float32: P(net P&L > 0) for the proposed trade',
      onnx_check: { max_abs_diff_vs_typescript: round6(i.maxDiff), tolerance: i.tolerance, samples: run.samples.length },
    },
    profile: i.shipped,
    threshold: {
      recommended: i.ship.hyper.threshold,
      rule: 'chosen on all samples by the inner procedure of walk_forward.scheme (inner out-of-sample mean R of the selected trades); 0 means take every synergy',
    },
    config: configSection(i.shipped, i.ship.hyper.threshold),
    label: LABEL,
    training: trainingSection(i, run.samples),
    data: {
      data_dir: '$ALGOSPACE_SHARED_DATA or ../shared/data',
      sources: run.reports.map((r) => ({ ...r })),
      excluded: EXCLUDED,
      cache: '.cache/train/<sha256 of the data files, source, profile config and replay code>.json (not shipped)',
    },
    walk_forward: run.wf,
    walk_forward_by_profile: Object.fromEntries(i.runs.map((r) => [r.profile, profileSection(r)])),
    caveats: caveats(i.runs),
    weights_raw_inputs: { bias: round6(i.ship.model.raw.b), ...Object.fromEntries(features.map((f, j) => [f.name, round6(i.ship.model.raw.w[j]!)])) },
  };
}
