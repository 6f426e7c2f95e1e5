// The report.* commands of the contract: the run list and one run's report, from the store.
import { fail, ok, type Result } from '../../../src-shared/result.ts';
import type { CommandName, Req, Value } from '../../../src-shared/ipc.ts';
import type { Db } from '../../store/db.ts';
import { newestRunId } from '../../store/report.ts';
import { buildReport, listRuns } from './build-report.ts';

type ReportCommand = Extract<CommandName, `report.${string}`>;
export type ReportHandlers = { [N in ReportCommand]: (req: Req<N>) => Result<Value<N>> };

interface Deps {
  db: Db;
  /** the current replay's run (null: none) */
  currentRunId: number | null;
}

/** `deps` is read at each call (the engine builds its handler table before its fields). */
export function reportHandlers(deps: () => Deps): ReportHandlers {
  return {
    'report.runs': () => ok(listRuns(deps().db)),
    'report.get': (req) => {
      const { db, currentRunId } = deps();
      // the run asked for, else the one being replayed, else the newest
      const id = req.runId ?? currentRunId ?? newestRunId(db);
      if (id === null) return fail('no-run', 'no trading run in the store yet: replay with trading on, then ask again');
      return buildReport(db, id);
    },
  };
}
