// The report.* commands of the contract: the run list and one run's report, from the store.
import { fail, type Result } from '../../../src-shared/result.ts';
import type { CommandName, Req, Value } from '../../../src-shared/ipc.ts';
import type { Db } from '../../store/db.ts';

type ReportCommand = Extract<CommandName, `report.${string}`>;
export type ReportHandlers = { [N in ReportCommand]: (req: Req<N>) => Result<Value<N>> };

interface Deps {
  db: Db;
  /** the current replay's run (null: none) */
  currentRunId: number | null;
}

/** `deps` is read at each call (the engine builds its handler table before its fields). */
export function reportHandlers(deps: () => Deps): ReportHandlers {
  void deps;
  return {
    'report.runs': () => fail('not-implemented', 'report.runs is not built yet'),
    'report.get': () => fail('not-implemented', 'report.get is not built yet'),
  };
}
