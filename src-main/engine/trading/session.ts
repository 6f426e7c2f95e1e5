// The trading side of a run (SPEC §4–§5): per step, synergy → decision (model or rule) → risk →
// approval queue → paper broker. Every state change commits in one SQLite transaction with the rows
// that record it and the run's cursor and snapshot, so a killed run restarts at a step boundary:
// the caller re-feeds the indicator pipeline up to `cursorT` (deterministic, so the same synergies
// come back) and calls step() only for later bars.
//
// Order inside a step (the close of bar k, known at E = bar.t + step length):
//   1. a new trading day (the instrument's calendar: tradingDay(bar.t) changed) resets the daily counters;
//   2. the broker gets bar k: orders submitted at or before bar k's start fill at its open (bar mode),
//      brackets walk the bar's conservative path, the time stop counts bars;
//   3. pending decisions whose expiry step has come expire;
//   4. a synergy at this step is decided, sized, checked by risk and queued (or auto-approved, which
//      submits the order for the next bar's open / the next tick).
// Set-up refuses an index (not tradable) and an instrument whose currency has no stated rate into the
// account currency (risk/currency.ts); money in the account and the records is in the account currency.
// Tick mode (the CLI on tick files): onTick feeds the broker between steps; its fills are booked at
// the next step's commit, so the snapshot never gets ahead of the rows. Human approvals use bar mode.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { DecisionView, TradingAccount } from '../../../src-shared/trading.ts';
import { checkpointPassive, type WriteDb } from '../../store/db.ts';
import {
  expireDecisions, getDecision, insertApproval, insertDecision, insertOrder, insertSynergy, nextExpiryStep, saveCursor,
  saveState, settleDecision, type RunRow, type ShownDecision,
} from '../../store/trading.ts';
import { PaperBroker, type FillEvent } from '../execution/paper-broker.ts';
import { decide, type Decision } from '../decision/decide.ts';
import type { DecisionMatrices } from '../decision/model.ts';
import type { SynergyEvent } from '../synergy/event.ts';
import { planProposal, planTicks, type TradeProposal } from '../risk/sizing.ts';
import { accountRate, assertTradable } from '../risk/currency.ts';
import { calendarFor } from '../../../src-shared/instruments/calendar.ts';
import type { TradingCalendar } from '../../../src-shared/instruments/types.ts';
import { proposeChecked, riskReasons, warmRiskTexts, type GateInput } from './risk-gate.ts';
import { correlationId } from '../log/correlation.ts';
import { newAccount, startSession, type AccountBook } from './account.ts';
import { recordFills } from './records.ts';
import { shownHash } from './view.ts';
import type { ActionResult, Snapshot, StepInput, StepResult, TradingSessionOptions } from './session-types.ts';

export type { ActionResult, StepInput, StepResult, TradingSessionOptions } from './session-types.ts';
import { REHEARSAL_T, REHEARSAL_VERDICT, ROLLBACK, WARM_UP_ROUNDS, rehearsalSynergy } from './rehearsal.ts';

/**
 * Steps between WAL checkpoints taken after a step without a synergy. Each step commits a page or
 * two; SQLite's own checkpoint (at 1,000 WAL pages) runs inside whichever commit crosses the line
 * and costs milliseconds (it syncs the database file), so left alone it sometimes lands on a
 * decision. Checkpointing at quiet steps keeps the WAL far below that line.
 */
const CHECKPOINT_EVERY_STEPS = 128;

export class TradingSession {
  readonly run: RunRow;
  readonly #o: TradingSessionOptions;
  readonly #db: WriteDb;
  readonly broker: PaperBroker;
  #account: AccountBook;
  #step = 0;
  #prevEnd: number | null = null;
  /** the calendar's trading day of the last step (null before the first) */
  #tradingDay: number | null = null;
  readonly #calendar: TradingCalendar;
  #lastPrice: number | null = null;
  #cursorT: number | null;
  /** tick-mode fills not yet booked */
  #tickFills: FillEvent[] = [];
  /**
   * The earliest expiry step among this run's pending decisions (null: none pending). Only this
   * session writes its run's decisions, so a step looks for due decisions only when one can be due
   * instead of querying on every bar; after an action it may be early, never late.
   */
  #nextExpiry: number | null;
  #checkpointStep = 0;
  /** one transaction function for every step (better-sqlite3 builds a wrapper per transaction() call) */
  readonly #stepTx: (input: StepInput, verdict: Decision | null, wall: number, res: StepResult) => void;
  readonly #rehearsalTx: (body: () => void) => void;

