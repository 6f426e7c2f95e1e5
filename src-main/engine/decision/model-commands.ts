// The model.* commands of the contract: the live decision model and its card, and loading another.
// model.load answers at once (loading: true); the load runs on (tens of ms to read, check and warm
// a model) and model.changed carries the outcome: the new model, or the refusal in `problem` with the
// previous model still in use.
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { fail, ok, type Result } from '../../../src-shared/result.ts';
import type { CommandName, Req, Value } from '../../../src-shared/ipc.ts';
import type { ModelInfo } from '../../../src-shared/model-card.ts';
import type { AppTrading } from '../trading/app-trading.ts';

type ModelCommand = Extract<CommandName, `model.${string}`>;
export type ModelHandlers = { [N in ModelCommand]: (req: Req<N>) => Result<Value<N>> };

interface Deps {
  trading: AppTrading;
  /** a new model is live: re-seek a loaded replay to its clock, so the next run decides with it */
  restart: () => void;
  /** model.changed */
  emit: (info: ModelInfo) => void;
}

/** A typed path: surrounding blanks and quotes (a pasted "…") dropped, `~/` is the home folder. */
export function modelPathOf(typed: string): string {
  const p = typed.trim().replace(/^(['"])(.*)\1$/, '$2');
  return resolve(p.startsWith('~/') ? `${homedir()}${p.slice(1)}` : p);
}

/** `deps` is read at each call (the engine builds its handler table before its fields). */
export function modelHandlers(deps: () => Deps): ModelHandlers {
  return {
    'model.get': () => ok(deps().trading.modelInfo()),
    'model.load': (req) => {
      const { trading, restart, emit } = deps();
      if (trading.modelInfo().loading) return fail('model_busy', 'a decision model is being loaded; try again when it is done');
      const done = () => emit(trading.modelInfo());
      // replaceModel marks the load as under way before its first await: the answer says loading
      void trading.replaceModel(modelPathOf(req.path), restart).then(done, done);
      return ok(trading.modelInfo());
    },
  };
}
