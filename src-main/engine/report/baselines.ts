// Baselines: every synergy of the run re-traded on its own with the training label's simulation
// (training/label.ts: the real PaperBroker in bar mode over the step bars), so the run's decisions can be
// compared with taking everything or the rule alone. The plan is the one the session would size:
// proposeTrade at the synergy's price (its step bar's close) with its recorded ATR, the run's risk config
// and its start equity; the order is submitted at the synergy's time and fills at the next step bar's
// open. No overlap, no daily limits, no approval. What cannot be re-traded is counted by reason.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import type { Config } from '../../../src-shared/config.ts';
import type { InstrumentSpec } from '../../../src-shared/instruments/types.ts';
import type { RunReport } from '../../../src-shared/report.ts';
import type { ReportSynergyRow } from '../../store/report.ts';
import { proposeTrade } from '../risk/sizing.ts';
import { labelTrade, type TradeOutcome } from '../training/label.ts';
import { selectionGainCi } from '../stats/bootstrap.ts';
import { tradeStats, type StatTrade } from './trade-stats.ts';
import { firstBarFrom } from './trades.ts';

export interface Retraded {
  synergy: ReportSynergyRow;
  outcome: TradeOutcome;
}

export interface RetradeInput {
  synergies: readonly ReportSynergyRow[];
  bars: readonly Bar[];
  stepMs: number;
  /** null: the instrument is unknown, nothing can be re-traded */
  spec: InstrumentSpec | null;
  config: Config;
}

export interface RetradeResult {
  retraded: Retraded[];
  skipped: Record<string, number>;
}

export function retradeSynergies(inp: RetradeInput): RetradeResult {
  const retraded: Retraded[] = [], skipped: Record<string, number> = {};
  for (const s of inp.synergies) {
    const res = retradeOne(s, inp);
    if (typeof res === 'string') skipped[res] = (skipped[res] ?? 0) + 1;
    else retraded.push({ synergy: s, outcome: res });
  }
  return { retraded, skipped };
}

/** One synergy's outcome, or why it has none. */
function retradeOne(s: ReportSynergyRow, inp: RetradeInput): TradeOutcome | string {
  const { bars, spec, config } = inp;
  if (!spec) return 'no instrument spec';
  if (s.atr === null) return 'no ATR recorded';
  try {
    const plan = proposeTrade({ direction: s.direction, entry: s.price, atr: s.atr, spec, cfg: config.risk, equity: config.risk.account_equity });
    if (plan.size === 0) return 'size 0';
    const res = labelTrade({
      steps: bars, from: firstBarFrom(bars, s.t), proposal: plan, submittedAt: s.t, spec, exec: config.exec,
      maxBarsInTrade: config.risk.max_bars_in_trade, stepMs: inp.stepMs,
    });
    return res.ok ? res.outcome : res.reason;
  } catch (e) {
    // a plan or broker the run's config and spec cannot make today (e.g. a rate no longer stated)
    return `cannot re-trade: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const asTrade = (x: Retraded): StatTrade => ({ pnl: x.outcome.pnl, r: x.outcome.r, bars: x.outcome.barsHeld });

/** in exit order, as the run's own trades (the losing streak is counted in it) */
const statsOf = (xs: readonly Retraded[]) =>
  tradeStats([...xs].sort((a, b) => a.outcome.exitT - b.outcome.exitT || a.synergy.t - b.synergy.t).map(asTrade));

type BaselineKeys = Pick<RunReport, 'baselines' | 'baseline_take_all_expectancy_r' | 'baseline_take_all_expectancy_r_ci95'
  | 'baseline_rule_only_expectancy_r' | 'selected_expectancy_r' | 'decision_value_added_r' | 'decision_value_added_r_ci95'>;

export function baselineSection(synergies: number, r: RetradeResult, ruleThreshold: number): BaselineKeys {
  const all = r.retraded;
  const rule = all.filter((x) => x.synergy.quality >= ruleThreshold);
  const selectedFlags = all.map((x) => x.synergy.accepted === 1);
  const selected = all.filter((_, i) => selectedFlags[i]);
  const takeAll = statsOf(all), ruleOnly = statsOf(rule), sel = statsOf(selected);
  const added = takeAll.expectancy_r !== null && sel.expectancy_r !== null ? sel.expectancy_r - takeAll.expectancy_r : null;
  return {
    baselines: {
      synergies, retraded: all.length, skipped: r.skipped,
      take_all: { rule: 'every synergy of the run, re-traded on its own', stats: takeAll },
      rule_only: { rule: `pattern quality ≥ decision.rule_threshold (${ruleThreshold})`, stats: ruleOnly },
      selected: { rule: 'the synergies the run\'s decision step accepted (synergies.accepted = 1)', stats: sel },
    },
    baseline_take_all_expectancy_r: takeAll.expectancy_r,
    baseline_take_all_expectancy_r_ci95: takeAll.expectancy_r_ci95,
    baseline_rule_only_expectancy_r: ruleOnly.expectancy_r,
    selected_expectancy_r: sel.expectancy_r,
    decision_value_added_r: added,
    decision_value_added_r_ci95: added === null ? null : selectionGainCi(Float64Array.from(all, (x) => x.outcome.r), selectedFlags),
  };
}

/** What a reader of the baselines must know. */
export function baselineNotes(synergies: number, r: RetradeResult, ruleThreshold: number): string[] {
  const notes: string[] = [];
  const skipped = Object.entries(r.skipped);
  if (skipped.length) {
    notes.push(`baselines: ${r.retraded.length} of ${synergies} synergies re-traded; skipped: ${skipped.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  if (synergies === 0) notes.push('baselines: the run recorded no synergy');
  else if (!r.retraded.some((x) => x.synergy.accepted === 1)) notes.push('decision value added undefined: no accepted synergy was re-traded');
  if (r.retraded.length && !r.retraded.some((x) => x.synergy.quality >= ruleThreshold)) {
    notes.push(`rule-only baseline empty: no re-traded synergy has pattern quality ≥ ${ruleThreshold}`);
  }
  return notes;
}
