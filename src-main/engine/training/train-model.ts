// From labelled samples to a logistic decision model: temporal split, λ chosen on a temporal
// validation slice of the training period, final fit on the whole training period, and the
// standardisation folded into full-size raw-matrix weights for the ONNX writer.
import { FEATURE_SCHEMA, featureSchemaHash, type MatrixSchema } from '../features/schema.ts';
import type { DecisionMatrices } from '../decision/model.ts';
import type { LogisticSpec } from '../decision/onnx-writer.ts';
import { fitLogistic, fitStandardiser, foldStandardisation, objective, sigmoid, standardise, type LogisticFit, type Standardiser } from './logistic.ts';
import { fullLogit, newestRow, placeNewestRow } from './features.ts';
import { temporalSplit, type TemporalSplit, type Timed } from './split.ts';

export interface TrainableSample extends Timed {
  matrices: DecisionMatrices;
  outcome: { label: 0 | 1 };
}

export interface TrainOptions {
  testFraction: number;
  /** candidate L2 strengths (on the summed log-loss); the best on the validation slice wins, ties → larger */
  lambdas: readonly number[];
  /** the last part of the training period used to choose λ */
  validationFraction: number;
  schema?: readonly MatrixSchema[];
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  testFraction: 0.3, lambdas: [0.1, 1, 10, 100, 1000], validationFraction: 0.25,
};

export interface TrainedModel<T extends TrainableSample> {
  split: TemporalSplit<T>;
  lambda: number;
  /** mean validation log-loss per λ (same order as options.lambdas) */
  validation: { lambda: number; logLoss: number }[];
  validationCut: number;
  standardiser: Standardiser;
  fit: LogisticFit;
  /** raw-feature weights (41) and bias after folding */
  raw: { w: Float64Array; b: number };
  /** what the ONNX writer takes: full-size float32 weights */
  spec: LogisticSpec;
  /** p of each train / test sample, computed as the ONNX graph does (float32 weights) */
  trainP: number[];
  testP: number[];
}

export function trainModel<T extends TrainableSample>(samples: readonly T[], opts: TrainOptions = DEFAULT_TRAIN_OPTIONS): TrainedModel<T> {
  const schema = opts.schema ?? FEATURE_SCHEMA;
  const split = temporalSplit(samples, opts.testFraction);
  if (split.train.length < 4) throw new Error(`trainModel: only ${split.train.length} training samples`);
  const X = split.train.map((s) => newestRow(s.matrices, schema));
  const y = split.train.map((s) => s.outcome.label);

  // λ: fit on the earlier part of the training period, score on its last part (never on test)
  const vSplit = temporalSplit(split.train, opts.validationFraction);
  const Xa = vSplit.train.map((s) => newestRow(s.matrices, schema)), ya = vSplit.train.map((s) => s.outcome.label);
  const Xv = vSplit.test.map((s) => newestRow(s.matrices, schema)), yv = vSplit.test.map((s) => s.outcome.label);
  const sa = fitStandardiser(Xa);
  const Za = Xa.map((x) => standardise(sa, x)), Zv = Xv.map((x) => standardise(sa, x));
  const validation = opts.lambdas.map((lambda) => {
    const f = fitLogistic(Za, ya, { lambda });
    return { lambda, logLoss: objective(Zv, yv, f.w, f.b, 0) / Math.max(1, Zv.length) };
  });
  let best = validation[0]!;
  for (const v of validation) if (v.logLoss <= best.logLoss) best = v;

  const standardiser = fitStandardiser(X);
  const fit = fitLogistic(X.map((x) => standardise(standardiser, x)), y, { lambda: best.lambda });
  const raw = foldStandardisation(fit.w, fit.b, standardiser);
  const weights = placeNewestRow(raw.w, schema);
  const spec: LogisticSpec = { weights, bias: raw.b, featureSchemaHash: featureSchemaHash(schema), inputs: schema };
  const p = (s: T) => sigmoid(fullLogit(s.matrices, weights, raw.b, schema));
  return {
    split, lambda: best.lambda, validation, validationCut: vSplit.cut, standardiser, fit, raw, spec,
    trainP: split.train.map(p), testP: split.test.map(p),
  };
}
