// The kernel decides synchronously (a step's decision commits before the next bar moves the pipeline
// on), so it takes a model only with a synchronous runtime; otherwise the rule path decides, and says why.
import type { DecisionModel } from '../decision/model.ts';

export interface ModelChoice { model: DecisionModel | null; problem: string | null }

export function syncModel(c: ModelChoice): ModelChoice {
  if (c.model && !c.model.predictSync) {
    return { model: null, problem: `model_async: ${c.model.file} loaded without the synchronous ONNX runtime; rule path in use` };
  }
  return c;
}
