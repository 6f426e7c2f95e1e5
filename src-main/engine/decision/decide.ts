// Decision = synergy + p ≥ threshold (SPEC §5.1). Two paths, and every decision says which one
// made it:
// - model: p from the ONNX model, threshold decision.threshold (0.65);
// - rule:  p = the synergy's pattern_quality, threshold decision.rule_threshold (0: every synergy
//          goes on to risk). Used when no valid model is loaded, the matrices are not ready, or
//          the model fails on this call (then reason starts with 'model failed: ').
import type { Config } from '../../../src-shared/config.ts';
import type { DecisionMatrices, DecisionModel } from './model.ts';

export type DecisionPath = 'model' | 'rule';

export interface Decision {
  readonly path: DecisionPath;
  readonly p: number;
  readonly threshold: number;
  readonly accepted: boolean;
  readonly reason: string;
}

export interface DecideInput {
  /** null when no valid model is loaded (see loadDecisionModel's Problem) */
  readonly model: DecisionModel | null;
  /** null when an assembler is not ready yet */
  readonly matrices: DecisionMatrices | null;
  readonly patternQuality: number;
  readonly cfg: Config['decision'];
  /** why there is no model, e.g. the load Problem's code; shown in the rule path's reason */
  readonly noModelReason?: string;
}

/**
 * The verdict for one synergy, without a promise when none is needed: the rule path, and a
 * synchronous model (the engine's case). Only an asynchronous model returns a promise. A step's
 * latency is what the trader waits for, and every await is a trip through the microtask queue.
 */
export function decide(input: DecideInput): Decision | Promise<Decision> {
  const { model, matrices, cfg } = input;
  if (model === null) return rule(input, input.noModelReason ?? 'no model');
  if (matrices === null) return rule(input, 'matrices not ready');
  const ok = (p: number) => verdict('model', p, cfg.threshold, `model ${model.kind || 'onnx'}`);
  const failed = (e: unknown) => rule(input, `model failed: ${e instanceof Error ? e.message : String(e)}`);
  if (model.predictSync) {
    try {
      return ok(model.predictSync(matrices));
    } catch (e) {
      return failed(e);
    }
  }
  return model.predict(matrices).then(ok, failed);
}

function rule(input: DecideInput, why: string): Decision {
  return verdict('rule', input.patternQuality, input.cfg.rule_threshold, `${why}; rule: pattern_quality`);
}

function verdict(path: DecisionPath, p: number, threshold: number, prefix: string): Decision {
  const accepted = p >= threshold; // NaN compares false: a broken p never trades
  return { path, p, threshold, accepted, reason: `${prefix} p=${fmt(p)} ${accepted ? '≥' : '<'} ${fmt(threshold)}` };
}

const fmt = (x: number): string => (Number.isFinite(x) ? String(Number(x.toFixed(4))) : String(x));