  constructor(o: TradingSessionOptions) {
    this.#o = o;
    this.#db = o.db;
    this.run = o.run;
    assertTradable(o.spec);
    const rate = accountRate(o.spec, o.config.risk); // throws when the rate is not stated
    this.#calendar = calendarFor(o.spec.calendar);
    this.broker = new PaperBroker({ spec: o.spec, exec: o.config.exec, maxBarsInTrade: o.config.risk.max_bars_in_trade, mode: o.brokerMode, rate });
    this.#account = newAccount(o.config.risk);
    this.#cursorT = o.run.cursor_t;
    this.#nextExpiry = nextExpiryStep(o.db, o.run.id);
    this.#stepTx = o.db.transaction((input: StepInput, verdict: Decision | null, wall: number, res: StepResult) =>
      this.#commitStep(input, verdict, wall, res));
    this.#rehearsalTx = o.db.transaction((body: () => void) => { body(); throw ROLLBACK; });
    if (o.run.state_json) {
      const s = JSON.parse(o.run.state_json) as Snapshot;
      this.broker.restore(s.broker);
      this.#account = s.account;
      this.#step = s.step;
      this.#prevEnd = s.prevEnd;
      this.#lastPrice = s.lastPrice;
      // snapshots before issue 13 have no trading day: the last step's is the one it was in
      this.#tradingDay = s.tradingDay ?? (s.prevEnd === null ? null : this.#calendar.tradingDay(s.prevEnd - o.stepMs));
    }
  }

