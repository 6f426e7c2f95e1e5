// The trading side of the app's replay. Each time the replay (re)builds its kernel (load, seek, config
// reload, a trader's model load) a new run starts at that point: market time must only go forward
// within a run, and a run is decided by one model. The previous run ends; its pending decisions
// expire ("replay moved", "decision model changed"), its records stay in the journal.
// Closing the app changes nothing stored: a restart shows the journal exactly as it was, and a replay
// of the symbol loaded without a start time resumes the interrupted run where it stopped, when its
// run fingerprint (data, trading settings, model, code) is unchanged.
//
// The kernel steps synchronously, so a step's decision is committed (and the replay held for it)
// before the next row is released. Approvals are synchronous and land between steps. Fills come from
// the finest stored data: trade prints where ticks are stored, else the step bars.
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
import type { KernelListener, KernelStep } from '../kernel/kernel.ts';
import { STEP_MS, type StepMode } from '../kernel/mode.ts';
import { runFingerprint } from '../kernel/fingerprint.ts';
import { LiveModel } from '../decision/live-model.ts';
import type { ModelInfo } from '../../../src-shared/model-card.ts';
import type { Result } from '../../../src-shared/result.ts';
import type { Metrics } from '../health/metrics.ts';
import type { Logger } from '../log/logger.ts';
import type { TradingSession, ActionResult } from './session.ts';
import { openSession } from '../kernel/session.ts';
import { tradingProblem } from '../risk/currency.ts';

export interface AppTradingOptions {
  db: WriteDb;
  config: () => Config;
  spec: (symbol: string) => InstrumentSpec | null;
  emit: (s: TradingState) => void;
  /** after each trader action, with the number of decisions still pending (steps hold the replay themselves) */
  settled?: (pending: number) => void;
  metrics?: Metrics | null;
  log?: Logger | null;
  now?: () => number;
  /** whether the store has a bar of `timeframe` starting after `t` (an interrupted run has steps left) */
  hasBarAfter?: (symbol: string, timeframe: '5m' | '30m', t: number) => boolean;
  /** what a replay of `symbol` steps on and the identity of its stored data (null: nothing stored) */
  data: (symbol: string) => { mode: StepMode; dataId: string } | null;
}

/** A session and what the kernel tells the app side at each step. */
export interface AppRun { session: TradingSession; listener: KernelListener }

const EMIT_EVERY_MS = 150;
const APP_SOURCE = 'app replay';

export class AppTrading {
  readonly #o: AppTradingOptions;
  /** the decision model runs are opened with (decision/live-model.ts) */
  readonly #live: LiveModel;
  #session: TradingSession | null = null;
  /** the resumed run's cursor when the current run was resumed after a restart */
  #resumedAfter: number | null = null;
  #modelLoading = false;
  #symbol: string | null = null;
  /** why the current replay is not traded (null: it is, or none is loaded) */
  #notTrading: string | null = null;
  #seq = 0;
  #emitTimer: ReturnType<typeof setTimeout> | null = null;
  #lastEmit = 0;

  constructor(o: AppTradingOptions) {
    this.#o = o;
    this.#live = new LiveModel({ metrics: o.metrics, log: o.log });
  }

