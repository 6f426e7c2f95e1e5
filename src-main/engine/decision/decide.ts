// Decision = synergy + p ≥ threshold (SPEC §5.1). Two paths, and every decision says in words which
// one made it and why (the reason is stored, exported and shown on the decision card):
// - model: p from the ONNX model, threshold decision.threshold (0.65);
// - rule:  p = the synergy's pattern_quality (SPEC §4.4), threshold decision.rule_threshold (a real
//          bar, never 0; see config.ts). Used when no valid model is loaded, when the matrices are not
//          ready, or when the model fails on this call. So where a replay starts (matrices warm or
//          not) can change the path, but never lets a synergy through unjudged.
import { basename } from 'node:path';
import type { Config } from '../../../src-shared/config.ts';
import type { DecisionMatrices, DecisionModel } from './model.ts';

export type DecisionPath = 'model' | 'rule';

export interface Decision {
  readonly path: DecisionPath;
  readonly p: number;
  readonly threshold: number;
  readonly accepted: boolean;
  readonly reason: string;
  /** a loaded model threw on this call (the rule path decided instead): its message, for health */
  readonly modelError?: string;
}

export interface DecideInput {
  /** null when no valid model is loaded (see loadDecisionModel's Problem) */
  readonly model: DecisionModel | null;
  /** null when an assembler is not ready yet */
  readonly matrices: DecisionMatrices | null;
  readonly patternQuality: number;
  readonly cfg: Config['decision'];
  /** why there is no model, e.g. the load Problem's code and message; shown in the rule path's reason */
  readonly noModelReason?: string;
  /** why the matrices are null, e.g. 'regime matrix has 12 of 96 rows' (inputs.ts matricesNotReady) */
  readonly matricesNotReady?: string;
}

/**
 * The verdict for one synergy, without a promise when none is needed: the rule path, and a
 * synchronous model (the engine's case). Only an asynchronous model returns a promise. A step's
 * latency is what the trader waits for, and every await is a trip through the microtask queue.
 */
export function decide(input: DecideInput): Decision | Promise<Decision> {
  const { model, matrices, cfg } = input;
  if (model === null) return rule(input, noModel(input.noModelReason));
  if (matrices === null) return rule(input, `matrices not ready for ${modelName(model)}${input.matricesNotReady ? `: ${input.matricesNotReady}` : ''}`);
  const ok = (p: number) => verdict('model', `${modelName(model)}: p`, p, cfg.threshold);
  const failed = (e: unknown): Decision => {
    const msg = e instanceof Error ? e.message : String(e);
    return { ...rule(input, `model failed: ${msg}`), modelError: msg };
  };
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
  return verdict('rule', `rule path (${why}): pattern quality`, input.patternQuality, input.cfg.rule_threshold);
}

// 'no model' alone when the caller's reason already says so ('no model (--model none)')
const noModel = (why: string | undefined): string => (!why ? 'no model' : why.startsWith('no model') ? why : `no model: ${why}`);

const modelName = (m: DecisionModel): string => {
  const file = m.file ? basename(m.file) : 'onnx';
  return `model ${file}${m.kind ? ` (${m.kind})` : ''}`;
};

function verdict(path: DecisionPath, what: string, p: number, threshold: number): Decision {
  // NaN or ±Infinity is a broken p, never a trade (Infinity ≥ threshold would otherwise pass)
  const finite = Number.isFinite(p);
  const accepted = finite && p >= threshold;
  const cmp = !finite ? 'is not finite, threshold' : accepted ? '≥ threshold' : '< threshold';
  return { path, p, threshold, accepted, reason: `${what} ${fmt(p)} ${cmp} ${fmt(threshold)} — ${accepted ? 'accepted' : 'rejected'}` };
}

const fmt = (x: number): string => (Number.isFinite(x) ? String(Number(x.toFixed(4))) : String(x));