  /**
   * Runs the decision path inside a transaction that is rolled back, so the first real synergies do
   * not pay for preparing statements, compiling code and loading number formats (their latency is
   * what the trader waits for): a few rounds of a queued (or auto-approved) decision and one that
   * risk rejects, every risk reason's text, and the rule and model verdicts (the model on zeros).
   * Nothing is stored and the broker is put back as it was.
   */
  warmUp(): void {
    const stepMs = this.#o.stepMs, tick = this.#o.spec.tickSize, price = 1000 * tick;
    this.#rolledBack((restoreBroker) => {
      let t = REHEARSAL_T;
      expireDecisions(this.#db, this.run.id, { step: this.#step, reason: 'warm-up', exchangeT: t, wallT: 0 });
      for (let i = 0; i < WARM_UP_ROUNDS; i++) {
        const bar = { t, o: price, h: price, l: price, c: price, v: 0 };
        this.#record(rehearsalSynergy(t, stepMs), REHEARSAL_VERDICT, bar, 10 * tick, t + stepMs, 0);
        t += stepMs;
        this.#record(rehearsalSynergy(t, stepMs), REHEARSAL_VERDICT, { ...bar, t }, null, t + stepMs, 0);
        t += stepMs;
        restoreBroker(); // an auto-approved round placed an order
      }
      saveCursor(this.#db, this.run.id, t, this.#step, this.#snapshot());
    });
    warmRiskTexts(this.#o.spec, this.#o.config.risk);
    const cfg = this.#o.config.decision, model = this.#o.model;
    decide({ model: null, matrices: null, patternQuality: 0, cfg, noModelReason: 'warm-up' });
    // the model path too when it is synchronous (an asynchronous one would finish after this returns)
    if (model?.predictSync && model.zeros) for (let i = 0; i < WARM_UP_ROUNDS; i++) decide({ model, matrices: model.zeros, patternQuality: 0, cfg });
  }

  /**
   * Rehearses one decision between bars, so that a synergy at the next close finds the model, risk
   * and insert code and data still in the CPU caches. After a few hundred bars of indicator work a
   * cold decision costs about twice a warm one (README, Benchmark: the bench times both in one run).
   * The model runs on `matrices` (this step's, or zeros), sizing and risk on the account as it
   * is, at the last close and `atr`, and the synergy and decision rows are inserted in a transaction
   * that is rolled back: nothing is stored and the broker is put back. Drivers call it after a step
   * that leaves the synergy detector armed (SynergyDetector.armed). A rehearsal never throws: it
   * returns what went wrong (nothing is stored either way), and trading goes on.
   */
  prime(matrices: DecisionMatrices | null, atr: number | null): Error | null {
    const model = this.#o.model, price = this.#lastPrice;
    if (price === null) return null;
    try {
      const input = matrices ?? model?.zeros ?? null;
      const v = model?.predictSync && input ? decide({ model, matrices: input, patternQuality: 0, cfg: this.#o.config.decision }) : null;
      const verdict = v && !(v instanceof Promise) ? v : REHEARSAL_VERDICT;
      const t = REHEARSAL_T, stepMs = this.#o.stepMs;
      this.#rolledBack(() => {
        this.#record(rehearsalSynergy(t, stepMs), { ...verdict, accepted: true }, { t, o: price, h: price, l: price, c: price, v: 0 }, atr, t + stepMs, 0);
      });
      return null;
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  }

  /**
   * Runs `body` in a transaction that is always rolled back; the broker and the expiry bookkeeping are
   * put back too. `body` may put the broker back itself between rounds.
   */
  #rolledBack(body: (restoreBroker: () => void) => void): void {
    const nextExpiry = this.#nextExpiry;
    const before = this.broker.snapshot();
    const restoreBroker = () => this.broker.restore(before);
    try {
      this.#rehearsalTx(() => body(restoreBroker));
    } catch (e) {
      if (e !== ROLLBACK) throw e;
    } finally {
      restoreBroker();
      this.#nextExpiry = nextExpiry;
    }
  }

  /** start of the last step bar committed; bars at or before it were already traded */
  get cursorT(): number | null { return this.#cursorT; }
  get steps(): number { return this.#step; }

  /**
   * One closed step bar, in time order, after the pipeline processed it. Synchronous: the kernel hands
   * it only synchronous models (an asynchronous one would let later bars overtake its decision).
   */
  step(input: StepInput): StepResult {
    const { bar, synergy } = input;
    if (this.#cursorT !== null && bar.t <= this.#cursorT) throw new Error(`trading step ${bar.t} at or before the cursor ${this.#cursorT}`);
    // The model runs outside the transaction; it reads only this step's matrices.
    const verdict = synergy ? this.#decide(synergy, input) : null;
    const res: StepResult = { verdict, decision: null, fills: 0, expired: 0 };
    // before this quiet step's commit, so that commit (not a decision's) pays for restarting the WAL
    if (!synergy && this.#step - this.#checkpointStep >= CHECKPOINT_EVERY_STEPS) {
      this.#checkpointStep = this.#step;
      checkpointPassive(this.#db);
    }
    this.#stepTx(input, verdict, this.#wall(), res);
    return res;
  }

  /** The body of step(), inside its transaction. */
  #commitStep(input: StepInput, verdict: Decision | null, wall: number, res: StepResult): void {
    const { bar, synergy } = input;
    const cfg = this.#o.config;
    // Daily loss and trades per day count per trading day of the instrument's calendar.
    const day = this.#calendar.tradingDay(bar.t);
    if (day !== this.#tradingDay) {
      startSession(this.#account);
      this.#tradingDay = day;
    }
    this.#prevEnd = bar.t + this.#o.stepMs;
    const barFills = this.broker.onBar(bar);
    const fills = this.#tickFills.length ? [...this.#tickFills, ...barFills] : barFills;
    this.#tickFills = [];
    if (fills.length) recordFills(this.#db, this.run.id, fills, this.#account, cfg.risk, this.#o.spec.currency);
    res.fills = fills.length;
    this.#lastPrice = bar.c;
    this.#step++;
    const E = bar.t + this.#o.stepMs;
    if (this.#nextExpiry !== null && this.#step >= this.#nextExpiry) {
      res.expired = expireDecisions(this.#db, this.run.id, {
        step: this.#step, reason: `no action within ${cfg.decision.approval_expiry_bars} bars`, exchangeT: E, wallT: wall,
      });
      this.#nextExpiry = nextExpiryStep(this.#db, this.run.id);
    }
    if (synergy && verdict) res.decision = this.#record(synergy, verdict, bar, input.atr, E, wall);
    this.#cursorT = bar.t;
    saveCursor(this.#db, this.run.id, bar.t, this.#step, this.#snapshot());
  }

  /** Tick mode: a trade print between steps. Fills are booked at the next step. */
  onTick(t: number, price: number): void {
    if (this.broker.pending() === null && this.broker.position() === null) return;
    const fills = this.broker.onTick(t, price);
    if (fills.length) this.#tickFills.push(...fills);
  }

  approve(id: number, shown: string, opts: { reason?: string | null; actor?: string; exchangeT?: number } = {}): ActionResult {
    return this.#act(id, shown, 'approve', opts);
  }

  reject(id: number, shown: string, opts: { reason?: string | null; actor?: string; exchangeT?: number } = {}): ActionResult {
    return this.#act(id, shown, 'reject', opts);
  }

  account(): TradingAccount {
    const a = this.#account, last = this.#lastPrice;
    return {
      equity: round2(a.equity), realized_pnl: round2(a.realized), unrealized_pnl: round2(last === null ? 0 : this.broker.unrealizedPnl(last)),
      day_pnl: round2(a.dayPnl), trades_today: a.tradesToday, consecutive_losses: a.consecutiveLosses, kill_switch: a.killSwitch,
      last_price: last,
    };
  }

  /** Engage or reset the kill switch by hand (risk rejects every new trade while it is on). */
  setKillSwitch(on: boolean): void {
    this.#account.killSwitch = on;
    saveState(this.#db, this.run.id, this.#snapshot());
  }

  #decide(ev: SynergyEvent, input: StepInput): Decision {
    const matrices = input.matrices();
    const d = decide({
      model: this.#o.model, matrices, patternQuality: ev.metadata.pattern_quality, cfg: this.#o.config.decision,
      noModelReason: this.#o.modelProblem ?? undefined,
      matricesNotReady: matrices === null && this.#o.model ? input.matricesNotReady?.() ?? undefined : undefined,
    });
    if (d instanceof Promise) throw new Error('an asynchronous decision model reached the trading session (use syncModel())');
    return d;
  }

  #record(ev: SynergyEvent, d: Decision, bar: Bar, atr: number | null, E: number, wall: number): DecisionView | null {
    const db = this.#db, cfg = this.#o.config;
    const synergyId = insertSynergy(db, {
      run_id: this.run.id, t: ev.time, bar_start: ev.bar_start, step: this.#step, pattern: ev.synergy_type, direction: ev.direction,
      price: bar.c, quality: ev.metadata.pattern_quality, bars_to_complete: ev.metadata.bars_to_complete,
      signals_json: JSON.stringify(ev.signals), path: d.path, p: Number.isFinite(d.p) ? d.p : null, threshold: d.threshold,
      accepted: d.accepted ? 1 : 0, reason: d.reason, atr: atr !== null && Number.isFinite(atr) ? atr : null,
      model_sha256: d.path === 'model' ? this.#o.model?.sha256 ?? null : null,
    });
    if (!d.accepted) return null;
    const { proposal, problems } = this.#propose(ev.direction, bar.c, atr);
    const expiresStep = this.#step + cfg.decision.approval_expiry_bars;
    const view: ShownDecision = {
      run_id: this.run.id, t: ev.time, symbol: this.#o.spec.symbol, pattern: ev.synergy_type, direction: ev.direction,
      path: d.path, p: Number.isFinite(d.p) ? d.p : null, threshold: d.threshold, reason: d.reason,
      entry: proposal?.entry ?? bar.c, stop: proposal?.stop ?? bar.c, target: proposal?.target ?? bar.c,
      size: proposal?.size ?? 0, unit: proposal?.unit ?? this.#o.spec.unit, risk_money: proposal?.riskMoney ?? 0, rr: proposal?.rr ?? 0,
      expires_t: E + cfg.decision.approval_expiry_bars * this.#o.stepMs, expires_step: expiresStep,
    };
    const hash = shownHash(view);
    // Auto-approval (paper) happens right here, in the transaction that queues the decision: the row
    // is written approved at once, and risk is not asked again (it has just seen the same account).
    const auto = !problems.length && this.#o.autoApprove;
    const status = problems.length ? 'rejected_by_risk' : auto ? 'approved' : 'pending';
    const id = insertDecision(db, {
      run_id: this.run.id, synergy_id: synergyId, t: ev.time, view, shown_hash: hash, status, risk_reasons: problems,
      expires_step: problems.length ? null : expiresStep,
      correlation_id: correlationId(['decision', this.#o.spec.symbol, ev.time]),
    });
    if (status === 'pending') this.#nextExpiry = Math.min(this.#nextExpiry ?? expiresStep, expiresStep);
    // the row as getDecision() would read it back, without the read (this is the latency-critical path)
    const stored: DecisionView = {
      ...view, id, status, risk_reasons: problems, shown_hash: hash, action: null, action_reason: null, action_wall_t: null,
    };
    if (!auto) return stored;
    this.#placeOrder(stored, E);
    insertApproval(db, { decision_id: id, action: 'auto_approve', reason: null, shown_hash: hash, exchange_t: E, wall_t: wall, actor: 'auto-approve (paper)' });
    return { ...stored, action: 'auto_approve', action_wall_t: wall };
  }

  /** The trade plan and every risk reason against it (risk-gate.ts), on the account and broker as they are. */
  #propose(direction: 1 | -1, close: number, atr: number | null): { proposal: TradeProposal | null; problems: string[] } {
    return proposeChecked(direction, close, atr, this.#gate());
  }

  #gate(): GateInput {
    return { spec: this.#o.spec, cfg: this.#o.config.risk, account: this.#account, broker: this.broker };
  }

  #act(id: number, shown: string, action: 'approve' | 'reject', opts: { reason?: string | null; actor?: string; exchangeT?: number }): ActionResult {
    const d = getDecision(this.#db, id);
    if (!d || d.run_id !== this.run.id) return { ok: false, reason: `decision ${id} is not in this run` };
    if (d.status !== 'pending') return { ok: false, reason: `decision ${id} is ${d.status.replace(/_/g, ' ')}, not pending` };
    if (d.shown_hash !== shown) return { ok: false, reason: `decision ${id} changed since it was shown (hash mismatch): look again` };
    const at = opts.exchangeT ?? (this.#prevEnd ?? d.t);
    let out!: ActionResult;
    this.#db.transaction(() => {
      out = this.#settle(d, action, opts.reason ?? null, opts.actor ?? 'trader', at, this.#wall());
      saveState(this.#db, this.run.id, this.#snapshot());
    })();
    return out;
  }

  /** Records the trader's action on a pending decision; an approval also places the order (inside the caller's transaction). */
  #settle(d: DecisionView, action: 'approve' | 'reject', reason: string | null, actor: string, at: number, wall: number): ActionResult {
    const db = this.#db, id = d.id;
    let status: DecisionView['status'] = 'rejected', reasons = d.risk_reasons;
    if (action === 'reject') {
      settleDecision(db, id, 'rejected');
    } else {
      // Risk looks again: the account may have moved since the decision was queued.
      const again = this.#recheck(d);
      if (again.length) {
        settleDecision(db, id, (status = 'rejected_by_risk'), (reasons = again));
      } else {
        settleDecision(db, id, (status = 'approved'));
        this.#placeOrder(d, at);
      }
    }
    insertApproval(db, { decision_id: id, action, reason, shown_hash: d.shown_hash, exchange_t: at, wall_t: wall, actor });
    return { ok: true, decision: { ...d, status, risk_reasons: reasons, action, action_reason: reason, action_wall_t: wall } };
  }

  /**
   * The order of an approved decision: its row (the bracket as shown), and the broker's working order
   * (risk counted it), which carries the shown distances so the bracket moves with the fill (SPEC §5.2).
   */
  #placeOrder(d: DecisionView, at: number): void {
    const orderId = insertOrder(this.#db, { run_id: this.run.id, decision_id: d.id, direction: d.direction, size: d.size, stop: d.stop, target: d.target, submitted_t: at });
    const sub = this.broker.submit({
      id: String(orderId), direction: d.direction, size: d.size, stop: d.stop, target: d.target, submittedAt: at, ...planTicks(d, this.#o.spec.tickSize),
    });
    if (!sub.ok) throw new Error(`broker refused order ${orderId}: ${sub.reason}`); // risk counts the broker's order and position
  }

  #recheck(d: DecisionView): string[] {
    return riskReasons(planProposal(d, this.#o.spec, this.#o.config.risk, this.#account.equity), this.#gate());
  }

  #snapshot(): string {
    const s: Snapshot = {
      broker: this.broker.snapshot(), account: this.#account, step: this.#step, prevEnd: this.#prevEnd,
      lastPrice: this.#lastPrice, tradingDay: this.#tradingDay,
    };
    return JSON.stringify(s);
  }

  #wall(): number {
    return (this.#o.wallNow ?? Date.now)();
  }
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
