// The trading.* commands of the contract, answered from the app's trading run and the store.
// Profile and auto-approve switches go the config editor's way (validated, written, recorded,
// hot-reloaded), so they are in the config history like any other change.
import { stringify } from 'yaml';
import { DEFAULT_CONFIG, type Config } from '../../../src-shared/config.ts';
import { applyProfile } from '../../../src-shared/profiles.ts';
import { journalCsv } from '../../../src-shared/journal-csv.ts';
import { fail, ok, type Result } from '../../../src-shared/result.ts';
import type { CommandName, Req, Value } from '../../../src-shared/ipc.ts';
import type { Db } from '../../store/db.ts';
import { journal } from '../../store/trading.ts';
import { journalRowAt } from '../visible.ts';
import type { ConfigService } from '../config/config-service.ts';
import type { ActionResult } from './session.ts';
import type { AppTrading } from './app-trading.ts';

type TradingCommand = Extract<CommandName, `trading.${string}`>;
export type TradingHandlers = { [N in TradingCommand]: (req: Req<N>) => Result<Value<N>> };

interface Deps {
  db: Db; trading: AppTrading; configService: ConfigService; config: Config;
  /** the replay clock while a replay of the symbol is loaded, else +∞ (nothing later is served) */
  until: (symbol: string) => number;
}

/** `deps` is read at each call (the engine builds its handler table before its fields). */
export function tradingHandlers(deps: () => Deps): TradingHandlers {
  const trading = { get: () => deps().trading };
  const config = () => deps().config;
  const apply = (next: Config): Result<Value<'config.get'>> => {
    const r = deps().configService.apply(stringify(next), 'editor');
    return r.ok ? ok(r.state) : { ok: false, problem: r.problems[0]! };
  };
  return {
    'trading.get': () => ok(trading.get().state()),
    'trading.approve': (req) => action(trading.get().approve(req.id, req.shownHash, req.reason)),
    'trading.reject': (req) => action(trading.get().reject(req.id, req.shownHash, req.reason)),
    'trading.markers': (req) => {
      const until = deps().until(req.symbol);
      return ok(trading.get().markers(req.symbol, req.from, Math.min(req.to ?? Infinity, until)));
    },
    'trading.journal': (req) => {
      const { db, until } = deps();
      // an earlier run may have gone further than the replay clock: its later decisions are not shown,
      // and the others as they stood at the clock (visible.ts)
      const rows = journal(db, { status: req.status, symbol: req.symbol, limit: req.limit ?? 5_000, newestFirst: true })
        .flatMap((r) => { const v = journalRowAt(r, until(r.decision.symbol)); return v ? [v] : []; });
      return ok({ rows, csv: journalCsv(rows) });
    },
    'trading.setProfile': (req) => apply(applyProfile(config(), req.profile, DEFAULT_CONFIG)),
    'trading.setAutoApprove': (req) => apply({ ...config(), exec: { ...config().exec, auto_approve: req.on } }),
    'trading.setPauseOnDecision': (req) => apply({ ...config(), replay: { ...config().replay, pause_on_decision: req.on } }),
    'trading.killSwitch': (req) => ok(trading.get().killSwitch(req.on)),
  };
}

function action(r: ActionResult): Result<Value<'trading.approve'>> {
  return r.ok ? ok(r.decision) : fail('trading', r.reason);
}
