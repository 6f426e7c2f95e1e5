// The shipped model: λ and threshold chosen on all samples by the same inner procedure the
// walk-forward folds use (select.ts), then one fit on all samples, laid out for the ONNX writer.
import { FEATURE_SCHEMA, featureSchemaHash, type MatrixSchema } from '../features/schema.ts';
import type { LogisticSpec } from '../decision/onnx-writer.ts';
import { fitModel, type FittedModel } from './fit.ts';
import { fullLogit, placeNewestRow } from './features.ts';
import { sigmoid } from './logistic.ts';
import { sparseMatrices } from './sample-cache.ts';
import { chooseHyper, type HyperChoice, type SelectOptions, type SelectSample } from './select.ts';

export interface ShippedModel {
  hyper: HyperChoice;
  model: FittedModel;
  spec: LogisticSpec;
  /** p of a feature vector as the ONNX graph computes it (float32 weights) */
  p: (x: ArrayLike<number>) => number;
}

/** `samples` sorted by decision time. */
export function shipModel(samples: readonly SelectSample[], o: SelectOptions, schema: readonly MatrixSchema[] = FEATURE_SCHEMA): ShippedModel {
  const hyper = chooseHyper(samples, o);
  const model = fitModel(samples, hyper.lambda);
  const weights = placeNewestRow(model.raw.w, schema);
  const spec: LogisticSpec = { weights, bias: model.raw.b, featureSchemaHash: featureSchemaHash(schema), inputs: schema };
  return { hyper, model, spec, p: (x) => sigmoid(fullLogit(sparseMatrices(x, schema), weights, model.raw.b, schema)) };
}