  get modelProblem(): string | null { return this.#live.ruleReason; }

  /** the live model, its card, and whether a load is under way (model.get) */
  modelInfo(): ModelInfo { return this.#live.info(); }

  /** the current run's id (null: none), without building the whole state */
  get runId(): number | null { return this.#session?.run.id ?? null; }

  /** Load the decision model once (start-up). A missing or broken file leaves the rule path, with the reason. */
  async loadModel(path: string): Promise<void> {
    this.#modelLoading = true;
    await this.#live.startUp(path).finally(() => { this.#modelLoading = false; });
    this.#emitSoon(true);
  }

  /**
   * A trader's "Load model…": every check passes, or nothing changes but the refusal's reason. A new
   * model starts a new run: the current one ends ("decision model changed", its pending decisions
   * expire) and `restart` (the engine re-seeks a loaded replay to its clock) opens the next run with
   * the new model, so every run is decided by the one model its fingerprint names. The replaced model
   * is released only after that, when no session holds it.
   */
  async replaceModel(path: string, restart: () => void): Promise<Result<ModelInfo>> {
    const r = await this.#live.replace(path);
    if (r.ok) {
      this.#end('decision model changed');
      restart();
      await r.value.old?.release().catch(() => undefined);
    }
    this.#emitSoon(true);
    return r.ok ? { ok: true, value: this.#live.info() } : r;
  }

  /** Test hook: make the model fail on every call (as a crashed runtime would); decisions take the rule path. */
  breakModel(message = 'injected model failure'): void {
    this.#live.break(message);
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

  /** The fingerprint a run of `symbol` has under the settings and model in force (null: no data). */
  #fingerprint(symbol: string): string | null {
    const d = this.#o.data(symbol);
    return d ? runFingerprint({ data: d.dataId, symbol, spec: this.#o.spec(symbol), mode: d.mode, config: this.#o.config(), model: this.#live.id }) : null;
  }

  /**
   * The interrupted run, when going on with it gives the decisions it would have made: its fingerprint
   * (data, the settings that decide and trade, model, code) is the one in force, and it has steps left.
   */
  #resumable(symbol: string): (RunRow & { cursor_t: number }) | null {
    const run = this.#interrupted(symbol)[0];
    if (!run || run.cursor_t === null || this.#modelLoading) return null;
    const fp = this.#fingerprint(symbol);
    if (fp === null || !run.key.startsWith(`app:${fp}:`)) return null;
    if (!this.#o.hasBarAfter?.(symbol, run.timeframe, run.cursor_t)) return null;
    return run as RunRow & { cursor_t: number };
  }

  /**
   * A replay of `symbol` from `from` is starting: a new run starts there, or, when the replay starts
   * where an interrupted run stopped (see resumePoint), that run goes on: its pending decisions,
   * orders, position and account as committed. The replay starts on a 30-minute boundary, so it may
   * repeat a few steps the run already traded; the kernel only moves the pipeline on over them.
   */
  begin(symbol: string, from: number, mode: StepMode, inputMinutes: number): AppRun | null {
    const spec = this.#o.spec(symbol);
    const config = this.#o.config();
    const stepMs = STEP_MS[mode];
    const prev = this.#resumable(symbol);
    // the replayer aligns a start down to 30 minutes: the continuation point lies in [from, from + 30 min)
    const resume = prev && prev.timeframe === mode && spec && prev.cursor_t + stepMs >= from && prev.cursor_t + stepMs - from < 1_800_000
      ? prev : null;
    this.#end('replay moved');
    // interrupted runs that this replay does not continue end here, as a moved replay's does (not
    // while the model is still loading: whether one could resume is not known yet)
    if (!this.#modelLoading) {
      for (const r of this.#interrupted(symbol)) if (r.id !== resume?.id) this.#finish(r.id, 'replay moved (the interrupted run was not resumed)');
    }
    const fp = this.#fingerprint(symbol);
    this.#notTrading = spec ? tradingProblem(spec, config) : `${symbol} needs an instrument definition (tick size, point value, currency): define it in the import form or under instruments: in config.yaml`;
    this.#symbol = symbol;
    if (this.#notTrading !== null) {
      // the replay goes on without trading: one instrument's missing economics never stops the charts
      this.#o.log?.warn({ symbol }, `${symbol} is replayed without trading: ${this.#notTrading}`);
      this.#emitSoon(true);
      return null;
    }
    if (!spec || fp === null) return null;
    const now = (this.#o.now ?? Date.now)();
    const run = resume ?? createRun(this.#o.db, {
      key: `app:${fp}:${from}:${now}:${++this.#seq}`, source: APP_SOURCE, symbol, timeframe: mode,
      profile: profileOf(config, DEFAULT_CONFIG), config_json: JSON.stringify(config),
      model: this.#live.id, auto_approve: config.exec.auto_approve ? 1 : 0, created_at: now,
    });
    if (resume) {
      this.#o.log?.info({ run: run.id, symbol, cursor: new Date(resume.cursor_t).toISOString(), steps: run.steps },
        `trading run ${run.id} resumed after its step at ${new Date(resume.cursor_t).toISOString()} (${run.steps} steps committed)`);
    }
    const session = openSession({
      db: this.#o.db, run, spec, config, model: this.#live.model, modelProblem: this.#live.ruleReason, mode, inputMinutes, wallNow: this.#o.now,
    });
    this.#session = session;
    this.#resumedAfter = resume ? resume.cursor_t : null;
    this.#symbol = symbol;
    this.#emitSoon(true);
    return { session, listener: { step: (k) => this.#onStep(session, k) } };
  }

  /** After a committed step: health, log, events. True (hold the replay): a decision now waits for the trader. */
  #onStep(session: TradingSession, k: KernelStep): boolean {
    const r = k.result;
    if (r === null || this.#session !== session) return false;
    const c = this.#o.metrics?.component('decision');
    const v = r.verdict;
    if (v && c && k.decisionMs !== null) {
      const t1 = c.now();
      // The model threw on this call: decide() already fell back to the rule; health shows why.
      if (v.modelError !== undefined) {
        c.fail(k.decisionMs, new Error(v.modelError), 1, t1);
        c.fallback = `decision model failing, rule path in use (model failed: ${v.modelError})`;
      } else {
        c.observe(k.decisionMs, 1, t1);
        if (v.path === 'model') c.fallback = null;
      }
    }
    const d = r.decision;
    if (d) {
      this.#o.log?.info({ correlationId: `decision:${session.run.symbol}:${d.t}`, id: d.id, status: d.status, path: d.path, p: d.p },
        `decision ${d.id}: ${d.pattern} ${d.direction > 0 ? 'long' : 'short'} ${d.status.replace(/_/g, ' ')}`);
    }
    this.#emitSoon(d !== null || r.fills > 0 || r.expired > 0);
    return d?.status === 'pending' && this.#o.config().replay.pause_on_decision;
  }

  /** Log a failed decision rehearsal (nothing was stored; trading goes on). */
  rehearsalFailed(e: Error): void {
    this.#o.log?.warn({ err: e }, 'decision rehearsal failed (nothing was stored)');
  }

  /** Whether a replay may play: not while a decision waits for the trader and pause on decision is on. */
  mayPlay(): boolean {
    return !(this.#o.config().replay.pause_on_decision && this.pendingCount() > 0);
  }

  /** decisions of the current run waiting for the trader */
  pendingCount(): number {
    return this.#session ? countPending(this.#o.db, this.#session.run.id) : 0;
  }

  /** resolves when every step handed over so far is committed: at once, steps commit synchronously (tests) */
  idle(): Promise<void> {
    return Promise.resolve();
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
    if (r.ok) this.#o.settled?.(countPending(this.#o.db, s.run.id));
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
      pause_on_decision: config.replay.pause_on_decision, not_trading: this.#notTrading,
      decision_path: { model: this.#live.model?.file ?? null, problem: this.#live.ruleReason },
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
    this.#live.release();
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


