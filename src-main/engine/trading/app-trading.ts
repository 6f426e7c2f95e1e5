// The trading side of the app's replay. Each time the replayer (re)warms its pipeline (load, seek,
// config reload) a new run starts at that point: market time must only go forward within a run.
// The previous run ends; its pending decisions expire ("replay moved"), its records stay in the journal.
// Closing the app changes nothing stored: a restart shows the journal exactly as it was, and a replay
// of the symbol loaded without a start time resumes the interrupted run where it stopped.
//
// Steps arrive synchronously from the replay loop; the decision model is async, so steps are chained
// and handled strictly in order. A step's matrices are copied when it arrives, before the pipeline
// moves on. Approvals are synchronous and land between steps (they see every committed step).
// The broker runs in bar mode on the step bars (next bar open after an approval).
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments.ts';
import type { TradeMarker, TradingState } from '../../../src-shared/trading.ts';
import { profileOf } from '../../../src-shared/profiles.ts';
import { DEFAULT_CONFIG } from '../../../src-shared/config.ts';
import type { WriteDb } from '../../store/db.ts';
import {
  countPending, createRun, expireDecisions, finishRun, latestRun, latestUnfinishedRun, listMarkers, unfinishedRuns, listPositions, pendingDecisions, tradingCounts,
  type RunRow,
} from '../../store/trading.ts';
import type { IndicatorPipeline, StepOut } from '../pipeline.ts';
import { decisionMatrices } from '../decision/inputs.ts';
import { loadDecisionModel, type DecisionModel } from '../decision/model.ts';
import { formatProblem } from '../../../src-shared/result.ts';
import type { Metrics } from '../health/metrics.ts';
import type { Logger } from '../log/logger.ts';
import { TradingSession, type ActionResult } from './session.ts';

export interface AppTradingOptions {
  db: WriteDb;
  config: () => Config;
  spec: (symbol: string) => InstrumentSpec | null;
  emit: (s: TradingState) => void;
  /** after each committed step and each trader action, with the number of decisions still pending */
  settled?: (pending: number, why: 'step' | 'action') => void;
  metrics?: Metrics | null;
  log?: Logger | null;
  now?: () => number;
  /** whether the store has a bar of `timeframe` starting after `t` (an interrupted run has steps left) */
  hasBarAfter?: (symbol: string, timeframe: '5m' | '30m', t: number) => boolean;
}

/** The config sections that decide and trade, as a comparable string (a run resumes only under the same). */
function tradingSettings(c: Config): string {
  return JSON.stringify([c.indicators, c.matrices, c.synergy, c.decision, c.risk, c.exec]);
}

const EMIT_EVERY_MS = 150;
const APP_SOURCE = 'app replay';
const STEP_MS = { '5m': 300_000, '30m': 1_800_000 } as const;

export class AppTrading {
  readonly #o: AppTradingOptions;
  #model: DecisionModel | null = null;
  #modelProblem: string | null = 'model not loaded yet';
  #session: TradingSession | null = null;
  /** the resumed run's cursor when the current run was resumed after a restart */
  #resumedAfter: number | null = null;
  #modelLoading = false;
  #symbol: string | null = null;
  #chain: Promise<void> = Promise.resolve();
  #seq = 0;
  #emitTimer: ReturnType<typeof setTimeout> | null = null;
  #lastEmit = 0;

  constructor(o: AppTradingOptions) {
    this.#o = o;
  }

