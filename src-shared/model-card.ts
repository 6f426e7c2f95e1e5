// The decision model's card (models/<name>.card.json beside <name>.onnx), written by `npm run train`
// and read by the loader (the file's SHA-256 must equal model.sha256: a changed or bit-flipped model
// is refused) and by the app's model panel. Only the keys below are relied on; a card carries more
// (config, label definition, weights), which `.passthrough()` keeps.
import { z } from './zod.ts';

const Num = z.number().finite();
const Int = z.number().int();
const Ci95 = z.tuple([Num, Num]).nullable();

export const CardInput = z.object({ name: z.string(), shape: z.array(Int), dtype: z.string() });

/** Out-of-sample scores of one set of test samples (a fold, all folds pooled, or the 5m ones). */
export const OosScores = z.object({
  n: Int,
  positives: Int,
  /** 1 − Brier / Brier of the training base rate (> 0: better than always saying the base rate) */
  brier_skill: Num.nullable(),
  brier_skill_ci95: Ci95,
  auc: Num.nullable(),
  auc_ci95: Ci95,
  log_loss: Num.nullable(),
  log_loss_ci95: Ci95,
  /** mean R of the samples the fold's threshold selects, of every sample, and their paired difference */
  selected: Int,
  selected_expectancy_r: Num.nullable(),
  selected_expectancy_r_ci95: Ci95,
  take_all_expectancy_r: Num.nullable(),
  take_all_expectancy_r_ci95: Ci95,
  value_added_r: Num.nullable(),
  value_added_r_ci95: Ci95,
  /** equal-count bins of p; hit_rate_ci95: the bootstrap interval of the bin's hit rate (optional: older cards lack it) */
  calibration: z.array(z.object({ p_lo: Num, p_hi: Num, n: Int, mean_p: Num, hit_rate: Num, hit_rate_ci95: Ci95.optional() })),
}).passthrough();
export type OosScores = z.infer<typeof OosScores>;

export const WalkForwardFold = z.object({
  fold: Int,
  train: z.object({ from: z.string(), to: z.string(), n: Int }).passthrough(),
  test: z.object({ from: z.string(), to: z.string(), n: Int }).passthrough(),
  /** chosen inside the training window only */
  lambda: Num,
  threshold: Num,
  scores: OosScores,
}).passthrough();

export const WalkForward = z.object({
  /** how the folds are cut, purged and embargoed, in words */
  scheme: z.string(),
  embargo_bars: Int,
  folds: z.array(WalkForwardFold),
  pooled: OosScores,
  /** the samples from the 5m step only (the step the app trades) */
  pooled_5m: OosScores,
  pooled_30m: OosScores,
}).passthrough();
export type WalkForward = z.infer<typeof WalkForward>;

export const ModelCard = z.object({
  generated_by: z.string(),
  /** the result in one plain sentence */
  summary: z.string().optional(),
  model: z.object({
    file: z.string(), bytes: Int, sha256: z.string().regex(/^[0-9a-f]{64}$/), kind: z.string(),
    feature_schema_hash: z.string(), inputs: z.array(CardInput),
  }).passthrough(),
  profile: z.string(),
  data: z.object({ sources: z.array(z.object({ id: z.string(), mode: z.string() }).passthrough()) }).passthrough(),
  walk_forward: WalkForward.optional(),
  caveats: z.array(z.string()),
}).passthrough();
export type ModelCard = z.infer<typeof ModelCard>;

/** What the app shows of the live decision model (model.get / model.load). */
export const ModelInfo = z.object({
  /** the loaded model's file; null: none (the rule path decides) */
  file: z.string().nullable(),
  sha256: z.string().nullable(),
  /** the file's model_kind metadata ('logistic', …) and the feature-schema hash inside it (null without a model) */
  kind: z.string().nullable().optional(),
  feature_schema_hash: z.string().nullable().optional(),
  /** a load is under way */
  loading: z.boolean(),
  /** why no model is in use, or why the last load was refused (the previous model stays) */
  problem: z.string().nullable(),
  /** the card beside the file; null when there is none, with `card_problem` saying why */
  card: ModelCard.nullable(),
  card_problem: z.string().nullable(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;
