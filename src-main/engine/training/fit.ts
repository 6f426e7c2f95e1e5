// One logistic fit on feature vectors: z-scores from the training samples, Newton/IRLS, and the
// same model on raw inputs (the standardisation folded into the weights).
import { fitLogistic, fitStandardiser, foldStandardisation, sigmoid, standardise, type LogisticFit, type Standardiser } from './logistic.ts';

export interface Labelled {
  x: Float64Array;
  y: 0 | 1;
}

export interface FittedModel {
  standardiser: Standardiser;
  fit: LogisticFit;
  /** weights on raw features and bias */
  raw: { w: Float64Array; b: number };
}

export function fitModel(train: readonly Labelled[], lambda: number): FittedModel {
  const X = train.map((s) => s.x);
  const standardiser = fitStandardiser(X);
  const fit = fitLogistic(X.map((x) => standardise(standardiser, x)), train.map((s) => s.y), { lambda });
  return { standardiser, fit, raw: foldStandardisation(fit.w, fit.b, standardiser) };
}

export function predictRaw(m: FittedModel, x: ArrayLike<number>): number {
  let z = m.raw.b;
  for (let j = 0; j < m.raw.w.length; j++) z += m.raw.w[j]! * x[j]!;
  return sigmoid(z);
}