  get modelProblem(): string | null { return this.#modelProblem; }

  /** Load the decision model once (start-up). A missing or broken file leaves the rule path, with the reason. */
  async loadModel(path: string): Promise<void> {
    this.#modelLoading = true;
    const r = await loadDecisionModel(path).finally(() => { this.#modelLoading = false; });
    await this.#model?.release();
    if (r.ok) {
      this.#model = r.value;
      this.#modelProblem = null;
      const c = this.#o.metrics?.component('decision');
      if (c) c.fallback = null;
      this.#o.log?.info({ file: path, kind: r.value.kind, loadMs: Math.round(r.value.loadMs) }, 'decision model loaded');
    } else {
      this.#model = null;
      this.#modelProblem = `${r.problem.code}: ${r.problem.message}`;
      this.#o.log?.error({ file: path, problem: r.problem }, `decision model unusable, rule path in use: ${formatProblem(r.problem)}`);
      const c = this.#o.metrics?.component('decision');
      if (c) {
        c.fail(0, new Error(this.#modelProblem), 0);
        c.fallback = `decision model unusable, rule path in use (${this.#modelProblem})`;
      }
    }
    this.#emitSoon(true);
  }

  /** Test hook: make the model fail on every call (as a crashed runtime would); decisions take the rule path. */
  breakModel(message = 'injected model failure'): void {
    if (!this.#model) return;
    const m = this.#model;
    const fail = () => { throw new Error(message); };
    this.#model = { ...m, predict: () => Promise.reject(new Error(message)), predictSync: m.predictSync ? fail : undefined };
  }

  /**
   * Where a replay of `symbol` picks up its interrupted run (the app was closed or killed mid-run):
   * the end of the run's last committed step, when that run can go on (see #resumable).
   * null: nothing to resume (a replay then starts a new run).
   */
  resumePoint(symbol: string): number | null {
    const run = this.#resumable(symbol);
    return run ? run.cursor_t + STEP_MS[run.timeframe] : null;
  }

  /** The symbol's interrupted app runs (unfinished, not the current one), newest first. */
  #interrupted(symbol: string): RunRow[] {
    return unfinishedRuns(this.#o.db, APP_SOURCE, symbol).filter((r) => r.id !== this.#session?.run.id);
  }

  /**
   * The interrupted run, when going on with it gives the decisions it would have made: the settings
   * that decide and trade (indicators to execution, not replay, alerts or logging) and the model are
   * the ones it was made with, and it has steps left to trade.
   */
  #resumable(symbol: string): (RunRow & { cursor_t: number }) | null {
    const run = this.#interrupted(symbol)[0];
    if (!run || run.cursor_t === null || this.#modelLoading) return null;
    if (tradingSettings(JSON.parse(run.config_json) as Config) !== tradingSettings(this.#o.config())) return null;
    if (run.model !== (this.#model?.file ?? null)) return null;
    if (!this.#o.hasBarAfter?.(symbol, run.timeframe, run.cursor_t)) return null;
    return run as RunRow & { cursor_t: number };
  }

  /**
   * The replayer's pipeline was warmed for a replay from `from`: a new run starts there, or, when the
   * replay starts where an interrupted run stopped (see resumePoint), that run goes on: its pending
   * decisions, orders, position and account as committed. The replay starts on a 30-minute boundary,
   * so it may repeat a few steps the run already traded; they only move the pipeline on, as in the
   * CLI's resume.
   */
  begin(symbol: string, from: number, pipeline: IndicatorPipeline): (out: StepOut, p: IndicatorPipeline) => boolean {
    const spec = this.#o.spec(symbol);
    const config = this.#o.config();
    const stepMs = STEP_MS[pipeline.mode];
    const prev = this.#resumable(symbol);
    // the replayer aligns a start down to 30 minutes: the continuation point lies in [from, from + 30 min)
    const resume = prev && prev.timeframe === pipeline.mode && spec && prev.cursor_t + stepMs >= from && prev.cursor_t + stepMs - from < 1_800_000
      ? prev : null;
    this.#end('replay moved');
    // interrupted runs that this replay does not continue end here, as a moved replay's does (not
    // while the model is still loading: whether one could resume is not known yet)
    if (!this.#modelLoading) {
      for (const r of this.#interrupted(symbol)) if (r.id !== resume?.id) this.#finish(r.id, 'replay moved (the interrupted run was not resumed)');
    }
    if (!spec) return () => false;
    const now = (this.#o.now ?? Date.now)();
    const run = resume ?? createRun(this.#o.db, {
      key: `app:${symbol}:${from}:${now}:${++this.#seq}`, source: APP_SOURCE, symbol, timeframe: pipeline.mode,
      profile: profileOf(config, DEFAULT_CONFIG), config_json: JSON.stringify(config),
      model: this.#model ? this.#model.file : null, auto_approve: config.exec.auto_approve ? 1 : 0, created_at: now,
    });
    if (resume) {
      this.#o.log?.info({ run: run.id, symbol, cursor: new Date(resume.cursor_t).toISOString(), steps: run.steps },
        `trading run ${run.id} resumed after its step at ${new Date(resume.cursor_t).toISOString()} (${run.steps} steps committed)`);
    }
    const session = new TradingSession({
      db: this.#o.db, run, spec, config, model: this.#model, modelProblem: this.#modelProblem,
      autoApprove: config.exec.auto_approve, brokerMode: 'bar', stepMs, wallNow: this.#o.now,
    });
    session.warmUp();
    this.#session = session;
    this.#resumedAfter = resume ? resume.cursor_t : null;
    this.#symbol = symbol;
    this.#chain = Promise.resolve();
    this.#emitSoon(true);
    const tradedUntil = session.cursorT ?? -Infinity;
    return (out, p) => this.#onStep(session, out, p, tradedUntil);
  }

  /** Hands a step to the session; false when there is nothing to trade (no bar, or a resumed run already traded it). */
  #onStep(session: TradingSession, out: StepOut, p: IndicatorPipeline, tradedUntil: number): boolean {
    if (!out.bar || out.bar.t <= tradedUntil) return false;
    const bar = out.bar;
    const atr = out.row?.atr ?? null;
    const synergy = out.synergy;
    const matrices = synergy ? decisionMatrices(p) : null; // copied now: the pipeline moves on
    const armed = p.synergy.armed; // a synergy can complete at the next step
    this.#chain = this.#chain.then(async () => {
      if (this.#session !== session) return; // the run ended (seek, reload) while this step waited
      const c = this.#o.metrics?.component('decision');
      const t0 = c ? c.now() : 0;
      try {
        const r = await session.step({ bar, atr, synergy, matrices: () => matrices });
        // rehearse the decision path while waiting for the next bar (the model on zeros: this step's matrices are gone)
        if (armed) {
          const failed = session.prime(null, atr);
          if (failed) this.#o.log?.warn({ err: failed }, 'decision rehearsal failed (nothing was stored)');
        }
        const v = r.verdict;
        if (v && c) {
          const t1 = c.now();
          // The model threw on this call: decide() already fell back to the rule; health shows why.
          if (v.reason.startsWith('model failed')) {
            c.fail(t1 - t0, new Error(v.reason), 1, t1);
            c.fallback = `decision model failing, rule path in use (${v.reason.split(';')[0]})`;
          } else {
            c.observe(t1 - t0, 1, t1);
            if (v.path === 'model') c.fallback = null;
          }
        }
        if (r.decision) {
          this.#o.log?.info({ correlationId: `decision:${session.run.symbol}:${r.decision.t}`, id: r.decision.id, status: r.decision.status, path: r.decision.path, p: r.decision.p },
            `decision ${r.decision.id}: ${r.decision.pattern} ${r.decision.direction > 0 ? 'long' : 'short'} ${r.decision.status.replace(/_/g, ' ')}`);
        }
        this.#emitSoon(r.decision !== null || r.fills > 0 || r.expired > 0);
        if (r.verdict) this.#o.settled?.(countPending(this.#o.db, session.run.id), 'step');
      } catch (e) {
        if (c) c.fail(c.now() - t0, e);
        this.#o.log?.error({ err: e }, 'trading step failed');
      }
    });
    return true;
  }

  /** decisions of the current run waiting for the trader */
  pendingCount(): number {
    return this.#session ? countPending(this.#o.db, this.#session.run.id) : 0;
  }

  /** resolves when every step handed over so far is committed (tests, shutdown) */
  idle(): Promise<void> {
    return this.#chain;
  }

  approve(id: number, shownHash: string, reason?: string): ActionResult {
    return this.#act((s) => s.approve(id, shownHash, { reason: reason ?? null }));
  }

  reject(id: number, shownHash: string, reason?: string): ActionResult {
    return this.#act((s) => s.reject(id, shownHash, { reason: reason ?? null }));
  }

  killSwitch(on: boolean): TradingState {
    this.#session?.setKillSwitch(on);
    this.#emitSoon(true);
    return this.state();
  }

  #act(fn: (s: TradingSession) => ActionResult): ActionResult {
    const s = this.#session;
    if (!s) return { ok: false, reason: 'no trading run: load a replay first' };
    const r = fn(s);
    if (r.ok) {
      this.#o.log?.info({ correlationId: `decision:${s.run.symbol}:${r.decision.t}`, id: r.decision.id, action: r.decision.action, reason: r.decision.action_reason },
        `decision ${r.decision.id} ${r.decision.status.replace(/_/g, ' ')} by the trader`);
    }
    this.#emitSoon(true);
    if (r.ok) this.#o.settled?.(countPending(this.#o.db, s.run.id), 'action');
    return r;
  }

  markers(symbol: string, from?: number, to?: number): TradeMarker[] {
    const run = this.#session && this.#symbol === symbol ? this.#session.run : latestRun(this.#o.db, symbol);
    return run ? listMarkers(this.#o.db, run.id, from, to) : [];
  }

  state(): TradingState {
    const s = this.#session, db = this.#o.db, config = this.#o.config();
    const empty = { synergies: 0, decisions: 0, approved: 0, rejected: 0, rejected_by_risk: 0, expired: 0, fills: 0 };
    const account = s ? s.account() : {
      equity: config.risk.account_equity, realized_pnl: 0, unrealized_pnl: 0, day_pnl: 0, trades_today: 0,
      consecutive_losses: 0, kill_switch: false, last_price: null,
    };
    const positions = s ? listPositions(db, s.run.id, s.run.symbol) : [];
    const orphan = s ? null : latestUnfinishedRun(db, APP_SOURCE);
    const resumable = orphan && this.#resumable(orphan.symbol)?.id === orphan.id
      ? { run_id: orphan.id, symbol: orphan.symbol, after: orphan.cursor_t! } : null;
    // the broker holds one position at a time: the open row is the one the account marks to market
    for (const p of positions) if (p.status === 'open') p.pnl = account.unrealized_pnl;
    return {
      run_id: s?.run.id ?? null, resumed_after: s ? this.#resumedAfter : null, resumable, symbol: this.#symbol,
      profile: profileOf(config, DEFAULT_CONFIG), auto_approve: config.exec.auto_approve,
      pause_on_decision: config.replay.pause_on_decision,
      decision_path: { model: this.#model?.file ?? null, problem: this.#modelProblem },
      pending: s ? pendingDecisions(db, s.run.id) : [],
      positions, account, counts: s ? tradingCounts(db, s.run.id) : empty,
    };
  }

  /** Ends the current run: pending decisions expire, the run is marked finished. */
  #end(why: string): void {
    const s = this.#session;
    if (!s) return;
    this.#session = null;
    this.#finish(s.run.id, why);
  }

  #finish(runId: number, why: string): void {
    const db = this.#o.db, wall = (this.#o.now ?? Date.now)();
    db.transaction(() => {
      expireDecisions(db, runId, { step: null, reason: why, exchangeT: null, wallT: wall });
      finishRun(db, runId, wall);
    })();
  }

  /** Shutdown: the run stays as committed (pending decisions stay pending in the journal). */
  close(): void {
    this.#session = null;
    if (this.#emitTimer) clearTimeout(this.#emitTimer);
    void this.#model?.release();
  }

  /** At most one trading.changed per EMIT_EVERY_MS; `now` skips the wait (approvals, decisions). */
  #emitSoon(now = false): void {
    const t = Date.now();
    if (now || t - this.#lastEmit >= EMIT_EVERY_MS) {
      if (this.#emitTimer) { clearTimeout(this.#emitTimer); this.#emitTimer = null; }
      this.#lastEmit = t;
      this.#o.emit(this.state());
      return;
    }
    this.#emitTimer ??= setTimeout(() => { this.#emitTimer = null; this.#lastEmit = Date.now(); this.#o.emit(this.state()); }, EMIT_EVERY_MS);
  }
}


