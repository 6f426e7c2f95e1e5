// The app's live decision model: the one its runs decide with, its card, and loading another.
// Two ways in, with different answers to a bad file:
//   start-up    the configured file (models/decision.onnx, ALGOSPACE_MODEL); unusable → no model,
//               the rule path decides and the decision stage shows degraded with the reason.
//   a trader's  "Load model…": the new file replaces the live one only when every check passes; a
//   load        refused file leaves the model in use as it was, and says why (info().problem).
import { basename } from 'node:path';
import type { ModelCard, ModelInfo } from '../../../src-shared/model-card.ts';
import { fail, formatProblem, type Problem, type Result } from '../../../src-shared/result.ts';
import type { Metrics } from '../health/metrics.ts';
import type { Logger } from '../log/logger.ts';
import { syncModel } from '../kernel/model.ts';
import { loadCheckedModel, type CheckedModel } from './model-card.ts';
import type { DecisionModel } from './model.ts';

export interface LiveModelHooks { metrics?: Metrics | null; log?: Logger | null }

/** A Problem as one line for the panel, the health stage and the rule path's reason. */
export const problemLine = (p: Problem): string => `${p.code}: ${formatProblem(p)}`;

/** Why a trader's file was refused: the file once, then what failed (the message names the file's base name). */
export function refusalLine(path: string, p: Problem): string {
  const exp = p.expected !== undefined || p.got !== undefined ? ` (expected ${p.expected ?? '?'}, got ${p.got ?? '?'})` : '';
  const other = p.file && p.file !== path ? ` [${p.file}]` : '';
  return `refused ${path} (${p.code}${p.field ? `, ${p.field}` : ''}): ${p.message}${other}${exp}`;
}

export class LiveModel {
  readonly #h: LiveModelHooks;
  #model: DecisionModel | null = null;
  #card: ModelCard | null = null;
  #cardProblem: string | null = null;
  /** why the rule path decides (null: a model is in use): short, it goes into every rule-path decision's reason */
  #ruleReason: string | null = 'model not loaded yet';
  /** the same with file, field, expected and got, for the panel */
  #ruleDetail: string | null = null;
  /** why the trader's last load was refused (the model in use stayed); cleared by a successful load */
  #refused: string | null = null;
  #loading = false;

  constructor(h: LiveModelHooks) {
    this.#h = h;
  }

  get model(): DecisionModel | null { return this.#model; }
  get loading(): boolean { return this.#loading; }
  get ruleReason(): string | null { return this.#ruleReason; }
  /** the model's identity in runs and fingerprints: file name and the first 64 bits of its sha256 (fingerprint.ts modelId) */
  get id(): string | null { return this.#model ? `${basename(this.#model.file)}:${this.#model.sha256.slice(0, 16)}` : null; }

  info(): ModelInfo {
    const m = this.#model;
    return {
      file: m?.file ?? null, sha256: m?.sha256 ?? null, kind: m ? m.kind || null : null, feature_schema_hash: m?.featureSchemaHash ?? null,
      loading: this.#loading,
      problem: this.#refused ?? this.#ruleDetail ?? this.#ruleReason, card: m ? this.#card : null, card_problem: m ? this.#cardProblem : null,
    };
  }

  /** Start-up: the file becomes the live model, or none is (the rule path, with the reason). */
  async startUp(path: string): Promise<void> {
    const r = await this.#open(path);
    const old = this.#model;
    if (r.ok) this.#use(r.value);
    else {
      this.#model = null;
      this.#card = null;
      this.#cardProblem = null;
      this.#ruleReason = `${r.problem.code}: ${r.problem.message}`;
      this.#ruleDetail = problemLine(r.problem);
      this.#h.log?.error({ file: path, problem: r.problem }, `decision model unusable, rule path in use: ${formatProblem(r.problem)}`);
      const c = this.#h.metrics?.component('decision');
      if (c) {
        c.fail(0, new Error(this.#ruleReason), 0);
        c.fallback = `decision model unusable, rule path in use (${this.#ruleReason})`;
      }
    }
    await old?.release();
  }

  /**
   * A trader's load. ok: the new model is live, and `old` (the one it replaced) is for the caller to
   * release once nothing uses it. Refused: nothing changed but info().problem.
   */
  async replace(path: string): Promise<Result<{ old: DecisionModel | null }>> {
    if (this.#loading) return fail('model_busy', 'a decision model is being loaded; try again when it is done');
    const r = await this.#open(path);
    if (!r.ok) {
      this.#refused = refusalLine(path, r.problem);
      this.#h.log?.warn({ file: path, problem: r.problem, inUse: this.#model?.file ?? null },
        `decision model ${path} refused; ${this.#model ? `${this.#model.file} stays in use` : 'the rule path stays in use'}: ${formatProblem(r.problem)}`);
      // shows on the decision stage (degraded for a minute, last error) without taking the live model away
      this.#h.metrics?.component('decision').fail(0, new Error(`model load refused: ${problemLine(r.problem)}`), 0);
      return r;
    }
    const old = this.#model;
    this.#use(r.value);
    return { ok: true, value: { old } };
  }

  /** Test hook: make the model fail on every call (as a crashed runtime would). */
  break(message: string): void {
    const m = this.#model;
    if (!m) return;
    const fail = () => { throw new Error(message); };
    this.#model = { ...m, predict: () => Promise.reject(new Error(message)), predictSync: m.predictSync ? fail : undefined };
  }

  release(): void {
    void this.#model?.release();
  }

  async #open(path: string): Promise<Result<CheckedModel>> {
    this.#loading = true;
    try {
      const r = await loadCheckedModel(path);
      if (!r.ok) return r;
      // the kernel decides synchronously: a model without the synchronous runtime cannot be used
      const chosen = syncModel({ model: r.value.model, problem: null });
      if (!chosen.model) {
        await r.value.model.release().catch(() => undefined);
        return fail('model_async', chosen.problem!, { file: path });
      }
      return r;
    } finally {
      this.#loading = false;
    }
  }

  #use(c: CheckedModel): void {
    this.#model = c.model;
    this.#card = c.card;
    this.#cardProblem = c.cardProblem;
    this.#ruleReason = null;
    this.#ruleDetail = null;
    this.#refused = null;
    const comp = this.#h.metrics?.component('decision');
    if (comp) comp.fallback = null;
    this.#h.log?.info({ file: c.model.file, sha256: c.model.sha256, kind: c.model.kind, loadMs: Math.round(c.model.loadMs), card: c.card ? 'checked' : c.cardProblem },
      `decision model loaded: ${c.model.file} (sha256 ${c.model.sha256.slice(0, 12)}…${c.card ? ', matches its card' : `; ${c.cardProblem}`})`);
  }
}
