// The trading session's inputs, results and the snapshot it commits with every step (session.ts).
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments/types.ts';
import type { DecisionView } from '../../../src-shared/trading.ts';
import type { WriteDb } from '../../store/db.ts';
import type { RunRow } from '../../store/trading.ts';
import type { BrokerState } from '../execution/paper-broker.ts';
import type { Decision } from '../decision/decide.ts';
import type { DecisionMatrices, DecisionModel } from '../decision/model.ts';
import type { SynergyEvent } from '../synergy/event.ts';
import type { AccountBook } from './account.ts';

export interface Snapshot {
  broker: BrokerState;
  account: AccountBook;
  step: number;
  prevEnd: number | null;
  lastPrice: number | null;
  /** the calendar's trading day of the last step (days since 1970-01-01); absent before issue 13 */
  tradingDay?: number | null;
  /** start of the 24-hour session (market ms) in snapshots before issue 13; read no more */
  sessionStart?: number | null;
}

export interface TradingSessionOptions {
  db: WriteDb;
  run: RunRow;
  spec: InstrumentSpec;
  config: Config;
  model: DecisionModel | null;
  /** why there is no model (shown in the rule path's reason) */
  modelProblem: string | null;
  autoApprove: boolean;
  brokerMode: 'bar' | 'tick';
  stepMs: number;
  /** wall clock for approval records */
  wallNow?: () => number;
}

export interface StepInput {
  bar: Bar;
  /** the 5m-stage ATR at this bar (null while warming up) */
  atr: number | null;
  synergy: SynergyEvent | null;
  /** the matrices right after this step (null until ready); only read when there is a synergy */
  matrices: () => DecisionMatrices | null;
  /** why the matrices are not ready, in words (for the rule path's reason); only read when they are not */
  matricesNotReady?: () => string | null;
}

export interface StepResult {
  /** the decide() verdict for this step's synergy (model or rule path), null without one */
  verdict: Decision | null;
  decision: DecisionView | null;
  fills: number;
  expired: number;
}

export type ActionResult = { ok: true; decision: DecisionView } | { ok: false; reason: string };
