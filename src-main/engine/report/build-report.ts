// The backtest report of one trading run (src-shared/report.ts), from its recorded events and the step
// bars it traded on only: its trades and their statistics, the marked-to-market equity with its
// drawdown and daily ratios, exposure, baselines over its synergies, the model's calibration and
// breakdowns. Everything is one pass or a sort over bars, trades or synergies: a 20,000-step run
// reports in well under a second.
import { fail, ok, type Result } from '../../../src-shared/result.ts';
import type { RunListItem, RunReport } from '../../../src-shared/report.ts';
import type { Db } from '../../store/db.ts';
import { getRun } from '../../store/trading.ts';
import { listRunRows, reportRoundTrips, reportSynergies, runIds } from '../../store/report.ts';
import { breakdown, tradeStats } from './trade-stats.ts';
import { barIndexAt, runTrades } from './trades.ts';
import { equityCurve, exposurePct } from './equity.ts';
import { dailyCloses, dailyRatios, dayOf } from './daily.ts';
import { baselineNotes, baselineSection, retradeSynergies } from './baselines.ts';
import { calibrationBins } from './calibration.ts';
import { runContext, type RunContext } from './run-context.ts';

export function buildReport(db: Db, runId: number): Result<RunReport> {
  const run = getRun(db, runId);
  if (!run) {
    const ids = runIds(db);
    return fail('unknown-run', `no trading run ${runId} in the store (runs: ${ids.length ? ids.join(', ') : 'none'})`, { field: 'runId' });
  }
  return ok(reportOf(db, runContext(db, run)));
}

function reportOf(db: Db, ctx: RunContext): RunReport {
  const { run, config, spec, bars } = ctx;
  const notes = [...ctx.notes];
  const start = config.risk.account_equity;
  const positions = reportRoundTrips(db, run.id);
  const { trades, notes: tradeNotes } = runTrades(positions, bars);
  notes.push(...tradeNotes);
  const stats = tradeStats(trades);
  const eq = equityCurve({
    bars, stepMs: ctx.stepMs, start, positions, moneyPerPoint: spec && ctx.rate !== null ? spec.pointValue * ctx.rate : null,
  });
  const daily = dailyRatios(start, dailyCloses(eq.t, eq.equity, dayOf(ctx.calendar, spec?.exchangeTz ?? 'UTC')));
  notes.push(...daily.notes, ...statNotes(stats));
  const synergies = reportSynergies(db, run.id);
  const retrade = retradeSynergies({ synergies, bars, stepMs: ctx.stepMs, spec, config });
  notes.push(...baselineNotes(synergies.length, retrade, config.decision.rule_threshold));
  const calibration = calibrationBins(retrade.retraded);
  if (!calibration.length) notes.push('calibration: no model-path synergy with a p was re-traded');
  notes.push(`money in ${config.risk.account_currency}; start equity ${start} (risk.account_equity of the run's config); `
    + 'Sharpe and Sortino from daily returns of the marked-to-market equity, annualised with √252');
  return {
    run: {
      id: run.id, source: run.source, symbol: run.symbol, timeframe: run.timeframe, profile: run.profile, model: run.model,
      auto_approve: run.auto_approve === 1, created_at: run.created_at, finished_at: run.finished_at, steps: run.steps,
      currency: config.risk.account_currency, first_t: bars[0]?.t ?? run.first_t, last_t: bars.at(-1)?.t ?? run.cursor_t,
    },
    trades: stats.trades,
    win_rate: stats.win_rate,
    expectancy_r: stats.expectancy_r,
    expectancy_r_ci95: stats.expectancy_r_ci95,
    profit_factor: stats.profit_factor,
    sharpe: daily.sharpe,
    sortino: daily.sortino,
    max_drawdown: eq.maxDrawdown,
    max_drawdown_pct: eq.maxDrawdownPct,
    exposure_pct: exposurePct(bars, positions, (t) => barIndexAt(bars, t)),
    ...baselineSection(synergies.length, retrade, config.decision.rule_threshold),
    stats,
    start_equity: start,
    end_equity: eq.equity.at(-1) ?? start,
    trading_days: daily.days,
    by_pattern: breakdown(trades, (t) => t.pattern, stats),
    by_direction: breakdown(trades, (t) => (t.direction === 1 ? 'long' : 'short'), stats),
    by_instrument: breakdown(trades, () => run.symbol, stats),
    by_path: breakdown(trades, (t) => t.path, stats),
    equity: { t: eq.t, equity: eq.equity, drawdown: eq.drawdown },
    trades_list: trades,
    calibration,
    notes,
  };
}

/** Why a trade statistic is null. */
function statNotes(s: RunReport['stats']): string[] {
  if (s.trades === 0) return ['no closed trade: win rate, expectancy and profit factor are undefined'];
  const out: string[] = [];
  if (s.profit_factor === null) out.push('profit factor undefined: no losing trade');
  if (s.trades < 2) out.push('confidence intervals need at least 2 trades');
  return out;
}

/** Every run, newest first, as the report picker lists it. */
export function listRuns(db: Db): RunListItem[] {
  return listRunRows(db).map((r) => ({
    id: r.id, source: r.source, symbol: r.symbol, timeframe: r.timeframe, profile: r.profile, model: r.model,
    auto_approve: r.auto_approve === 1, created_at: r.created_at, finished_at: r.finished_at, steps: r.steps,
    synergies: r.synergies, fills: r.fills,
  }));
}
