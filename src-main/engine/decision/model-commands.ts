// The model.* commands of the contract: the live decision model and its card, and loading another.
import { fail, type Result } from '../../../src-shared/result.ts';
import type { CommandName, Req, Value } from '../../../src-shared/ipc.ts';
import type { AppTrading } from '../trading/app-trading.ts';

type ModelCommand = Extract<CommandName, `model.${string}`>;
export type ModelHandlers = { [N in ModelCommand]: (req: Req<N>) => Result<Value<N>> };

interface Deps { trading: AppTrading }

/** `deps` is read at each call (the engine builds its handler table before its fields). */
export function modelHandlers(deps: () => Deps): ModelHandlers {
  void deps;
  return {
    'model.get': () => fail('not-implemented', 'model.get is not built yet'),
    'model.load': () => fail('not-implemented', 'model.load is not built yet'),
  };
}
